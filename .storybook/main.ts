import type { StorybookConfig } from '@storybook/react-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  addons: ['msw-storybook-addon', '@storybook/addon-vitest', '@storybook/addon-docs', '@storybook/addon-a11y'],
  // StrictMode comes from a decorator in preview.tsx, not `options.strictMode`: Vitest's Storybook
  // project does not apply framework options, so the decorator is what reaches both.
  framework: { name: '@storybook/react-vite', options: {} },
  // Serves /mockServiceWorker.js, which msw-storybook-addon registers.
  staticDirs: ['../public'],
  core: { disableTelemetry: true },
  // The props table and descriptions come from the component's JSDoc, through the re-export in src/index.ts.
  typescript: { reactDocgen: 'react-docgen-typescript' },
};

export default config;
