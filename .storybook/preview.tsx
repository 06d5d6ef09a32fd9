import { StrictMode } from 'react';
import type { Preview } from '@storybook/react-vite';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { setupWorker } from 'msw/browser';
import { mswLoader } from 'msw-storybook-addon/csf3';

/**
 * One MSW worker for the preview. A request to the app's API or to the emulator that no story
 * handles is an error, so a story cannot silently reach a real network or Vite's 404.
 */
async function startWorker() {
  const worker = setupWorker();
  await worker.start({
    quiet: true,
    onUnhandledRequest(request, print) {
      const { pathname } = new URL(request.url);
      if (pathname.startsWith('/api/') || pathname.startsWith('/helpdesky-emulator/')) print.error();
    },
  });
  return worker;
}

const preview: Preview = {
  loaders: [
    mswLoader(startWorker),
    // A fresh QueryClient per story (TanStack's testing guide): no identity leaks from one story to the next.
    () => ({ queryClient: new QueryClient({ defaultOptions: { queries: { retry: false } } }) }),
  ],
  decorators: [
    // StrictMode mounts, unmounts and mounts again: every story also proves the embed survives it.
    (Story, { loaded }) => (
      <StrictMode>
        <QueryClientProvider client={loaded.queryClient as QueryClient}>
          <Story />
        </QueryClientProvider>
      </StrictMode>
    ),
  ],
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
    // axe-core runs after every story's play function; a violation fails the test (npm test).
    a11y: { test: 'error' },
  },
};

export default preview;
