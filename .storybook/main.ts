import type { StorybookConfig } from '@storybook/react-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  addons: ['msw-storybook-addon', '@storybook/addon-vitest', '@storybook/addon-docs'],
  // StrictMode mounts, unmounts and mounts again: every story then proves the embed survives it.
  framework: { name: '@storybook/react-vite', options: { strictMode: true } },
  // Serves /mockServiceWorker.js, which msw-storybook-addon registers.
  staticDirs: ['../public'],
  core: { disableTelemetry: true },
  // The props table and descriptions come from the component's JSDoc, through the re-export in src/index.ts.
  typescript: { reactDocgen: 'react-docgen-typescript' },
};

export default config;
