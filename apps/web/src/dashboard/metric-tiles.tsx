import { type Industry, isUncertainRate, type Metric, type MetricRow } from '@upsell/core';
import type { ReactNode } from 'react';
import { Sparkline } from '../ui/sparkline.tsx';
import { BandBadge } from './band-badge.tsx';
import { CHART_COLORS } from './chart-colors.ts';
import { countedUnit, INDUSTRY_OPTIONS, metricLabel } from './definition-choices.ts';
import { type DrillTarget, drillTargetOf } from './drill-target.ts';
import {
  describeChange,
  formatCount,
  formatInterval,
  formatPercent,
  formatPeriod,
  formatPoints,
} from './format-metric.ts';
import { Money } from './money.tsx';
import { Tile } from './tile.tsx';

/** Props of {@link MetricTiles}. */
export interface MetricTilesProps {
  metric: Metric;
  /** The metric's rows for all customers (no segments), by period. */
  rows: readonly MetricRow[];
  /** The other rate (purchase up-sell beside a customer rate, else the customer upsell rate). */
  other?: { metric: Metric; rows: readonly MetricRow[] | undefined } | undefined;
  industry?: Industry | undefined;
  /** The dataset's currency (ISO 4217), or null: amounts are then plain decimals. */
  currency?: string | null | undefined;
  onDrill(target: DrillTarget): void;
  /** Opens the definition form, from the prompt for a benchmark or target. */
  onEditDefinition?: (() => void) | undefined;
}

const industryName = (industry: Industry) =>
  INDUSTRY_OPTIONS.find((o) => o.value === industry)?.label.replace(/ \(.*$/, '') ?? industry;

/**
 * The latest period at a glance, numbers first: the rate (named by its band, or flagged as
 * uncertain when few customers carry it), its change with significance, the other rate, upsell
 * revenue and the gaps to the benchmark and the target, each with a sparkline of its periods.
 * Tiles with nothing to say are left out; what would fill them is said in one line below.
 * Each tile opens the drill-down of the row it describes.
 */
export function MetricTiles({
  metric,
  rows,
  other,
  industry,
  currency,
  onDrill,
  onEditDefinition,
}: MetricTilesProps) {
  const latest = rows.at(-1);
  if (latest === undefined) return null;
  const drill = () => onDrill(drillTargetOf(metric, latest));
  const otherRow = other?.rows?.find((row) => row.period === latest.period);
  const change = latest.change && describeChange(latest.change);
  const unit = countedUnit(metric);
  const uncertain = isUncertainRate(latest.ci95);
  const prompts: { key: string; text: ReactNode }[] = [];
  if (!latest.revenue)
    prompts.push({ key: 'revenue', text: 'Upsell revenue needs an amount column in the files.' });
  if (!latest.benchmark && !latest.target) {
    prompts.push({
      key: 'compare',
      text: (
        <>
          {industry && metric !== 'customer-upsell-rate'
            ? 'Benchmarks are customer upsell rates: choose that metric to compare with one.'
            : 'No benchmark or target to compare with.'}
          {onEditDefinition && (
            <>
              {' '}
              <button type="button" className="link-button" onClick={onEditDefinition}>
                Set a target or an industry
              </button>
            </>
          )}
        </>
      ),
    });
  }

  return (
    <section className="tiles-section" aria-labelledby="tiles-heading">
      <h2 id="tiles-heading">Latest period: {formatPeriod(latest.period)}</h2>
      <div className="tiles">
        {/* tile-rate: scripts/time-to-dashboard.ts times the page to this tile's number. */}
        <Tile
          label={metricLabel(metric)}
          className={`tile-rate tile-hero ${uncertain ? 'band-uncertain' : `band-${latest.band}`}`}
          onClick={drill}
          spark={<Sparkline values={rows.map((row) => row.rate)} color={CHART_COLORS.rate} width={160} />}
        >
          <span className="tile-value">{formatPercent(latest.rate)}</span>
          <BandBadge band={latest.band} uncertain={uncertain} unit={unit} />
          <span className="tile-detail">
            {formatCount(latest.numerator)} of {formatCount(latest.denominator)} {unit}
          </span>
          <span className="tile-detail">95% interval {formatInterval(latest.ci95)}</span>
        </Tile>

        {latest.change && change && (
          <Tile
            label="Change vs previous period"
            onClick={drill}
            spark={
              <Sparkline
                values={rows.map((row) => row.change?.difference ?? Number.NaN)}
                color={CHART_COLORS.muted}
                baseline={0}
              />
            }
          >
            <span className="tile-value">{formatPoints(latest.change.difference)}</span>
            <span className="tile-detail">{change.movement}</span>
            <span
              className={change.significant ? 'significance significant' : 'significance not-significant'}
            >
              {change.significance.charAt(0).toUpperCase() + change.significance.slice(1)}
            </span>
          </Tile>
        )}

        {other && (
          <OtherRateTile
            other={other}
            row={otherRow}
            onDrill={() =>
              onDrill(otherRow ? drillTargetOf(other.metric, otherRow) : drillTargetOf(metric, latest))
            }
          />
        )}

        {latest.revenue && (
          <Tile
            label="Upsell revenue"
            onClick={drill}
            spark={
              <Sparkline
                values={rows.map((row) => row.revenue?.upsell ?? Number.NaN)}
                color={CHART_COLORS.rate}
              />
            }
          >
            <span className="tile-value">
              <Money amount={latest.revenue.upsell} currency={currency} />
            </span>
            <span className="tile-detail">
              {latest.revenue.upsellShare === null ? (
                'No revenue in this period.'
              ) : (
                <>
                  {formatPercent(latest.revenue.upsellShare)} of{' '}
                  <Money amount={latest.revenue.total} currency={currency} /> revenue
                </>
              )}
            </span>
          </Tile>
        )}

        {latest.benchmark && (
          <Tile
            label="Gap to benchmark"
            onClick={drill}
            spark={
              <Sparkline
                values={rows.map((row) => row.benchmark?.difference ?? Number.NaN)}
                color={CHART_COLORS.benchmark}
                baseline={0}
              />
            }
          >
            <span className="tile-value">{formatPoints(latest.benchmark.difference)}</span>
            <span className="tile-detail">
              {latest.benchmark.difference >= 0 ? 'At or above' : 'Below'} the{' '}
              {industryName(latest.benchmark.industry)} benchmark of {formatPercent(latest.benchmark.rate)} (
              {latest.benchmark.source})
            </span>
          </Tile>
        )}

        {latest.target && (
          <Tile
            label="Gap to target"
            onClick={drill}
            spark={
              <Sparkline
                values={rows.map((row) => row.target?.difference ?? Number.NaN)}
                color={CHART_COLORS.target}
                baseline={0}
              />
            }
          >
            <span className="tile-value">{formatPoints(latest.target.difference)}</span>
            <span className={latest.target.met ? 'target-met' : 'target-missed'}>
              Target {formatPercent(latest.target.rate)}: {latest.target.met ? 'met' : 'not met'}
            </span>
          </Tile>
        )}
      </div>
      {prompts.length > 0 && (
        <ul className="tile-prompts">
          {prompts.map((prompt) => (
            <li key={prompt.key}>{prompt.text}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The other rate of the same period; while it computes, a tile without a drill-down. */
function OtherRateTile({
  other,
  row,
  onDrill,
}: {
  other: { metric: Metric; rows: readonly MetricRow[] | undefined };
  row: MetricRow | undefined;
  onDrill(): void;
}) {
  const label = metricLabel(other.metric);
  if (!row) {
    return (
      <Tile label={label}>
        <span className="tile-detail">{other.rows ? 'No row for this period.' : 'Computing…'}</span>
      </Tile>
    );
  }
  const uncertain = isUncertainRate(row.ci95);
  const unit = countedUnit(other.metric);
  return (
    <Tile
      label={label}
      className={uncertain ? 'band-uncertain' : `band-${row.band}`}
      onClick={onDrill}
      spark={<Sparkline values={(other.rows ?? []).map((r) => r.rate)} color={CHART_COLORS.muted} />}
    >
      <span className="tile-value">{formatPercent(row.rate)}</span>
      <BandBadge band={row.band} uncertain={uncertain} unit={unit} />
      <span className="tile-detail">
        {formatCount(row.numerator)} of {formatCount(row.denominator)} {unit}
      </span>
    </Tile>
  );
}
