const hints = new Map<string, { link: HTMLLinkElement; users: number }>();

/**
 * Adds `<link rel="preload" as="script">` for `src` to the document's head, so the browser
 * downloads the script while the identity request is still in flight. Hints are shared by
 * URL; the returned function releases this use, and the last release removes the link.
 */
export function hintScript(src: string, nonce?: string): () => void {
  let hint = hints.get(src);
  if (!hint) {
    const link = document.createElement('link');
    link.setAttribute('rel', 'preload');
    link.setAttribute('as', 'script');
    link.setAttribute('href', src);
    if (nonce) link.setAttribute('nonce', nonce);
    document.head.appendChild(link);
    hints.set(src, (hint = { link, users: 0 }));
  }
  hint.users++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--hint.users === 0) {
      hint.link.remove();
      hints.delete(src);
    }
  };
}
