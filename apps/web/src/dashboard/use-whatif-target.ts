import { useCallback } from 'react';
import { useLocation } from '../routing/use-location.ts';
import { withQuery } from './use-definition-params.ts';

/** The URL parameter that keeps the what-if panel's target, in percent. */
export const WHATIF_PARAM = 'whatif';

/**
 * The what-if target in the URL (`?whatif=22`, percent), else `fallback`; a value outside 0 to
 * 100 or not a number is the fallback. Moving the slider replaces the history entry, so Back
 * leaves the dashboard rather than stepping through every position.
 */
export function useWhatIfTarget(fallback: number): [number, (percent: number) => void] {
  const { path, params, navigate } = useLocation();
  const text = params.get(WHATIF_PARAM);
  const read = text === null || text.trim() === '' ? Number.NaN : Number(text);
  const target = Number.isFinite(read) && read >= 0 && read <= 100 ? read : fallback;
  const query = params.toString();
  const setTarget = useCallback(
    (percent: number) => {
      const next = new URLSearchParams(query);
      next.set(WHATIF_PARAM, String(percent));
      navigate(withQuery(path, next), { replace: true });
    },
    [navigate, path, query],
  );
  return [target, setTarget];
}
