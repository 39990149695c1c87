import { useQuery } from '@tanstack/react-query';
import type { PeriodUnit } from '@upsell/core';
import { type ReactNode, useId, useState } from 'react';
import { useTRPC } from '../api/trpc.ts';
import { TableScroll } from '../ui/table-scroll.tsx';
import type { DatasetRetentionResult, RetentionRow } from './api-types.ts';
import { formatCount, formatMoney, formatPercent, formatPeriod } from './format-metric.ts';

/** The customer counts of the retention KPIs a visitor can open. */
export type RetentionDrillKind = 'churned' | 'retained' | 'repeat';

/** Which customers to list: a KPI's numerator in one period. */
export interface RetentionDrill {
  kind: RetentionDrillKind;
  period: string;
}

const DRILL_WORDS: Record<RetentionDrillKind, string> = {
  churned: 'lapsed (churned)',
  retained: 'bought again after the previous period',
  repeat: 'bought again (repeat customers)',
};

/** Props of {@link RetentionTable}. */
export interface RetentionTableProps {
  result: Pick<DatasetRetentionResult, 'rows' | 'definition'>;
  currency?: string | null;
  onDrill(drill: RetentionDrill): void;
}

/** A rate with its counts; the numerator opens the customers behind it when it has any. */
function RatioCell({
  ratio,
  onOpen,
  label,
}: {
  ratio: RetentionRow['repeatPurchaseRate'] | null;
  onOpen: () => void;
  label: string;
}) {
  if (ratio === null) return <td>—</td>;
  const rate = ratio.rate === null ? '—' : formatPercent(ratio.rate);
  const counts = `${formatCount(ratio.numerator)} / ${formatCount(ratio.denominator)}`;
  return (
    <td>
      <span className="retention-rate">{rate}</span>{' '}
      {ratio.numerator > 0 ? (
        // The name starts with the visible counts (axe's label-content-name-mismatch), then says what opens.
        <button
          type="button"
          className="link-button retention-counts"
          onClick={onOpen}
          aria-label={`${counts}, list ${label}`}
        >
          {counts}
        </button>
      ) : (
        <span className="retention-counts">{counts}</span>
      )}
    </td>
  );
}

const money = (value: number | null | undefined, currency?: string | null) =>
  value === null || value === undefined ? '—' : formatMoney(value, currency);

/**
 * The retention KPIs, a row per period (the latest first): repeat purchase, retention and churn
 * rates with their counts (each count opens its customers), average order value, revenue per
 * customer and historic lifetime value (docs/metrics.md, "Retention KPIs").
 */
export function RetentionTable({ result, currency, onDrill }: RetentionTableProps) {
  const rows = [...result.rows].reverse();
  const hasMoney = rows.some((r) => r.revenue !== null);
  const days = result.definition.inactiveAfterDays;
  return (
    <TableScroll label="Retention by period">
      <table className="rows-table retention-table">
        <caption>
          Retention by {result.definition.period}
          {days === null ? '' : `; a customer churns after ${days} days without an order`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col">Active</th>
            <th scope="col">Repeat purchase</th>
            <th scope="col">Retention</th>
            {days !== null && <th scope="col">Churn</th>}
            {hasMoney && <th scope="col">Avg order</th>}
            {hasMoney && <th scope="col">Revenue / customer</th>}
            {hasMoney && <th scope="col">Historic LTV</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const period = formatPeriod(row.period);
            return (
              <tr key={row.period}>
                <th scope="row">{period}</th>
                <td>{formatCount(row.activeCustomers)}</td>
                <RatioCell
                  ratio={row.repeatPurchaseRate}
                  label={`${period}: the ${row.repeatPurchaseRate.numerator} repeat customers`}
                  onOpen={() => onDrill({ kind: 'repeat', period: row.period })}
                />
                <RatioCell
                  ratio={row.retentionRate}
                  label={`${period}: the ${row.retentionRate.numerator} retained customers`}
                  onOpen={() => onDrill({ kind: 'retained', period: row.period })}
                />
                {days !== null && (
                  <RatioCell
                    ratio={row.churnRate}
                    label={`${period}: the ${row.churnRate?.numerator ?? 0} churned customers`}
                    onOpen={() => onDrill({ kind: 'churned', period: row.period })}
                  />
                )}
                {hasMoney && <td>{money(row.averageOrderValue?.value, currency)}</td>}
                {hasMoney && <td>{money(row.revenuePerCustomer?.value, currency)}</td>}
                {hasMoney && <td>{money(row.historicLifetimeValue?.value, currency)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** Props of {@link RetentionSection}. */
export interface RetentionSectionProps {
  dataset: string;
  definition: { period?: PeriodUnit; timeZone?: string; from?: string; to?: string };
  currency?: string | null;
}

/**
 * The purchase dashboard's retention KPIs (`metric.retention`, churn after 90 days), overall,
 * with the customers behind a count listed under the table. Connected datasets have none yet:
 * the section says so rather than failing.
 */
export function RetentionSection({ dataset, definition, currency }: RetentionSectionProps) {
  const trpc = useTRPC();
  const id = useId();
  const [drill, setDrill] = useState<RetentionDrill | undefined>();
  const input = {
    dataset,
    definition: {
      ...(definition.period === undefined ? {} : { period: definition.period }),
      ...(definition.timeZone === undefined ? {} : { timeZone: definition.timeZone }),
      ...(definition.from === undefined ? {} : { from: definition.from }),
      ...(definition.to === undefined ? {} : { to: definition.to }),
    },
  };
  const retention = useQuery(trpc.metric.retention.queryOptions(input));
  const drilled = useQuery(
    trpc.metric.retention.queryOptions(
      { ...input, drill: drill ?? { kind: 'churned', period: '' } },
      { enabled: drill !== undefined },
    ),
  );
  let body: ReactNode;
  if (retention.isPending) body = <p className="hint">Computing the retention KPIs…</p>;
  else if (retention.isError) body = <p className="hint">No retention KPIs: {retention.error.message}</p>;
  else if (retention.data.rows.length === 0) body = <p className="hint">No periods to show.</p>;
  else {
    body = (
      <>
        <RetentionTable result={retention.data} currency={currency} onDrill={setDrill} />
        {drill && (
          <div className="retention-drill" aria-live="polite">
            <h3>
              {formatPeriod(drill.period)}: customers who {DRILL_WORDS[drill.kind]}
              {drilled.data?.drill ? ` (${formatCount(drilled.data.drill.customers.length)})` : ''}
            </h3>
            {drilled.isPending ? (
              <p className="hint">Listing them…</p>
            ) : drilled.isError ? (
              <p className="hint">Could not list them: {drilled.error.message}</p>
            ) : (
              <ul className="retention-customers">
                {(drilled.data.drill?.customers ?? []).map((customer) => (
                  <li key={customer}>{customer}</li>
                ))}
              </ul>
            )}
            <button type="button" className="link-button" onClick={() => setDrill(undefined)}>
              Close the list
            </button>
          </div>
        )}
      </>
    );
  }
  return (
    <section className="dash-section retention-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Retention</h2>
      <p className="hint">
        Repeat purchase, retention and churn rates with the customers behind them; money per order and
        customer. Definitions: docs/metrics.md, “Retention KPIs”.
      </p>
      {body}
    </section>
  );
}
