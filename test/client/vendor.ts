/**
 * A stand-in for the vendor script in jsdom, which does not execute scripts: it reacts to the
 * script element the component inserts, like the real one would. What the real script does in
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
    const containerId = script.getAttribute('data-container') ?? 'hdh-ticket-center';
    const container = document.getElementById(containerId);
    if (container && how === 'render') {
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
