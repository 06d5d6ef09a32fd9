import { setAttributes } from './setAttributes.js';

/** The hints in the document, by script URL, and how many callers hold each. */
const hints = new Map<string, { link: HTMLLinkElement; holders: number }>();

/**
 * Adds `<link rel="preload" as="script">` for `src` to the document's head, so the browser
 * downloads the script while the identity request is still in flight: one link per URL, however
 * many callers hint it (a hover each time the pointer passes a link). Returns a function that
 * releases this caller's hold; the last release removes the link.
 */
export function hintScript(src: string, nonce?: string): () => void {
  let hint = hints.get(src);
  if (!hint) {
    hint = {
      link: setAttributes(document.createElement('link'), { rel: 'preload', as: 'script', href: src, nonce }),
      holders: 0,
    };
    hints.set(src, hint);
    document.head.appendChild(hint.link);
  }
  hint.holders++;
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    if (--hint.holders > 0) return;
    hint.link.remove();
    hints.delete(src);
  };
}
