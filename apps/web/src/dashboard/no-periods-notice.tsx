import { EmptyState } from '../ui/empty-state.tsx';

/** Props of {@link NoPeriodsNotice}. */
export interface NoPeriodsNoticeProps {
  from: string | undefined;
  to: string | undefined;
  /** What no period has: "eligible customers", "subscriptions". */
  what: string;
  /** Drops from and to. */
  onClear(): void;
}

/**
 * A dashboard whose date range holds no period: says so, with a button that clears the range.
 *
 * @example
 * <NoPeriodsNotice from="2030-01" to={undefined} what="subscriptions" onClear={clear} />
 */
export function NoPeriodsNotice({ from, to, what, onClear }: NoPeriodsNoticeProps) {
  return (
    <EmptyState title="No periods to show">
      <p>
        No period between {from ?? 'the first'} and {to ?? 'the last'} has {what}.{' '}
        <button type="button" className="link-button" onClick={onClear}>
          Clear the date range
        </button>
      </p>
    </EmptyState>
  );
}
