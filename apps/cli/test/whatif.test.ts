import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, runUpsell, runUpsellJson } from './run-upsell.ts';

const WORKED = 'examples/worked-20-of-100.csv';

interface RateRow {
  period: string;
  numerator: number;
  denominator: number;
  revenue: { upsell: number };
}

describe('upsell whatif', () => {
  const temp = makeTempDir();
  afterAll(() => temp.remove());

  it("projects from upsell rate's own rows: extra upsold customers x revenue per upsold customer x periods a year", () => {
    const rows = runUpsellJson<{ rows: RateRow[] }>(['rate', WORKED, '--format', 'json']).rows;
    const whatIf = runUpsellJson<{
      perYear: { value: number };
      basis: { periods: string[]; valuePerUpsold: { value: number } };
    }>(['whatif', WORKED, '--target', '22', '--format', 'json']);
    // Three quarters (11, 100, 100 eligible; 1, 8, 11 upsold; $1,660 of upsell revenue):
    // $83 per upsold customer; (0.22 x 211 - 20) = 26.42 more a basis, x 83 x 4/3 = $2,923.81.
    expect(rows.map((r) => r.period)).toEqual(whatIf.basis.periods);
    const eligible = rows.reduce((s, r) => s + r.denominator, 0);
    const upsold = rows.reduce((s, r) => s + r.numerator, 0);
    const revenue = rows.reduce((s, r) => s + r.revenue.upsell, 0);
    expect([eligible, upsold, revenue]).toEqual([211, 20, 1_660]);
    expect(whatIf.basis.valuePerUpsold.value).toBe(83);
    expect(whatIf.perYear.value).toBe(2_923.81);
  });

  it('prints the headline, the periods and the assumptions beside them', () => {
    const run = runUpsell(['whatif', WORKED, '--target', '22%']);
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('Customer upsell rate at 22.0% (quarter, eligible all)');
    expect(lines[1]).toBe('  observed 9.5% over 2024-Q1 to 2024-Q3: 211 eligible, 20 upsold');
    expect(lines[3]).toMatch(
      /^ {2}projected extra upsell revenue per year: \+2,923\.81 \(95% CI [\d,.]+ to [\d,.]+\)$/,
    );
    expect(run.stdout).toContain('Assumptions:\n  - extra upsold customers = target x eligible customers');
  });

  it('defaults the target to 20% and says so; writes CSV rows', () => {
    const run = runUpsell(['whatif', WORKED, '--format', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('note: no --target: projecting to 20%');
    const [header, first] = run.stdout.split('\n');
    expect(header).toBe(
      'period,eligible,upsold,observed_rate,target,upsell_revenue,value_per_upsold,extra_upsold,projected_extra,ci95_low,ci95_high,in_basis',
    );
    // 0.2 x 11 - 1 = 1.2 more upsold customers x $83.
    expect(first).toMatch(/^2024-Q1,11,1,0\.090909,0\.2,[\d.]+,[\d.]+,1\.2,99\.6,[\d.]+,[\d.]+,true$/);
  });

  it('values subscription history by expansion MRR, and gives ARR', () => {
    const whatIf = runUpsellJson<{ money: string; perYear: { value: number }; arr: { value: number } }>([
      'whatif',
      'examples/subscriptions/worked-example-states.csv',
      '--period',
      'month',
      '--target',
      '80',
      '--format',
      'json',
    ]);
    // 2 upsold in four months of 3, 3, 3, 2 eligible, $45 of expansion MRR: $22.50 each;
    // 0.8 x 11 - 2 = 6.8 more in four months, x 22.50 x 12/4 = $459 of MRR a year.
    expect(whatIf.money).toBe('mrr');
    expect(whatIf.perYear.value).toBe(459);
    expect(whatIf.arr.value).toBe(5_508);
  });

  describe('edge cases', () => {
    it('refuses a target above 100 with exit code 2', () => {
      const run = runUpsell(['whatif', WORKED, '--target', '120']);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/--target "120": give a percentage between 0 and 100/);
    });

    it('refuses a file without amounts: the revenue per upsold customer is unknown', () => {
      const file = temp.path('no-amounts.csv');
      writeFileSync(
        file,
        'order_id,customer_id,purchased_at,product_id,tier\n1,a,2024-01-01,p1,1\n2,a,2024-02-01,p2,2\n3,b,2024-01-05,p1,1\n',
      );
      const run = runUpsell(['whatif', file, '--target', '50']);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/no amounts.*unknown/);
    });

    it('says plainly that a target below the observed rate is a loss', () => {
      const run = runUpsell(['whatif', WORKED, '--target', '5']);
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(
        /note: the target 5% is below the observed rate 9\.4787%: the projection is a loss/,
      );
    });

    it('has --help with examples', () => {
      const run = runUpsell(['whatif', '--help']);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('upsell whatif purchases.csv --target 22');
      expect(run.stdout).toContain('--target <percent>');
    });
  });
});
