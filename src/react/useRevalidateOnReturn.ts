import { useEffect } from 'react';

/**
 * While `active`, calls `revalidate` whenever the user comes back to the page: the tab becomes
 * visible again, or the window gets focus (both at once make one request: an identity request
 * already in flight is reused). A sign-out or a switch of user in another tab is
 * then seen as soon as this one is looked at again.
 */
export function useRevalidateOnReturn(
  active: boolean,
  revalidate: ((options: { cancelRefetch: boolean }) => unknown) | undefined,
): void {
  useEffect(() => {
    if (!active || !revalidate) return;
    const onReturn = () => document.visibilityState === 'visible' && revalidate({ cancelRefetch: false });
    window.addEventListener('focus', onReturn);
    document.addEventListener('visibilitychange', onReturn);
    return () => {
      window.removeEventListener('focus', onReturn);
      document.removeEventListener('visibilitychange', onReturn);
    };
  }, [active, revalidate]);
}
