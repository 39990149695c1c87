import type { MrrMovementsRow } from '@upsell/core';

/** One period's retention over its start cohort, in percent (null when the cohort is empty). */
export interface RetentionPoint {
  period: string;
  nrr: number | null;
  grr: number | null;
  logoChurn: number | null;
  row: MrrMovementsRow;
}

const percent = (ratio: number | null) => (ratio === null ? null : Math.round(ratio * 1e6) / 1e4);

/**
 * NRR, GRR and logo churn by period, in percent, for the trend chart; a period without a start
 * cohort (the first, or `--period all`) has nulls, which the chart leaves as a gap.
 *
 * @example
 * retentionPoints([march])[0] // { period: '2024-03', nrr: 250, grr: 100, logoChurn: 0, ... }
 */
export function retentionPoints(rows: readonly MrrMovementsRow[]): RetentionPoint[] {
  return rows.map((row) => ({
    period: row.period,
    nrr: percent(row.nrr),
    grr: percent(row.grr),
    logoChurn: row.logo_retention === null ? null : percent(1 - row.logo_retention),
    row,
  }));
}
