import { setAttributes } from './setAttributes.js';

/**
 * Adds `<link rel="preload" as="script">` for `src` to the document's head, so the browser
 * downloads the script while the identity request is still in flight. Returns a function that
 * removes the link again.
 */
export function hintScript(src: string, nonce?: string): () => void {
  const link = setAttributes(document.createElement('link'), { rel: 'preload', as: 'script', href: src, nonce });
  document.head.appendChild(link);
  return () => link.remove();
}
