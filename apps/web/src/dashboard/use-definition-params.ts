import { useCallback, useMemo } from 'react';
import { useLocation } from '../routing/use-location.ts';
import {
  type DashboardDefinition,
  definitionFromSearchParams,
  writeDefinition,
} from './dashboard-definition.ts';
import { type DefinitionChoices, PURCHASE_CHOICES } from './definition-choices.ts';

/** A path with a query string, without a dangling `?`. */
export const withQuery = (path: string, params: URLSearchParams) => {
  const query = params.toString();
  return query ? `${path}?${query}` : path;
};

/**
 * The definition kept in the URL under `prefix` (read with a kind of dataset's choices and
 * defaults), and a way to change it (a new history entry,
 * so Back undoes a change). Other query parameters are kept.
 */
export function useDefinitionParams(prefix = '', choices: DefinitionChoices = PURCHASE_CHOICES) {
  const { path, params, navigate } = useLocation();
  const query = params.toString();
  const parsed = useMemo(
    () => definitionFromSearchParams(new URLSearchParams(query), prefix, choices),
    [query, prefix, choices],
  );
  const setDefinition = useCallback(
    (definition: DashboardDefinition) =>
      navigate(withQuery(path, writeDefinition(new URLSearchParams(query), definition, prefix, choices))),
    [navigate, path, query, prefix, choices],
  );
  return { ...parsed, setDefinition };
}
