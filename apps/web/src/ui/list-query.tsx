import type { ReactNode } from 'react';
import { EmptyState } from './empty-state.tsx';
import { ErrorPanel } from './error-panel.tsx';
import { Loading } from './loading.tsx';

/** What {@link ListQuery} reads of a TanStack query of a list. */
export interface ListQueryState<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: readonly T[] | undefined;
  refetch(): unknown;
}

/**
 * The states of a page's list, one way everywhere: loading, the failure with what to do and a
 * retry, the empty state (when given) saying what to do, else the rows.
 *
 * @example
 * <ListQuery query={targets} what="targets" empty={{ title: 'No targets yet', body: <p>Set one above.</p> }}>
 *   {(rows) => <Table rows={rows} />}
 * </ListQuery>
 */
export function ListQuery<T>({
  query,
  what,
  empty,
  children,
}: {
  query: ListQueryState<T>;
  /** The list's name in the messages: "Loading the {what}…", "Could not load the {what}". */
  what: string;
  empty?: { title: string; body: ReactNode };
  children(rows: readonly T[]): ReactNode;
}) {
  if (query.isPending) return <Loading label={`Loading the ${what}…`} />;
  if (query.isError) {
    return (
      <ErrorPanel
        title={`Could not load the ${what}`}
        error={query.error}
        onRetry={() => void query.refetch()}
      />
    );
  }
  const rows = query.data ?? [];
  if (rows.length === 0 && empty) return <EmptyState title={empty.title}>{empty.body}</EmptyState>;
  return children(rows);
}
