/**
 * A stand-in for the vendor scripts in jsdom, which does not execute scripts: it reacts to the
 * script element a component inserts, like the real one would (the Ticket Center's panel, the
 * Contact Form's form in a shadow root, the Widget's launcher appended to <body>). What the real script does in
 * Chromium is covered by the emulator's tests.
 */
export type VendorBehaviour =
  /** Executes: reads its tag, renders the user's panel into the container if it exists, fires load. */
  | 'render'
  /** Fails to download: fires error, never executes. */
  | 'fail'
  /** Executes and fires load, but renders nothing. */
  | 'nothing';

export interface SimulatedVendor {
  /** Every Ticket Center script element inserted so far, in order. */
  readonly inserted: HTMLScriptElement[];
  /** For each inserted script: the document's text at that moment (nothing of another user may be left). */
  readonly textAtInsert: string[];
  /** For each inserted script: whether its container was already in the document. */
  readonly containerAtInsert: boolean[];
  /** How many times the script "executed". */
  readonly executions: number;
  /** The number of script elements in the document right now. */
  scriptsInDocument(): number;
  /** Settles one inserted script by hand (for `manual` vendors). */
  settle(script: HTMLScriptElement, behaviour: VendorBehaviour): void;
  stop(): void;
}

export function simulateVendor(behaviour: VendorBehaviour | 'manual' = 'render', delayMs = 5): SimulatedVendor {
  const inserted: HTMLScriptElement[] = [];
  const textAtInsert: string[] = [];
  const containerAtInsert: boolean[] = [];
  let executions = 0;
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const settle = (script: HTMLScriptElement, how: VendorBehaviour) => {
    if (how === 'fail') {
      script.dispatchEvent(new Event('error'));
      return;
    }
    // Like a real browser, a removed script that finishes downloading still executes.
    executions++;
    if (/widget\.js/.test(script.src)) {
      // The Widget: a launcher in a shadow host appended to <body>.
      if (how === 'render') {
        const host = document.createElement('div');
        host.setAttribute('data-vendor-widget', '');
        const launcher = document.createElement('button');
        launcher.textContent = 'Help';
        host.attachShadow({ mode: 'open' }).appendChild(launcher);
        document.body.appendChild(host);
      }
      script.dispatchEvent(new Event('load'));
      return;
    }
    const contactForm = /contact-form\.js/.test(script.src);
    const containerId =
      script.getAttribute('data-container') ?? (contactForm ? 'hdh-contact-form' : 'hdh-ticket-center');
    const container = document.getElementById(containerId);
    if (container && how === 'render' && contactForm) {
      // The Contact Form renders inside a Shadow DOM.
      const form = document.createElement('form');
      form.setAttribute('aria-label', 'Contact us');
      container.attachShadow({ mode: 'open' }).appendChild(form);
    } else if (container && how === 'render') {
      const panel = document.createElement('section');
      panel.setAttribute('aria-label', 'Ticket Center');
      panel.textContent = `Conversations of ${script.getAttribute('data-email')}`;
      container.appendChild(panel);
    }
    script.dispatchEvent(new Event('load'));
  };

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof HTMLScriptElement) || !node.src) continue;
        inserted.push(node);
        textAtInsert.push(document.body.textContent ?? '');
        containerAtInsert.push(!!document.getElementById(node.getAttribute('data-container') ?? ''));
        if (behaviour === 'manual') continue;
        const timer = setTimeout(() => {
          timers.delete(timer);
          settle(node, behaviour);
        }, delayMs);
        timers.add(timer);
      }
    }
  });
  observer.observe(document, { childList: true, subtree: true });

  return {
    inserted,
    textAtInsert,
    containerAtInsert,
    get executions() {
      return executions;
    },
    scriptsInDocument: () => document.querySelectorAll('script').length,
    settle,
    stop() {
      observer.disconnect();
      timers.forEach(clearTimeout);
    },
  };
}
