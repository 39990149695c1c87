import type { Industry, Metric, MetricRow } from '@upsell/core';
import type { ReactNode } from 'react';
import { BandBadge } from './band-badge.tsx';
import { countedUnit, INDUSTRY_OPTIONS, metricLabel } from './definition-choices.ts';
import { type DrillTarget, drillTargetOf } from './drill-target.ts';
import {
  describeChange,
  formatCount,
  formatInterval,
  formatMoney,
  formatPercent,
  formatPoints,
} from './format-metric.ts';

/** Props of {@link MetricTiles}. */
export interface MetricTilesProps {
  metric: Metric;
  /** The metric's rows for all customers (no segments), by period. */
  rows: readonly MetricRow[];
  /** The other rate (purchase up-sell beside a customer rate, else the customer upsell rate). */
  other?: { metric: Metric; rows: readonly MetricRow[] | undefined } | undefined;
  industry?: Industry | undefined;
  onDrill(target: DrillTarget): void;
}

const industryName = (industry: Industry) =>
  INDUSTRY_OPTIONS.find((o) => o.value === industry)?.label.replace(/ \(.*$/, '') ?? industry;

/**
 * The latest period at a glance: the rate coloured by band (and named), its change with
 * significance, the other rate, upsell revenue and its share, and the gaps to the benchmark and
 * the target. Each tile opens the drill-down of the row it describes.
 */
export function MetricTiles({ metric, rows, other, industry, onDrill }: MetricTilesProps) {
  const latest = rows.at(-1);
  if (latest === undefined) return null;
  const drill = () => onDrill(drillTargetOf(metric, latest));
  const otherRow = other?.rows?.find((row) => row.period === latest.period);
  const change = latest.change && describeChange(latest.change);

  return (
    <section className="tiles-section" aria-labelledby="tiles-heading">
      <h2 id="tiles-heading">Latest period: {latest.period}</h2>
      <div className="tiles">
        <Tile label={metricLabel(metric)} className={`tile-rate band-${latest.band}`} onClick={drill}>
          <span className="tile-value">{formatPercent(latest.rate)}</span>
          <BandBadge band={latest.band} />
          <span className="tile-detail">
            {formatCount(latest.numerator)} of {formatCount(latest.denominator)} {countedUnit(metric)}
          </span>
          <span className="tile-detail">95% interval {formatInterval(latest.ci95)}</span>
        </Tile>

        <Tile label="Change vs previous period" onClick={drill}>
          {latest.change && change ? (
            <>
              <span className="tile-value">{formatPoints(latest.change.difference)}</span>
              <span className="tile-detail">{change.movement}</span>
              <span
                className={change.significant ? 'significance significant' : 'significance not-significant'}
              >
                {change.significance.charAt(0).toUpperCase() + change.significance.slice(1)}
              </span>
            </>
          ) : (
            <span className="tile-detail">No previous period to compare with.</span>
          )}
        </Tile>

        {other && (
          <Tile
            label={metricLabel(other.metric)}
            className={otherRow ? `band-${otherRow.band}` : undefined}
            onClick={() =>
              onDrill(otherRow ? drillTargetOf(other.metric, otherRow) : drillTargetOf(metric, latest))
            }
          >
            {otherRow ? (
              <>
                <span className="tile-value">{formatPercent(otherRow.rate)}</span>
                <BandBadge band={otherRow.band} />
                <span className="tile-detail">
                  {formatCount(otherRow.numerator)} of {formatCount(otherRow.denominator)}{' '}
                  {countedUnit(other.metric)}
                </span>
              </>
            ) : (
              <span className="tile-detail">{other.rows ? 'No row for this period.' : 'Computing…'}</span>
            )}
          </Tile>
        )}

        <Tile label="Upsell revenue" onClick={drill}>
          {latest.revenue ? (
            <>
              <span className="tile-value">{formatMoney(latest.revenue.upsell)}</span>
              <span className="tile-detail">
                {latest.revenue.upsellShare === null
                  ? 'No revenue in this period.'
                  : `${formatPercent(latest.revenue.upsellShare)} of ${formatMoney(latest.revenue.total)} revenue`}
              </span>
            </>
          ) : (
            <span className="tile-detail">No amounts in the data: import files with an amount column.</span>
          )}
        </Tile>

        <Tile label="Gap to benchmark" onClick={drill}>
          {latest.benchmark ? (
            <>
              <span className="tile-value">{formatPoints(latest.benchmark.difference)}</span>
              <span className="tile-detail">
                {latest.benchmark.difference >= 0 ? 'At or above' : 'Below'} the{' '}
                {industryName(latest.benchmark.industry)} benchmark of {formatPercent(latest.benchmark.rate)}{' '}
                ({latest.benchmark.source})
              </span>
            </>
          ) : (
            <span className="tile-detail">
              {industry && metric !== 'customer-upsell-rate'
                ? 'Benchmarks are customer upsell rates: choose that metric to compare.'
                : 'Choose an industry in the definition to compare with its benchmark.'}
            </span>
          )}
        </Tile>

        <Tile label="Gap to target" onClick={drill}>
          {latest.target ? (
            <>
              <span className="tile-value">{formatPoints(latest.target.difference)}</span>
              <span className={latest.target.met ? 'target-met' : 'target-missed'}>
                Target {formatPercent(latest.target.rate)}: {latest.target.met ? 'met' : 'not met'}
              </span>
            </>
          ) : (
            <span className="tile-detail">
              No target: enter one in the definition (an admin can save one under Targets).
            </span>
          )}
        </Tile>
      </div>
    </section>
  );
}

function Tile({
  label,
  className,
  onClick,
  children,
}: {
  label: string;
  className?: string | undefined;
  onClick(): void;
  children: ReactNode;
}) {
  return (
    <button type="button" className={`tile ${className ?? ''}`.trim()} onClick={onClick}>
      <span className="tile-label">{label}</span>
      {children}
      <span className="tile-more" aria-hidden="true">
        Customers behind it →
      </span>
    </button>
  );
}
