import { HelpdeskyError } from '../HelpdeskyError.js';
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

// Vendor quirk: the script reads its own tag when it executes. A script removed while it was
// still downloading executes anyway once it arrives, so on dispose it is pointed at a container
// id that never exists, and stripped of the user's identity: it then silently does nothing.
const DISPOSED_CONTAINER = 'helpdesky-disposed';

/**
 * Embeds the Ticket Center into `host`, framework-free: creates the container, then (a task
 * later) the vendor script; watches the container until the embed renders; times out when it
 * does not. Returns a function that undoes all of it: no script, container, observer, timer or
 * listener is left behind.
 */
export function mountTicketCenter(host: HTMLElement, embed: TicketCenterEmbed): () => void {
  const doc = host.ownerDocument;
  const { containerId } = embed;
  let done = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let script: HTMLScriptElement | undefined;
  let pending = false; // inserted, neither loaded nor failed yet

  const settle = (error?: HelpdeskyError) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    observer.disconnect();
    if (error) embed.onError(error);
    else embed.onReady();
  };
  const onLoadOrError = (event: Event) => {
    pending = false; // executed, or never will: nothing left to neutralize on dispose
    script?.removeEventListener('load', onLoadOrError);
    script?.removeEventListener('error', onLoadOrError);
    if (event.type === 'error') {
      settle(
        new HelpdeskyError(
          'script-load',
          `The Ticket Center script ${embed.scriptSrc} failed to load. An ad blocker, a Content-Security-Policy without this script's origin (or the nonce prop), or the network can block it.`,
        ),
      );
    }
  };
  const container = doc.createElement('div');
  const observer = new MutationObserver(() => {
    if (container.hasChildNodes()) settle();
  });

  if (doc.getElementById(containerId)) {
    if (process.env.NODE_ENV !== 'production') {
      console.warn(`[helpdesky] Another element already has id="${containerId}"; this Ticket Center was not embedded.`);
    }
    // Reported from a microtask so callers get the disposer before any callback runs.
    queueMicrotask(() =>
      settle(
        new HelpdeskyError(
          'duplicate-container',
          `Another element on the page already has id="${containerId}". Render one Ticket Center per page, or give each its own containerId.`,
        ),
      ),
    );
    return () => {
      done = true;
    };
  }

  container.setAttribute('id', containerId);
  host.appendChild(container);
  observer.observe(container, { childList: true, subtree: true });

  // Inserted a task later: React StrictMode mounts, disposes and mounts again synchronously, and
  // a script inserted by the first mount would download and execute even after its removal.
  const insert = setTimeout(() => {
    const el = (script = doc.createElement('script'));
    const { identity, align, maxWidth, nonce } = embed;
    el.setAttribute('src', embed.scriptSrc);
    el.setAttribute('data-helpdesk-id', identity.helpdeskId);
    el.setAttribute('data-email', identity.email);
    el.setAttribute('data-signature', identity.signature);
    el.setAttribute('data-container', containerId);
    if (align) el.setAttribute('data-align', align);
    if (maxWidth) el.setAttribute('data-max-width', maxWidth);
    if (nonce) el.setAttribute('nonce', nonce);
    el.addEventListener('load', onLoadOrError);
    el.addEventListener('error', onLoadOrError);
    host.appendChild(el);
    pending = true;
    timer = setTimeout(
      () =>
        settle(
          new HelpdeskyError(
            'timeout',
            `The Ticket Center rendered nothing within ${embed.readyTimeoutMs} ms. In the Helpdesky dashboard, check that messaging is enabled and that this site's domain is among the Allowed Embed Domains; check that the signature is made with the right secret over the same email that is sent.`,
          ),
        ),
      embed.readyTimeoutMs,
    );
  });

  return () => {
    done = true;
    clearTimeout(insert);
    clearTimeout(timer);
    observer.disconnect();
    if (script) {
      script.removeEventListener('load', onLoadOrError);
      script.removeEventListener('error', onLoadOrError);
      if (pending) {
        script.removeAttribute('data-email');
        script.removeAttribute('data-signature');
        script.setAttribute('data-container', DISPOSED_CONTAINER);
      }
      script.remove();
    }
    container.replaceChildren();
    container.remove();
  };
}
