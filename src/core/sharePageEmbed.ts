import { mountEmbed, type Embed } from './mountEmbed.js';

type PageEmbed = Omit<Embed, 'containerId'>;

/** Who wants the page-wide embed now, oldest first: the first one's embed is the one mounted. */
const holders: { embed: PageEmbed }[] = [];
let mounted: { embed: PageEmbed; dispose: () => void } | undefined;

const sameScript = (a: PageEmbed, b: PageEmbed) =>
  a.scriptSrc === b.scriptSrc && a.helpdeskId === b.helpdeskId && a.nonce === b.nonce;

/** Makes the document match the holders: the first holder's embed, or none. */
function sync(): void {
  const owner = holders[0];
  if (mounted && (!owner || !sameScript(mounted.embed, owner.embed))) {
    mounted.dispose();
    mounted = undefined;
  }
  if (owner && !mounted) {
    mounted = {
      embed: owner.embed,
      // Reported to whoever holds it first when it happens.
      dispose: mountEmbed(document.body, {
        ...owner.embed,
        onReady: () => holders[0]?.embed.onReady(),
        onError: (error) => holders[0]?.embed.onError(error),
      }),
    };
  }
}

/**
 * Mounts a page-wide embed (no container: the Widget) once per page, however many callers want
 * it. The first caller's embed is mounted into `<body>`; later callers only wait their turn.
 * When the first releases it, the next one's takes over: the same script stays as it is, another
 * (a different URL, helpdesk or nonce) replaces it. The last release removes it. Returns the
 * release function, and whether this caller's embed is the one mounted.
 */
export function sharePageEmbed(embed: PageEmbed): { release: () => void; first: boolean } {
  const holder = { embed };
  holders.push(holder);
  sync();
  return {
    first: holders[0] === holder,
    release() {
      const index = holders.indexOf(holder);
      if (index < 0) return;
      holders.splice(index, 1);
      sync();
    },
  };
}
