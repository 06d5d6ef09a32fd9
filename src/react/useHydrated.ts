import { useSyncExternalStore } from 'react';

const subscribeNothing = () => () => {};

/** False during the server render and hydration, true after: so the server markup and the first client render match. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );
}
