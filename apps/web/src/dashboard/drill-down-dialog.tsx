import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Metric } from '@upsell/core';
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTRPC } from '../api/trpc.ts';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { TableScroll } from '../ui/table-scroll.tsx';
import type { CustomersInput, DrillDownCustomer, DrillDownLine } from './api-types.ts';
import { type DashboardDefinition, toDefinitionInput } from './dashboard-definition.ts';
import { countedUnit, ELIGIBILITY_OPTIONS, metricLabel } from './definition-options.ts';
import type { DrillTarget } from './drill-target.ts';
import { formatCount, formatMoney, formatRateWithCounts, segmentLabel } from './format-metric.ts';

/** Customers (or lines) per page of a drill-down. */
export const DRILL_PAGE_SIZE = 20;
const SEARCH_DELAY_MS = 300;

const MOVEMENT_WORDS: Record<DrillDownLine['movement'], string> = {
  initial: 'Initial order',
  upsell: 'Upsell',
  cross_sell: 'Cross-sell',
  repeat: 'Repeat',
  downgrade: 'Downgrade',
};

/** Props of {@link DrillDownDialog}. */
export interface DrillDownDialogProps {
  dataset: string;
  /** The page's definition; the target's metric replaces its metric. */
  definition: DashboardDefinition;
  target: DrillTarget;
  onClose(): void;
}

/**
 * `metric.customers`' input for a row: the definition without its period unit (the row's label
 * gives it) and without `by` (the segment's names give it).
 */
export function drillDownInput(
  dataset: string,
  definition: DashboardDefinition,
  target: DrillTarget,
  page: { offset: number; search: string },
): CustomersInput {
  const { period: _unit, by: _by, ...rest } = toDefinitionInput({ ...definition, metric: target.metric });
  const input: CustomersInput = {
    dataset,
    definition: rest,
    period: target.period,
    segment: target.segment,
    offset: page.offset,
    limit: DRILL_PAGE_SIZE,
  };
  if (page.search !== '') input.search = page.search;
  return input;
}

/**
 * The customers behind a row, numerator first, each with their lines in the period and why each
 * line counts as what it is; for the purchase up-sell rate, the lines themselves. Paged and
 * searchable. A modal dialog: focus moves in, stays in, Escape closes, focus goes back.
 */
export function DrillDownDialog({ dataset, definition, target, onClose }: DrillDownDialogProps) {
  const trpc = useTRPC();
  const titleId = useId();
  const searchId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [draft, setDraft] = useState('');
  const [page, setPage] = useState({ offset: 0, search: '' });

  // Searching as one types, once typing pauses; a new search starts at the first page.
  useEffect(() => {
    const timer = setTimeout(() => {
      setPage((current) => (current.search === draft.trim() ? current : { offset: 0, search: draft.trim() }));
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft]);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    headingRef.current?.focus();
    return () => opener?.focus();
  }, []);

  const query = useQuery(
    trpc.metric.customers.queryOptions(drillDownInput(dataset, definition, target, page), {
      placeholderData: keepPreviousData,
    }),
  );
  const data = query.data;
  const row = data?.row ?? target.row;
  const unit = countedUnit(target.metric);
  const where = `${target.period}, ${segmentLabel(target.segment)}`;
  const eligible = ELIGIBILITY_OPTIONS.find((o) => o.value === definition.eligible)?.label.toLowerCase();

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
    } else if (event.key === 'Tab') {
      keepFocusInside(dialogRef.current, event);
    }
  };
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setPage({ offset: 0, search: draft.trim() });
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a click outside is a mouse shortcut; Escape and Close are the keyboard's
    <div
      className="drill-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        ref={dialogRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="drill-dialog"
        onKeyDown={onKeyDown}
      >
        <header className="drill-header">
          <h2 id={titleId} ref={headingRef} tabIndex={-1}>
            {unit === 'lines' ? 'Lines' : 'Customers'} behind {where}
          </h2>
          <button type="button" onClick={onClose} className="close-button">
            Close<span className="visually-hidden"> the drill-down</span>
          </button>
        </header>
        <p className="drill-summary">
          {metricLabel(target.metric)}
          {row ? `: ${formatRateWithCounts(row, target.metric)}.` : '.'}{' '}
          {unit === 'lines'
            ? 'The numerator is the upsell lines; the denominator every line of the period.'
            : `The numerator is the customers with an upsell in ${target.period} (listed first); the denominator every eligible customer (${eligible}).`}
        </p>
        <search>
          <form className="drill-search" onSubmit={onSearch}>
            <label htmlFor={searchId}>Search by customer, product or order id</label>
            <input
              id={searchId}
              type="search"
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              autoComplete="off"
            />
            <button type="submit">Search</button>
          </form>
        </search>

        {query.isError && !data ? (
          <ErrorPanel
            title="Could not load the customers behind this row"
            error={query.error}
            onRetry={() => query.refetch()}
          />
        ) : !data ? (
          <p role="status" className="computing">
            Loading the {unit}…
          </p>
        ) : (
          <>
            <Pager
              total={data.total}
              offset={data.offset}
              count={(data.customers ?? data.lines ?? []).length}
              unit={unit}
              search={page.search}
              busy={query.isFetching}
              onPage={(offset) => setPage((current) => ({ ...current, offset }))}
            />
            <div className={query.isPlaceholderData ? 'drill-body stale' : 'drill-body'}>
              {data.customers && <CustomerList customers={data.customers} metric={target.metric} />}
              {data.lines && <LinesTable lines={data.lines} withCustomer caption={`Lines behind ${where}`} />}
            </div>
          </>
        )}
      </div>
    </div>
  );
}

function Pager({
  total,
  offset,
  count,
  unit,
  search,
  busy,
  onPage,
}: {
  total: number;
  offset: number;
  count: number;
  unit: string;
  search: string;
  busy: boolean;
  onPage(offset: number): void;
}) {
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

function CustomerList({ customers, metric }: { customers: readonly DrillDownCustomer[]; metric: Metric }) {
  return (
    <ol className="customer-list">
      {customers.map((customer) => (
        <li key={customer.customerId} className={customer.inNumerator ? 'in-numerator' : undefined}>
          <div className="customer-head">
            <strong>{customer.customerId}</strong>
            <span className={customer.inNumerator ? 'tag tag-numerator' : 'tag'}>
              {customer.inNumerator ? 'In the numerator' : 'Denominator only'}
            </span>
            {/* Besides the numerator's own reason, the other movement is worth a glance. */}
            {metric === 'customer-cross-sell-rate' && customer.upsell && (
              <span className="tag">also an upsell</span>
            )}
            {metric !== 'customer-cross-sell-rate' && customer.crossSell && (
              <span className="tag">also a cross-sell</span>
            )}
          </div>
          <p className="hint">
            Initial order {customer.initialOrderAt}
            {customer.segment.length > 0 ? ` · segment ${customer.segment.join(' · ')}` : ''}
          </p>
          {customer.lines.length === 0 ? (
            <p className="hint">No purchases in this period: eligible, but bought nothing.</p>
          ) : (
            <LinesTable lines={customer.lines} caption={`Lines of ${customer.customerId} in the period`} />
          )}
        </li>
      ))}
    </ol>
  );
}

function LinesTable({
  lines,
  caption,
  withCustomer = false,
}: {
  lines: readonly DrillDownLine[];
  caption: string;
  withCustomer?: boolean;
}) {
  return (
    <TableScroll label={caption}>
      <table className="lines-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {withCustomer && <th scope="col">Customer</th>}
            <th scope="col">When</th>
            <th scope="col">Product</th>
            <th scope="col">Family</th>
            <th scope="col">Tier</th>
            <th scope="col">Amount</th>
            <th scope="col">Qty</th>
            <th scope="col">Counts as</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={`${line.file}:${line.line}`} className={`movement-${line.movement}`}>
              {withCustomer && <td>{line.customerId}</td>}
              <td className="nowrap">{line.purchasedAt}</td>
              <td className="nowrap">{line.productId}</td>
              <td>{line.family}</td>
              <td className="num">{line.tier ?? '—'}</td>
              <td className="num">{line.amount === null ? '—' : formatMoney(line.amount)}</td>
              <td className="num">{line.quantity}</td>
              <td>
                <span className={`movement movement-tag-${line.movement}`}>
                  {MOVEMENT_WORDS[line.movement]}
                </span>
              </td>
              <td>
                {line.reason}
                <span className="hint">
                  {' '}
                  ({line.file}:{line.line})
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), [tabindex="0"]';

/** Tab from the last control goes to the first, Shift+Tab from the first to the last. */
function keepFocusInside(container: HTMLElement | null, event: KeyboardEvent) {
  if (!container) return;
  const focusable = Array.from(container.querySelectorAll<HTMLElement>(FOCUSABLE));
  const first = focusable[0];
  const last = focusable.at(-1);
  if (!first || !last) return;
  if (
    event.shiftKey &&
    (document.activeElement === first || document.activeElement === container.querySelector('h2'))
  ) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
