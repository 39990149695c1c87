import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTRPC } from '../api/trpc.ts';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { ModalDialog } from '../ui/modal-dialog.tsx';
import { CustomerList } from './customer-list.tsx';
import type { DashboardDefinition } from './dashboard-definition.ts';
import { countedUnit, ELIGIBILITY_OPTIONS, metricLabel } from './definition-choices.ts';
import { drillDownInput } from './drill-down-input.ts';
import { DrillDownPager } from './drill-down-pager.tsx';
import type { DrillTarget } from './drill-target.ts';
import { formatPeriod, formatRateWithCounts, segmentLabel } from './format-metric.ts';
import { LinesTable } from './lines-table.tsx';

const SEARCH_DELAY_MS = 300;
const DRILL_CLASSES = { backdrop: 'drill-backdrop', dialog: 'drill-dialog', header: 'drill-header' };

/** Props of {@link DrillDownDialog}. */
export interface DrillDownDialogProps {
  dataset: string;
  /** The page's definition; the target's metric replaces its metric. */
  definition: DashboardDefinition;
  target: DrillTarget;
  onClose(): void;
}

/**
 * The customers behind a row, numerator first, each with their lines in the period and why each
 * line counts as what it is; for the purchase up-sell rate, the lines themselves. Paged and
 * searchable. A modal dialog: focus moves in, stays in, Escape closes, focus goes back.
 */
export function DrillDownDialog({ dataset, definition, target, onClose }: DrillDownDialogProps) {
  const trpc = useTRPC();
  const searchId = useId();
  const [draft, setDraft] = useState('');
  const [page, setPage] = useState({ offset: 0, search: '' });

  // Searching as one types, once typing pauses; a new search starts at the first page.
  useEffect(() => {
    const timer = setTimeout(() => {
      setPage((current) => (current.search === draft.trim() ? current : { offset: 0, search: draft.trim() }));
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft]);

  // The dataset's summary is the page's own query, cached: it gives the amounts' currency.
  const currency = useQuery(trpc.dataset.byId.queryOptions({ id: dataset })).data?.currency;
  const query = useQuery(
    trpc.metric.customers.queryOptions(drillDownInput(dataset, definition, target, page), {
      placeholderData: keepPreviousData,
    }),
  );
  const data = query.data;
  const row = data?.row ?? target.row;
  const unit = countedUnit(target.metric);
  const where = `${formatPeriod(target.period)}, ${segmentLabel(target.segment)}`;
  const eligible = ELIGIBILITY_OPTIONS.find((o) => o.value === definition.eligible)?.label.toLowerCase();

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setPage({ offset: 0, search: draft.trim() });
  };

  return (
    <ModalDialog
      title={`${unit === 'lines' ? 'Lines' : 'Customers'} behind ${where}`}
      closeHint=" the drill-down"
      onClose={onClose}
      classNames={DRILL_CLASSES}
    >
      <p className="drill-summary">
        {metricLabel(target.metric)}
        {row ? `: ${formatRateWithCounts(row, target.metric)}.` : '.'}{' '}
        {unit === 'lines'
          ? 'The numerator is the upsell lines (listed first); the denominator every line of the period.'
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
          <DrillDownPager
            total={data.total}
            offset={data.offset}
            count={(data.customers ?? data.lines ?? []).length}
            unit={unit}
            search={page.search}
            busy={query.isFetching}
            onPage={(offset) => setPage((current) => ({ ...current, offset }))}
          />
          <div className={query.isPlaceholderData ? 'drill-body stale' : 'drill-body'}>
            {data.customers && (
              <CustomerList
                customers={data.customers}
                metric={target.metric}
                timeZone={definition.timeZone}
                currency={currency}
              />
            )}
            {data.lines && (
              <LinesTable
                lines={data.lines}
                withCustomer
                caption={`Lines behind ${where}`}
                timeZone={definition.timeZone}
                currency={currency}
              />
            )}
          </div>
        </>
      )}
    </ModalDialog>
  );
}
