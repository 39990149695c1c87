import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { RouterInputs } from '@upsell/client';
import { type ReactNode, useEffect, useId, useState } from 'react';
import { useTRPC } from '../api/trpc.ts';
import { CompareSubscriberList } from '../subscriptions/compare-subscriber-list.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import type { ComparedRow } from './api-types.ts';
import { CompareCustomerList } from './compare-customer-list.tsx';
import { type DashboardDefinition, toDefinitionInput } from './dashboard-definition.ts';
import { DRILL_PAGE_SIZE } from './drill-down-input.ts';
import { DrillDownPager } from './drill-down-pager.tsx';
import { formatCount } from './format-metric.ts';

type CompareCustomersInput = RouterInputs['metric']['compareCustomers'];
type Side = CompareCustomersInput['side'];

/** A side's definition as a drill-down takes it: no period unit (the label gives it), unsegmented. */
function rowDefinition(definition: DashboardDefinition): CompareCustomersInput['a'] {
  const { period: _unit, by: _by, ...rest } = toDefinitionInput(definition);
  return { ...rest, by: [] };
}

/** The periods both sides have a row for (unsegmented first), latest last, in A's labels. */
export function sharedPeriods(rows: readonly ComparedRow[]): string[] {
  const periods: string[] = [];
  for (const row of rows) if (row.a && row.b && !periods.includes(row.period)) periods.push(row.period);
  return periods;
}

/** Props of {@link CompareCustomersSection}. */
export interface CompareCustomersSectionProps {
  dataset: string;
  /** A subscription dataset's are subscribers, with their movements (`metric.compareMovementCustomers`). */
  kind?: 'purchases' | 'subscriptions';
  a: DashboardDefinition;
  b: DashboardDefinition;
  rows: readonly ComparedRow[];
}

/**
 * The customers counted in one definition and not the other, for one period (the latest both
 * have, or one chosen): in A's numerator and not B's, or the other way, paged, each with their
 * lines and why each line counts as what it is under that side's definition.
 */
export function CompareCustomersSection({
  dataset,
  kind = 'purchases',
  a,
  b,
  rows,
}: CompareCustomersSectionProps) {
  const trpc = useTRPC();
  const id = useId();
  const periods = sharedPeriods(rows);
  const [chosen, setChosen] = useState<string>();
  const [chosenSide, setSide] = useState<Side>();
  const [emptyA, setEmptyA] = useState(false);
  // Until someone chooses, the side that has customers: often one rule counts a subset of the
  // other's (a move up is an additional purchase), and an empty first list says nothing.
  const side: Side = chosenSide ?? (emptyA ? 'b-only' : 'a-only');
  const [offset, setOffset] = useState(0);
  const period = chosen && periods.includes(chosen) ? chosen : periods.at(-1);
  // The dataset's summary is the page's own query, cached: it gives the amounts' currency.
  const currency = useQuery(trpc.dataset.byId.queryOptions({ id: dataset })).data?.currency;
  const counted = a.metric !== 'purchase-upsell-rate' && b.metric !== 'purchase-upsell-rate';
  const input: CompareCustomersInput = {
    dataset,
    a: rowDefinition(a),
    b: rowDefinition(b),
    period: period ?? 'all',
    side,
    offset,
    limit: DRILL_PAGE_SIZE,
  };
  const subscriptions = kind === 'subscriptions';
  const purchaseQuery = useQuery(
    trpc.metric.compareCustomers.queryOptions(input, {
      enabled: !subscriptions && counted && period !== undefined,
      placeholderData: keepPreviousData,
    }),
  );
  const subscriberQuery = useQuery(
    trpc.metric.compareMovementCustomers.queryOptions(input, {
      enabled: subscriptions && period !== undefined,
      placeholderData: keepPreviousData,
    }),
  );
  const query = subscriptions ? subscriberQuery : purchaseQuery;

  const data = query.data;
  useEffect(() => {
    if (data && data.side === 'a-only' && data.aOnly === 0 && data.bOnly > 0) setEmptyA(true);
  }, [data]);

  let body: ReactNode;
  if (!counted) {
    body = (
      <p className="hint">
        The purchase up-sell rate counts lines, not customers: choose a customer rate for both A and B to see
        who is counted in one and not the other.
      </p>
    );
  } else if (period === undefined) {
    body = <p className="hint">A and B have no period in common.</p>;
  } else if (query.isError && !data) {
    body = (
      <ErrorPanel
        title="Could not compare the customers"
        error={query.error}
        onRetry={() => query.refetch()}
      />
    );
  } else if (!data) {
    body = (
      <p role="status" className="computing">
        Finding the customers counted in one and not the other…
      </p>
    );
  } else {
    const customers = data.page.customers ?? [];
    const countedBy = side === 'a-only' ? 'A' : 'B';
    const choose = (next: Side) => {
      setSide(next);
      setOffset(0);
    };
    body = (
      <>
        <fieldset className="side-switch">
          <legend className="visually-hidden">Which customers</legend>
          <button type="button" aria-pressed={side === 'a-only'} onClick={() => choose('a-only')}>
            Counted by A, not by B ({formatCount(data.aOnly)})
          </button>
          <button type="button" aria-pressed={side === 'b-only'} onClick={() => choose('b-only')}>
            Counted by B, not by A ({formatCount(data.bOnly)})
          </button>
        </fieldset>
        <p className="hint">
          {subscriptions
            ? `In ${countedBy}’s numerator and not in ${countedBy === 'A' ? 'B' : 'A'}’s: each subscriber’s movements in the period, with the cause of each part.`
            : side === 'a-only'
              ? 'In A’s numerator and not in B’s: each line with why A counts it, and how B reads it.'
              : 'In B’s numerator and not in A’s: each line with why B counts it, and how A reads it.'}
        </p>
        <DrillDownPager
          total={data.page.total}
          offset={data.page.offset}
          count={customers.length}
          unit={subscriptions ? 'subscribers' : 'customers'}
          search=""
          busy={query.isFetching}
          onPage={setOffset}
        />
        <div className={query.isPlaceholderData ? 'drill-body stale' : 'drill-body'}>
          {subscriberQuery.data && subscriptions ? (
            <CompareSubscriberList
              customers={subscriberQuery.data.page.customers}
              other={subscriberQuery.data.other}
              counted={countedBy}
              currency={currency}
            />
          ) : (
            purchaseQuery.data && (
              <CompareCustomerList
                customers={purchaseQuery.data.page.customers ?? []}
                other={purchaseQuery.data.other}
                counted={countedBy}
                timeZone={side === 'a-only' ? a.timeZone : b.timeZone}
                currency={currency}
              />
            )
          )}
        </div>
      </>
    );
  }

  return (
    <section className="dash-section compare-customers" aria-labelledby={`${id}-heading`}>
      <div className="section-head">
        <h2 id={`${id}-heading`}>Counted in one and not the other</h2>
        {counted && periods.length > 0 && (
          <div className="field inline-field">
            <label htmlFor={`${id}-period`}>Period</label>
            <select
              id={`${id}-period`}
              value={period}
              onChange={(event) => {
                setChosen(event.target.value);
                setEmptyA(false);
                setOffset(0);
              }}
            >
              {periods.map((label) => (
                <option key={label} value={label}>
                  {label}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {body}
    </section>
  );
}
