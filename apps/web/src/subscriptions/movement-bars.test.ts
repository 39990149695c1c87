import { describe, expect, it } from 'vitest';
import { movementBars, netNewMrr } from './movement-bars.ts';
import { retentionPoints } from './retention-points.ts';
import { bridgeRow, WORKED_EXAMPLE_ROWS } from './testing/worked-example.ts';

describe('movementBars', () => {
  it('gives one bar per period, gains up and losses down, with the net as the bridge moved', () => {
    const bars = movementBars(WORKED_EXAMPLE_ROWS);
    expect(bars.map((bar) => bar.period)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05']);
    expect(
      bars.map((bar) => [bar.new, bar.reactivation, bar.expansion, bar.contraction, bar.churn, bar.net]),
    ).toEqual([
      [30, 0, 0, 0, 0, 30],
      [10, 0, 0, 0, -10, 0],
      [0, 0, 45, 0, 0, 45],
      [0, 0, 0, 0, -10, -10],
      [0, 10, 0, 0, 0, 10],
    ]);
    for (const bar of bars) expect(bar.net).toBe(bar.row.mrr_end - bar.row.mrr_start);
  });

  it('sums the net in cents', () => {
    expect(netNewMrr(bridgeRow('2024-01', { new: 0.1, expansion: 0.2, churn: 0.3 }))).toBe(0);
  });
});

describe('retentionPoints', () => {
  it('says NRR, GRR and logo churn in percent, null without a start cohort', () => {
    const points = retentionPoints(WORKED_EXAMPLE_ROWS);
    expect(points.map((p) => [p.period, p.nrr, p.grr, p.logoChurn])).toEqual([
      ['2024-01', null, null, null],
      ['2024-02', 66.6667, 66.6667, 33.3333],
      ['2024-03', 250, 100, 0],
      ['2024-04', 86.6667, 86.6667, 33.3333],
      ['2024-05', 100, 100, 0],
    ]);
  });
});
