import { StrictMode } from 'react';
import type { Preview } from '@storybook/react-vite';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { setupWorker } from 'msw/browser';
import { mswLoader } from 'msw-storybook-addon/csf3';

/** Set for the one reload `startWorker` may do, so a page that stays uncontrolled cannot reload forever. */
const RELOADED = 'helpdesky:msw-reload';

/** Whether a service worker controls this document, waiting up to `ms` for a `clients.claim()`. */
function controlled(ms: number): Promise<boolean> {
  const { serviceWorker } = navigator;
  if (serviceWorker.controller) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    const claimed = () => {
      clearTimeout(timer);
      resolve(true);
    };
    serviceWorker.addEventListener('controllerchange', claimed, { once: true });
  });
}

/**
 * One MSW worker for the preview. A request to the app's API or to the emulator that no story
 * handles is an error, so a story cannot silently reach a real network or Vite's 404.
 *
 * Stories render only once the worker controls the page. `worker.start()` resolves as soon as the
 * worker answers the page, and an uncontrolled page gets that answer too: its requests then skip
 * the worker and reach the server (a 404, a misleading error state). That happens when a
 * top-level `iframe.html` is replaced by the Storybook UI in the same tab: the old page tells the
 * worker it closed, the worker sees no other client and unregisters itself, so the new preview
 * iframe loads uncontrolled; `start()` then revives the same registration, but nothing claims the
 * page. One reload loads it under the revived worker; if it is still uncontrolled, we fail loudly.
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
  if (await controlled(1_000)) {
    sessionStorage.removeItem(RELOADED);
    return worker;
  }
  if (!sessionStorage.getItem(RELOADED)) {
    sessionStorage.setItem(RELOADED, '1');
    location.reload();
    return new Promise<never>(() => {}); // no story renders before the reload replaces this page
  }
  sessionStorage.removeItem(RELOADED);
  throw new Error(
    "MSW started, but its service worker does not control this page, even after a reload, so the stories' " +
      'requests would reach the server instead of their mocks. Reload the page (a normal reload: Shift+Reload ' +
      'bypasses service workers); if this stays, unregister /mockServiceWorker.js in DevTools > Application > ' +
      'Service workers, then reload.',
  );
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
