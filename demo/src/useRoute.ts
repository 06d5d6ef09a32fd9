import { useCallback, useSyncExternalStore } from 'react';

// A router in a dozen lines: the demo has two pages, and no router package to install.
const subscribe = (onChange: () => void) => {
  window.addEventListener('popstate', onChange);
  return () => window.removeEventListener('popstate', onChange);
};

/** The current path, and a function that navigates without a page load. */
export function useRoute(): [string, (path: string) => void] {
  const path = useSyncExternalStore(subscribe, () => window.location.pathname);
  const navigate = useCallback((to: string) => {
    window.history.pushState(null, '', to + window.location.search);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, []);
  return [path, navigate];
}
