import { setAttributes } from './setAttributes.js';

/**
 * Adds `<link rel="preload" as="script">` for `src` to the document's head, so the browser
 * downloads the script while the identity request is still in flight. One link per URL: while
 * one is in the head (a hover's, say), another hint adds nothing. Returns a function that
 * removes the link this call added, if any.
 */
export function hintScript(src: string, nonce?: string): () => void {
  const hinted = [...document.head.querySelectorAll('link[rel="preload"]')].some(
    (link) => link.getAttribute('href') === src,
  );
  if (hinted) return () => {};
  const link = setAttributes(document.createElement('link'), { rel: 'preload', as: 'script', href: src, nonce });
  document.head.appendChild(link);
  return () => link.remove();
}
