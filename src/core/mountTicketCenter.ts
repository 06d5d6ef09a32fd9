import { HelpdeskyError, type HelpdeskyErrorCode } from '../HelpdeskyError.js';
import type { HelpdeskyIdentity } from './identityContract.js';

/** What {@link mountTicketCenter} needs to embed one user's Ticket Center. */
export interface TicketCenterEmbed {
  identity: HelpdeskyIdentity;
  scriptSrc: string;
  containerId: string;
  align?: 'left' | 'center' | 'right' | undefined;
  maxWidth?: string | undefined;
  nonce?: string | undefined;
  readyTimeoutMs: number;
  /** Called once, when the embed has rendered something into its container. */
  onReady(): void;
  /** Called once, when the embed cannot render; nothing is called after dispose. */
  onError(error: HelpdeskyError): void;
}

/**
 * Embeds the Ticket Center into `host`, framework-free: creates the container, then (a task
 * later) the vendor script; watches the container until the embed renders; times out when it
 * does not. Returns a function that undoes all of it: no script, container, observer, timer or
 * listener is left behind.
 */
export function mountTicketCenter(host: HTMLElement, embed: TicketCenterEmbed): () => void {
  const doc = host.ownerDocument;
  const { containerId, scriptSrc, readyTimeoutMs, identity } = embed;
  const container = doc.createElement('div');
  const script = doc.createElement('script');
  let done = false;
  let pending = false; // inserted, neither loaded nor failed yet
  let timer: ReturnType<typeof setTimeout> | undefined;

  const settle = (code?: HelpdeskyErrorCode, message?: string) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    observer.disconnect();
    if (code) embed.onError(new HelpdeskyError(code, message!));
    else embed.onReady();
  };
  const listen = (add: boolean) => {
    for (const type of ['load', 'error']) script[add ? 'addEventListener' : 'removeEventListener'](type, onLoadOrError);
  };
  function onLoadOrError(event: Event) {
    pending = false; // executed, or never will
    listen(false);
    if (event.type === 'error') {
      settle(
        'script-load',
        process.env.NODE_ENV !== 'production'
          ? `The script ${scriptSrc} failed to load: an ad blocker, the page's Content-Security-Policy (allow its origin, or pass nonce) or the network blocked it.`
          : scriptSrc,
      );
    } else if (container.shadowRoot) {
      settle(); // rendered into an open shadow root, which adds no child the observer could see
    }
  }
  const observer = new MutationObserver(() => container.hasChildNodes() && settle());

  if (doc.getElementById(containerId)) {
    const message =
      process.env.NODE_ENV !== 'production'
        ? `id="${containerId}" is already on the page: render one Ticket Center, or give each its own containerId.`
        : containerId;
    if (process.env.NODE_ENV !== 'production') console.warn(`[helpdesky] ${message}`);
    // Reported from a microtask so that callers hold the disposer before any callback runs.
    queueMicrotask(() => settle('duplicate-container', message));
    return () => void (done = true);
  }

  container.setAttribute('id', containerId);
  host.appendChild(container);
  observer.observe(container, { childList: true, subtree: true });

  // Inserted a task later: React StrictMode mounts, disposes and mounts again synchronously, and
  // a script inserted by the first mount would download and execute even after its removal.
  const insert = setTimeout(() => {
    const attributes = {
      src: scriptSrc,
      'data-helpdesk-id': identity.helpdeskId,
      'data-email': identity.email,
      'data-signature': identity.signature,
      'data-container': containerId,
      'data-align': embed.align,
      'data-max-width': embed.maxWidth,
      nonce: embed.nonce,
    };
    for (const [name, value] of Object.entries(attributes)) if (value) script.setAttribute(name, value);
    listen(true);
    host.appendChild(script);
    pending = true;
    timer = setTimeout(
      () =>
        // A shadow root attached after the script's load event counts too, if late.
        settle(
          container.shadowRoot ? undefined : 'timeout',
          process.env.NODE_ENV !== 'production'
            ? `Nothing rendered within ${readyTimeoutMs} ms. In the Helpdesky dashboard, check that messaging is enabled and that this domain is in Allowed Embed Domains.`
            : `nothing rendered within ${readyTimeoutMs} ms`,
        ),
      readyTimeoutMs,
    );
  });

  return () => {
    done = true;
    clearTimeout(insert);
    clearTimeout(timer);
    observer.disconnect();
    listen(false);
    // Vendor quirk: the script reads its own tag when it executes, and a script removed while it
    // was still downloading executes anyway once it arrives. Pointed at a container that never
    // exists and stripped of the user's identity, it then silently does nothing.
    if (pending) {
      script.removeAttribute('data-email');
      script.removeAttribute('data-signature');
      script.setAttribute('data-container', 'helpdesky-disposed');
    }
    script.remove();
    container.replaceChildren();
    container.remove();
  };
}
