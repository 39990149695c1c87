import { isUncertainRate, type MetricRow, type MrrMovementsRow } from '@upsell/core';
import { BandBadge } from '../dashboard/band-badge.tsx';
import { CHART_COLORS } from '../dashboard/chart-colors.ts';
import {
  formatCount,
  formatMoney,
  formatPercent,
  formatPeriod,
  formatPoints,
} from '../dashboard/format-metric.ts';
import { Money } from '../dashboard/money.tsx';
import { Tile } from '../dashboard/tile.tsx';
import { Sparkline } from '../ui/sparkline.tsx';
import { toCents } from './cents.ts';
import { movementBars, netNewMrr } from './movement-bars.ts';
import { MOVEMENT_COLORS } from './movement-colors.ts';
import { signedMoney } from './signed-money.ts';
import {
  bridgeDrillTarget,
  type ShownRule,
  type SubscriptionDrillTarget,
} from './subscription-drill-target.ts';

/** Props of {@link SubscriptionTiles}. */
export interface SubscriptionTilesProps {
  /** The bridge rows of all customers, by period. */
  rows: readonly MrrMovementsRow[];
  /** The period the tiles are for. */
  period: string;
  /** The subscription upsell rate's and the upgrade rate's rows (undefined while they compute). */
  rates: Record<ShownRule, readonly MetricRow[] | undefined>;
  currency: string | null | undefined;
  onDrill(target: SubscriptionDrillTarget): void;
}

const RATE_WORDS: Record<ShownRule, string> = {
  expansion: 'Subscription upsell rate',
  upgrade: 'Upgrade rate',
};

/** The movements net new MRR is made of, largest first: the drill-down opens on the largest. */
const NET_FIGURES = ['new', 'reactivation', 'expansion', 'contraction', 'churn'] as const;

const ratioValues = (rows: readonly MrrMovementsRow[], pick: (row: MrrMovementsRow) => number | null) =>
  rows.map((row) => pick(row) ?? Number.NaN);

/**
 * The chosen period at a glance: MRR, net new MRR, the subscription upsell rate (band, SaaS
 * benchmark) and the upgrade rate, NRR, GRR and logo churn, each with a sparkline of its
 * periods and the customers behind it a click away.
 */
export function SubscriptionTiles({ rows, period, rates, currency, onDrill }: SubscriptionTilesProps) {
  const row = rows.find((r) => r.period === period);
  if (row === undefined) return null;
  const net = netNewMrr(row);
  const biggest =
    [...NET_FIGURES].sort((a, b) => Math.abs(toCents(row[b])) - Math.abs(toCents(row[a])))[0] ?? 'new';
  const cohort = (): SubscriptionDrillTarget => ({
    ...bridgeDrillTarget(row, 'start'),
    shown: { count: row.customers_start },
  });
  const noCohort = `No subscribers at the start of ${formatPeriod(period)}.`;
  const logoChurn = row.logo_retention === null ? null : 1 - row.logo_retention;
  const left = row.customers_start - Math.round((row.logo_retention ?? 0) * row.customers_start);

  return (
    <section className="tiles-section" aria-labelledby="subscription-tiles-heading">
      <h2 id="subscription-tiles-heading">{formatPeriod(period)}</h2>
      <div className="tiles subscription-tiles">
        <Tile
          label="MRR"
          className="tile-mrr"
          onClick={() => onDrill(bridgeDrillTarget(row, 'end'))}
          spark={<Sparkline values={rows.map((r) => r.mrr_end)} color={MOVEMENT_COLORS.level} width={140} />}
        >
          <span className="tile-value">
            <Money amount={row.mrr_end} currency={currency} />
          </span>
          <span className="tile-detail">
            {formatCount(row.customers_end)} subscribers
            {row.arpa === null ? '' : `, ${formatMoney(row.arpa, currency)} each on average`}
          </span>
        </Tile>

        <Tile
          label="Net new MRR"
          onClick={() => onDrill({ ...bridgeDrillTarget(row, biggest), figures: NET_FIGURES })}
          spark={
            <Sparkline
              values={movementBars(rows).map((bar) => bar.net)}
              color={MOVEMENT_COLORS.net}
              baseline={0}
            />
          }
        >
          <span className="tile-value">
            <span className="money" title={signedMoney(net, currency)}>
              {signedMoney(net, currency, { compact: true })}
            </span>
          </span>
          <span className="tile-detail">
            <Money amount={row.mrr_start} currency={currency} /> at the start
          </span>
          {row.quick_ratio !== null && (
            <span className="tile-detail">Quick ratio {row.quick_ratio.toFixed(2)}</span>
          )}
        </Tile>

        {(['expansion', 'upgrade'] as const).map((rule) => (
          <RateTile
            key={rule}
            rule={rule}
            rows={rates[rule]}
            period={period}
            hero={rule === 'expansion'}
            onDrill={(rateRow) =>
              onDrill({
                period,
                segment: {},
                figure: 'eligible',
                rule,
                shown: { count: rateRow.denominator },
              })
            }
          />
        ))}

        <Tile
          label="Net revenue retention"
          onClick={row.nrr === null ? undefined : () => onDrill(cohort())}
          spark={
            <Sparkline values={ratioValues(rows, (r) => r.nrr)} color={CHART_COLORS.rate} baseline={1} />
          }
        >
          <span className="tile-value">{row.nrr === null ? '—' : formatPercent(row.nrr)}</span>
          <span className="tile-detail">
            {row.nrr === null
              ? noCohort
              : `of the MRR of ${formatCount(row.customers_start)} subscribers at the start`}
          </span>
        </Tile>

        <Tile
          label="Gross revenue retention"
          onClick={row.grr === null ? undefined : () => onDrill(cohort())}
          spark={
            <Sparkline
              values={ratioValues(rows, (r) => r.grr)}
              color={MOVEMENT_COLORS.expansion}
              baseline={1}
            />
          }
        >
          <span className="tile-value">{row.grr === null ? '—' : formatPercent(row.grr)}</span>
          <span className="tile-detail">{row.grr === null ? noCohort : 'kept, not counting expansion'}</span>
        </Tile>

        <Tile
          label="Logo churn"
          onClick={logoChurn === null ? undefined : () => onDrill(cohort())}
          spark={
            <Sparkline
              values={ratioValues(rows, (r) => (r.logo_retention === null ? null : 1 - r.logo_retention))}
              color={MOVEMENT_COLORS.churn}
            />
          }
        >
          <span className="tile-value">{logoChurn === null ? '—' : formatPercent(logoChurn)}</span>
          <span className="tile-detail">
            {logoChurn === null
              ? noCohort
              : `${formatCount(left)} of ${formatCount(row.customers_start)} subscribers at the start left`}
          </span>
        </Tile>
      </div>
    </section>
  );
}

/** A rate tile: the rate of the period with its band, counts and the SaaS benchmark. */
function RateTile({
  rule,
  rows,
  period,
  hero,
  onDrill,
}: {
  rule: ShownRule;
  rows: readonly MetricRow[] | undefined;
  period: string;
  hero: boolean;
  onDrill(row: MetricRow): void;
}) {
  const label = RATE_WORDS[rule];
  const row = rows?.find((r) => r.period === period);
  if (!row) {
    return (
      <Tile label={label}>
        <span className="tile-detail">
          {rows ? `No subscribers at the start of ${formatPeriod(period)}: no rate.` : 'Computing…'}
        </span>
      </Tile>
    );
  }
  const uncertain = isUncertainRate(row.ci95);
  return (
    <Tile
      label={label}
      className={`${hero ? 'tile-rate ' : ''}${uncertain ? 'band-uncertain' : `band-${row.band}`}`}
      onClick={() => onDrill(row)}
      spark={
        <Sparkline
          values={(rows ?? []).map((r) => r.rate)}
          color={hero ? CHART_COLORS.rate : CHART_COLORS.muted}
        />
      }
    >
      <span className="tile-value">{formatPercent(row.rate)}</span>
      <BandBadge band={row.band} uncertain={uncertain} />
      <span className="tile-detail">
        {formatCount(row.numerator)} of {formatCount(row.denominator)} subscribers
        {rule === 'upgrade' ? ' upgraded' : ' expanded'}
      </span>
      {row.benchmark && (
        <span className="tile-detail">
          {formatPoints(row.benchmark.difference)} vs the SaaS benchmark {formatPercent(row.benchmark.rate)} (
          {row.benchmark.source})
        </span>
      )}
      {row.target && (
        <span className={row.target.met ? 'target-met' : 'target-missed'}>
          Target {formatPercent(row.target.rate)}: {row.target.met ? 'met' : 'not met'}
        </span>
      )}
    </Tile>
  );
}
