import { HelpdeskyError } from './HelpdeskyError.js';
import { setAttributes } from './setAttributes.js';

/** One Helpdesky embed to mount: any of the three surfaces, described as data. */
export interface Embed {
  /** The vendor script's URL. */
  scriptSrc: string;
  /**
   * Id of the container the script renders into, created before the script and passed as
   * `data-container`. Without one the embed is page-wide (the Widget): the script goes in the
   * host, and what is added to `<body>` after it until the first render belongs to the embed.
   */
  containerId?: string | undefined;
  /** `data-helpdesk-id`. */
  helpdeskId: string;
  /** `data-email` and `data-signature`: the signed-in user, for the Ticket Center only. */
  email?: string | undefined;
  signature?: string | undefined;
  /** `data-align` and `data-max-width`, when given. */
  align?: 'left' | 'center' | 'right' | undefined;
  maxWidth?: string | undefined;
  /** Set on the script element, for a Content-Security-Policy with nonces. */
  nonce?: string | undefined;
  /** How long to wait for the first render before a `timeout` error. */
  readyTimeoutMs: number;
  /** Called once, when the embed has rendered something. */
  onReady(): void;
  /** Called once, when the embed cannot render; nothing is called after dispose. */
  onError(error: HelpdeskyError): void;
}

/**
 * Mounts one Helpdesky embed into `host`, framework-free: creates the container (if the surface
 * has one), then, a task later, the vendor script with every attribute set by `setAttribute`;
 * calls `onReady` once something renders, `onError` on a blocked script or when nothing renders
 * in time. Returns a disposer that undoes all of it: no script, container, rendered node,
 * observer, timer or listener is left behind.
 */
export function mountEmbed(host: HTMLElement, embed: Embed): () => void {
  const doc = host.ownerDocument;
  const { containerId, scriptSrc, readyTimeoutMs } = embed;
  const script = doc.createElement('script');
  const container = containerId ? doc.createElement('div') : undefined;
  // Where the render shows: inside the container, or as new children of <body>.
  const watched = container ?? doc.body;
  const added: Node[] = [];
  let done = false;
  let pending = false; // inserted, neither loaded nor failed yet
  let timer: ReturnType<typeof setTimeout> | undefined;

  // A page-wide embed has rendered once its script has run (load) and <body> gained a node since
  // its insertion: what is added while it downloads may be anyone's.
  const rendered = () => !!(container ? container.hasChildNodes() || container.shadowRoot : !pending && added.length);
  const settle = (error?: HelpdeskyError) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    // A page-wide embed's nodes are those <body> gained between the script's insertion and its
    // first render after it ran (the Widget's launcher); what comes later may be the host's (a
    // dialog's portal), which dispose must not remove.
    observer.disconnect();
    if (error) embed.onError(error);
    else embed.onReady();
  };
  const onLoadOrError = (event: Event) => {
    pending = false; // executed, or never will
    listen(false);
    if (event.type === 'error') settle(new HelpdeskyError('script-load', `The script ${scriptSrc} failed to load`));
    else if (rendered()) settle(); // an open shadow root adds no node the observer could see
  };
  const listen = (add: boolean) => {
    for (const type of ['load', 'error']) script[add ? 'addEventListener' : 'removeEventListener'](type, onLoadOrError);
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node !== script) added.push(node);
    if (rendered()) settle();
  });

  if (container) {
    if (doc.getElementById(containerId!)) {
      const error = new HelpdeskyError('duplicate-container', `id="${containerId}" is already on the page`);
      // Reported from a microtask so that callers hold the disposer before any callback runs.
      queueMicrotask(() => settle(error));
      return () => void (done = true);
    }
    host.appendChild(setAttributes(container, { id: containerId }));
  }

  // Inserted a task later: React StrictMode mounts, disposes and mounts again synchronously, and
  // a script inserted by the first mount would download and execute even after its removal.
  const insert = setTimeout(() => {
    setAttributes(script, {
      src: scriptSrc,
      'data-helpdesk-id': embed.helpdeskId,
      'data-email': embed.email,
      'data-signature': embed.signature,
      'data-container': containerId,
      'data-align': embed.align,
      'data-max-width': embed.maxWidth,
      nonce: embed.nonce,
    });
    listen(true);
    observer.observe(watched, { childList: true, subtree: !!container });
    host.appendChild(script);
    pending = true;
    timer = setTimeout(
      () =>
        // A shadow root attached after the script's load event counts too, if late.
        settle(
          rendered()
            ? undefined
            : new HelpdeskyError('timeout', `${scriptSrc} loaded, but nothing rendered within ${readyTimeoutMs} ms`),
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
    // was still downloading executes anyway once it arrives. Stripped of its helpdesk and user,
    // and pointed at a container that never exists, it then does nothing.
    if (pending) {
      for (const name of ['data-helpdesk-id', 'data-email', 'data-signature']) script.removeAttribute(name);
      script.setAttribute('data-container', 'helpdesky-disposed');
    }
    script.remove();
    container?.replaceChildren();
    container?.remove();
    for (const node of added) (node as ChildNode).remove?.();
  };
}
