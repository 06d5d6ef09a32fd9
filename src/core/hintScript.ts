/**
 * Adds `<link rel="preload" as="script">` for `src` to the document's head, so the browser
 * downloads the script while the identity request is still in flight. Returns a function that
 * removes the link again.
 */
export function hintScript(src: string, nonce?: string): () => void {
  const link = document.createElement('link');
  link.setAttribute('rel', 'preload');
  link.setAttribute('as', 'script');
  link.setAttribute('href', src);
  if (nonce) link.setAttribute('nonce', nonce);
  document.head.appendChild(link);
  return () => link.remove();
}
