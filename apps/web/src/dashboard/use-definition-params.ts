import { useCallback, useMemo } from 'react';
import { useLocation } from '../routing/use-location.ts';
import {
  type DashboardDefinition,
  definitionFromSearchParams,
  writeDefinition,
} from './dashboard-definition.ts';

/** A path with a query string, without a dangling `?`. */
export const withQuery = (path: string, params: URLSearchParams) => {
  const query = params.toString();
  return query ? `${path}?${query}` : path;
};

/**
 * The definition kept in the URL under `prefix`, and a way to change it (a new history entry,
 * so Back undoes a change). Other query parameters are kept.
 */
export function useDefinitionParams(prefix = '') {
  const { path, params, navigate } = useLocation();
  const query = params.toString();
  const parsed = useMemo(
    () => definitionFromSearchParams(new URLSearchParams(query), prefix),
    [query, prefix],
  );
  const setDefinition = useCallback(
    (definition: DashboardDefinition) =>
      navigate(withQuery(path, writeDefinition(new URLSearchParams(query), definition, prefix))),
    [navigate, path, query, prefix],
  );
  return { ...parsed, setDefinition };
}
