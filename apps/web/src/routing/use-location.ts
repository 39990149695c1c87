import { useCallback, useSyncExternalStore } from 'react';

/** The app's location: a path such as `/datasets/shop` and its query parameters. */
export interface AppLocation {
  path: string;
  params: URLSearchParams;
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('popstate', onChange);
  return () => window.removeEventListener('popstate', onChange);
};
const snapshot = () => window.location.pathname + window.location.search;

/** Moves to a path (and query), adding a history entry unless `replace`. */
export function navigate(to: string, options: { replace?: boolean } = {}) {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/**
 * The current location, re-rendering on back/forward and on {@link navigate}: views keep their
 * state (definition controls, page) in the URL so a view can be shared and reloaded.
 */
export function useLocation(): AppLocation & { navigate: typeof navigate } {
  const current = useSyncExternalStore(subscribe, snapshot, snapshot);
  const url = new URL(current, 'http://upsell.local');
  return { path: url.pathname, params: url.searchParams, navigate: useCallback(navigate, []) };
}
