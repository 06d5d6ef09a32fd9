// The single-page app `npm run bench:browser` drives: time from mount to the conversations being
// visible, for HelpdeskyTicketCenter and for the naive sequence (fetch the identity, then insert
// the script). Each run is a fresh page load of bench.html?variant=ours (or naive), which runs
// that variant at once; the page's probe also records the time from navigation start.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient } from '@tanstack/react-query';
import { HelpdeskyTicketCenter } from 'helpdesky-react';
import { config } from './config.js';

/** Resolves when an element matching `selector` is in the document. */
function appeared(selector: string): Promise<void> {
  return new Promise((resolve) => {
    if (document.querySelector(selector)) return resolve();
    const observer = new MutationObserver(() => {
      if (!document.querySelector(selector)) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
}

// The emulator's panel shows one <article> per conversation once the user is verified.
const CONVERSATIONS = '#hdh-ticket-center article h3';

async function ours(): Promise<number> {
  const start = performance.now();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <HelpdeskyTicketCenter
        endpoint={config.endpoint}
        scriptSrc={config.scriptSrc}
        queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
      />
    </StrictMode>,
  );
  await appeared(CONVERSATIONS);
  return performance.now() - start;
}

async function naive(): Promise<number> {
  const start = performance.now();
  const identity = (await (await fetch(config.endpoint)).json()) as Record<string, string>;
  const container = document.createElement('div');
  container.id = 'hdh-ticket-center';
  document.getElementById('root')!.appendChild(container);
  const script = document.createElement('script');
  script.src = config.scriptSrc;
  script.setAttribute('data-helpdesk-id', identity.helpdeskId!);
  script.setAttribute('data-email', identity.email!);
  script.setAttribute('data-signature', identity.signature!);
  document.body.appendChild(script);
  await appeared(CONVERSATIONS);
  return performance.now() - start;
}

const variant = new URLSearchParams(location.search).get('variant');
if (variant === 'ours' || variant === 'naive') {
  const mountToPanel = await { ours, naive }[variant]();
  Object.assign(window, { __mountToPanel: mountToPanel });
}
