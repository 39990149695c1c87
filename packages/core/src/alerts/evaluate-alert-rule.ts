import { z } from 'zod';
import { UpsellError } from '../errors.ts';
import type { MetricResult, MetricRow } from '../metric-result.ts';
import { type Band, bandOf } from '../stats/band.ts';
import type { MrrMovementsResult, MrrMovementsRow } from '../subscriptions/mrr-movements-schema.ts';

/**
 * What an alert rule watches in the latest period of its dataset (docs/metrics.md, "Alerts"):
 * - `band-crossing`: the rate's band differs from the previous period's;
 * - `below-target`: the rate is below its target (exactly at it is met);
 * - `below-benchmark`: the rate is below its industry benchmark;
 * - `significant-change`: the change against the previous period has p < 0.05;
 * - `nrr-below`, `grr-below`: a subscription dataset's net or gross revenue retention is below
 *   the rule's threshold.
 */
export const ALERT_CONDITIONS = [
  'band-crossing',
  'below-target',
  'below-benchmark',
  'significant-change',
  'nrr-below',
  'grr-below',
] as const;
export type AlertCondition = (typeof ALERT_CONDITIONS)[number];

/** The conditions read from the MRR bridge (subscription datasets only); the others read the rate. */
export const RETENTION_ALERT_CONDITIONS = [
  'nrr-below',
  'grr-below',
] as const satisfies readonly AlertCondition[];

/** Whether a condition reads the MRR bridge (NRR, GRR) rather than the rate. */
export const isRetentionCondition = (condition: AlertCondition): condition is 'nrr-below' | 'grr-below' =>
  condition === 'nrr-below' || condition === 'grr-below';

/** What {@link evaluateAlertRule} needs of a rule. */
export interface AlertRuleToEvaluate {
  id: string;
  condition: AlertCondition;
  /** For `nrr-below` and `grr-below`: a fraction (0.9 is 90%); ignored by the others. */
  threshold?: number | null;
}

/** The figures behind a firing, as the webhook payload carries them. */
export const AlertNumbersSchema = z.object({
  rate: z.number().optional(),
  numerator: z.number().int().optional(),
  denominator: z.number().int().optional(),
  band: z.enum(['strong', 'moderate', 'weak']).optional(),
  previousPeriod: z.string().optional(),
  previousRate: z.number().optional(),
  previousBand: z.enum(['strong', 'moderate', 'weak']).optional(),
  difference: z.number().optional(),
  pValue: z.number().optional(),
  target: z.number().optional(),
  benchmark: z.number().optional(),
  nrr: z.number().optional(),
  grr: z.number().optional(),
  threshold: z.number().optional(),
});
export type AlertNumbers = z.infer<typeof AlertNumbersSchema>;

/** One condition met by one segment of the latest period. */
export interface AlertFiring {
  /**
   * `<rule id>:<condition>:<period>:<segment>`: the same rule, condition, period and segment give
   * the same key whatever the dataset's version, so evaluating again (after an append, on the
   * schedule, after a restart) never fires twice. It is the webhook's idempotency key; ASCII only.
   */
  key: string;
  ruleId: string;
  condition: AlertCondition;
  period: string;
  segment: Record<string, string>;
  /** In words: `customer-upsell-rate 2024-Q2: 9.8% is below the target 12%`. */
  message: string;
  numbers: AlertNumbers;
}

/** What a rule is evaluated on: the rate, and for a subscription dataset's retention rules the MRR bridge. */
export interface AlertEvaluationInput {
  result?: Pick<MetricResult, 'metric' | 'rows'>;
  movements?: Pick<MrrMovementsResult, 'rows'>;
}

const percent = (x: number) => `${Math.round(x * 1e4) / 100}%`;

/** The segment's entries sorted by name: one spelling per segment. */
function segmentKey(segment: Record<string, string>): string {
  const sorted = Object.keys(segment)
    .sort()
    .map((name) => [name, segment[name]]);
  return encodeURIComponent(JSON.stringify(sorted));
}

/** The rows of the last period label in the rows' order (results are sorted by period). */
function latestRows<Row extends { period: string }>(rows: readonly Row[]): Row[] {
  const last = rows.at(-1)?.period;
  return last === undefined ? [] : rows.filter((row) => row.period === last);
}

function firingOf(
  rule: AlertRuleToEvaluate,
  row: { period: string; segment: Record<string, string> },
  message: string,
  numbers: AlertNumbers,
): AlertFiring {
  const where = Object.keys(row.segment).length === 0 ? '' : ` (${segmentKeyText(row.segment)})`;
  return {
    key: `${rule.id}:${rule.condition}:${row.period}:${segmentKey(row.segment)}`,
    ruleId: rule.id,
    condition: rule.condition,
    period: row.period,
    segment: row.segment,
    message: `${row.period}${where}: ${message}`,
    numbers,
  };
}

const segmentKeyText = (segment: Record<string, string>) =>
  Object.entries(segment)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');

const rateNumbers = (row: MetricRow): AlertNumbers => ({
  rate: row.rate,
  numerator: row.numerator,
  denominator: row.denominator,
  band: row.band,
});

function rateFiring(
  rule: AlertRuleToEvaluate,
  row: MetricRow,
  previousBand: Map<string, Band>,
): AlertFiring | undefined {
  const rate = row.numerator / row.denominator;
  switch (rule.condition) {
    case 'below-target': {
      if (row.target === undefined || row.target.met) return undefined;
      return firingOf(rule, row, `${percent(rate)} is below the target ${percent(row.target.rate)}`, {
        ...rateNumbers(row),
        target: row.target.rate,
        difference: row.target.difference,
      });
    }
    case 'below-benchmark': {
      if (row.benchmark === undefined || !(rate < row.benchmark.rate)) return undefined;
      return firingOf(
        rule,
        row,
        `${percent(rate)} is below the ${row.benchmark.industry} benchmark ${percent(row.benchmark.rate)}`,
        { ...rateNumbers(row), benchmark: row.benchmark.rate, difference: row.benchmark.difference },
      );
    }
    case 'significant-change': {
      if (row.change === undefined || !row.change.significant) return undefined;
      const { change } = row;
      const direction = change.difference < 0 ? 'fell' : 'rose';
      return firingOf(
        rule,
        row,
        `${direction} from ${percent(change.previousRate)} to ${percent(rate)} (p = ${change.pValue})`,
        {
          ...rateNumbers(row),
          previousPeriod: change.previousPeriod,
          previousRate: change.previousRate,
          difference: change.difference,
          pValue: change.pValue,
        },
      );
    }
    case 'band-crossing': {
      if (row.change === undefined) return undefined;
      const before = previousBand.get(`${row.change.previousPeriod}\u0000${segmentKey(row.segment)}`);
      if (before === undefined || before === row.band) return undefined;
      return firingOf(
        rule,
        row,
        `the band went from ${before} (${percent(row.change.previousRate)}) to ${row.band} (${percent(rate)})`,
        {
          ...rateNumbers(row),
          previousPeriod: row.change.previousPeriod,
          previousRate: row.change.previousRate,
          previousBand: before,
          difference: row.change.difference,
        },
      );
    }
    default:
      return undefined;
  }
}

function retentionFiring(
  rule: AlertRuleToEvaluate & { condition: 'nrr-below' | 'grr-below' },
  row: MrrMovementsRow,
  threshold: number,
): AlertFiring | undefined {
  const name = rule.condition === 'nrr-below' ? 'nrr' : 'grr';
  const value = row[name];
  if (value === null || !(value < threshold)) return undefined;
  return firingOf(
    rule,
    row,
    `${name.toUpperCase()} ${percent(value)} is below the threshold ${percent(threshold)}`,
    { [name]: value, threshold },
  );
}

/**
 * The firings of one alert rule on a dataset's latest period: one per segment of that period
 * whose figures meet the rule's condition, none when no row does (or the result is empty). Pure:
 * the same input gives the same firings with the same keys, so a caller that records firings
 * unique by `key` delivers each once however often it evaluates.
 *
 * A band crossing compares with the previous period's row of the same segment, which must be in
 * the result (a definition's `from` that cuts it off leaves nothing to compare). Thresholds are
 * strict: a rate exactly at its target or benchmark, an NRR exactly at the threshold, fire nothing.
 *
 * @example
 * evaluateAlertRule({ id: 'r1', condition: 'below-target' }, { result })
 * // [{ key: 'r1:below-target:2024-Q2:%5B%5D', message: '2024-Q2: 9.8% is below the target 12%', ... }]
 */
export function evaluateAlertRule(rule: AlertRuleToEvaluate, input: AlertEvaluationInput): AlertFiring[] {
  if (isRetentionCondition(rule.condition)) {
    const { threshold } = rule;
    if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold < 0) {
      throw new UpsellError(
        'INVALID_ARGUMENT',
        `evaluateAlertRule: a ${rule.condition} rule needs a threshold, a fraction of at least 0 (0.9 is 90%)`,
      );
    }
    if (input.movements === undefined) {
      throw new UpsellError(
        'INVALID_ARGUMENT',
        `evaluateAlertRule: a ${rule.condition} rule reads the MRR bridge of a subscription dataset; none was given`,
      );
    }
    const retention = { ...rule, condition: rule.condition };
    return latestRows(input.movements.rows).flatMap(
      (row) => retentionFiring(retention, row, threshold) ?? [],
    );
  }
  if (input.result === undefined) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `evaluateAlertRule: a ${rule.condition} rule reads a metric result; none was given`,
    );
  }
  const rows = input.result.rows;
  const bands = new Map<string, Band>();
  for (const row of rows) {
    bands.set(`${row.period}\u0000${segmentKey(row.segment)}`, bandOf(row.numerator, row.denominator));
  }
  return latestRows(rows).flatMap((row) => rateFiring(rule, row, bands) ?? []);
}
