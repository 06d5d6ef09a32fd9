import { mountEmbed, type Embed } from './mountEmbed.js';

/** One page-wide embed (the Widget) and how many components want it now. */
let shared: { users: number; dispose: () => void } | undefined;

/**
 * Mounts a page-wide embed (no container: the Widget) once per page, however many callers want
 * it: the first caller's `embed` is mounted into `<body>`, later callers only count, and the
 * embed is disposed of when the last one releases it. Returns the release function, and whether
 * this caller was the first (the one whose callbacks are called).
 */
export function sharePageEmbed(embed: Omit<Embed, 'containerId'>): { release: () => void; first: boolean } {
  const first = !shared;
  shared ??= { users: 0, dispose: mountEmbed(document.body, embed) };
  shared.users++;
  let released = false;
  return {
    first,
    release() {
      if (released || !shared) return;
      released = true;
      if (--shared.users > 0) return;
      shared.dispose();
      shared = undefined;
    },
  };
}
