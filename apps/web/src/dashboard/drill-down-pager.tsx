import { DRILL_PAGE_SIZE } from './drill-down-input.ts';
import { formatCount } from './format-metric.ts';

/** Props of {@link DrillDownPager}. */
export interface DrillDownPagerProps {
  total: number;
  offset: number;
  /** How many the current page shows. */
  count: number;
  /** What is counted: "customers" or "lines". */
  unit: string;
  search: string;
  busy: boolean;
  onPage(offset: number): void;
}

/** Where a drill-down's page is (21–40 of 6,250 customers), with Previous and Next. */
export function DrillDownPager({ total, offset, count, unit, search, busy, onPage }: DrillDownPagerProps) {
  const matching = search ? ` matching “${search}”` : '';
  return (
    <div className="pager">
      <p role="status">
        {total === 0
          ? `No ${unit}${matching}.`
          : `${formatCount(offset + 1)}–${formatCount(offset + count)} of ${formatCount(total)} ${unit}${matching}`}
        {busy ? ' (updating…)' : ''}
      </p>
      <div className="pager-buttons">
        <button
          type="button"
          disabled={offset === 0}
          onClick={() => onPage(Math.max(0, offset - DRILL_PAGE_SIZE))}
        >
          Previous
        </button>
        <button
          type="button"
          disabled={offset + count >= total}
          onClick={() => onPage(offset + DRILL_PAGE_SIZE)}
        >
          Next
        </button>
      </div>
    </div>
  );
}
