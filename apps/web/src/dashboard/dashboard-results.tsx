import type { ReactNode } from 'react';

/** Props of {@link DashboardResults}. */
export interface DashboardResultsProps {
  /** The numbers shown are the previous ones while new ones compute. */
  stale: boolean;
  /** A computation is on its way. */
  busy: boolean;
  /** What changed, in the "Updating…" line: "definition", "settings". */
  changed: string;
  children: ReactNode;
}

/**
 * A dashboard's numbers: greyed, with a line that says so, while a changed definition computes
 * and the previous numbers stay on screen.
 *
 * @example
 * <DashboardResults stale={query.isPlaceholderData} busy={query.isFetching} changed="definition">...</DashboardResults>
 */
export function DashboardResults({ stale, busy, changed, children }: DashboardResultsProps) {
  return (
    <div className={stale ? 'dash-results stale' : 'dash-results'} aria-busy={busy}>
      {stale && (
        <p role="status" className="updating">
          Updating… the numbers below are for the previous {changed}.
        </p>
      )}
      {children}
    </div>
  );
}
