import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, runUpsell, runUpsellJson } from './run-upsell.ts';

const SHOP = 'examples/shop.csv';
const temp = makeTempDir();
afterAll(() => temp.remove());

// The worked example of docs/metrics.md ("Cohorts and time to first upsell").
const worked = temp.path('worked.csv');
writeFileSync(
  worked,
  `customer_id,purchased_at,product_id,tier,channel
c1,2024-01-05,basic,1,web
c2,2024-01-10,basic,1,sales
c1,2024-01-20,pro,2,web
c3,2024-01-31,pro,2,web
c4,2024-02-03T10:00:00Z,basic,1,sales
c4,2024-02-03T15:00:00Z,max,3,sales
c3,2024-02-15,basic,1,web
c5,2024-02-20,basic,1,web
c2,2024-03-02,pro,2,sales
c6,2024-03-31,basic,1,sales
`,
);

interface Report {
  asOf: string;
  cohorts: { cohort: string; customers: number; upsold: number[] }[];
  timeToFirstUpsell: { segment: Record<string, string>; median: number | null; curve: unknown[] }[];
}

describe('upsell cohorts', () => {
  it('prints the worked example of docs/metrics.md as two tables', () => {
    const run = runUpsell(['cohorts', worked, '--period', 'month', '--by', 'channel']);
    expect(run.status).toBe(0);
    expect(
      run.stdout,
    ).toBe(`Cohorts by month (UTC): share of each cohort upsold by periods since its initial orders; data to 2024-03-31

cohort   customers     +0     +1     +2
-------  ---------  -----  -----  -----
2024-01          3  33.3%  33.3%  66.7%
2024-02          2  50.0%  50.0%
2024-03          1   0.0%

Days from initial order to first upsell (Kaplan-Meier; customers not upsold by 2024-03-31 counted as censored)

segment        customers  upsold  censored  q1  median  q3
-------------  ---------  ------  --------  --  ------  --
all                    6       3         3  15      52   -
channel=sales          3       2         1   0      52  52
channel=web            3       1         2  15       -   -
note: - is a quartile the curve has not reached: fewer customers were upsold than it needs
`);
  });

  it('counts in its one cohort of --period all the customers and upsold customers of upsell rate', () => {
    const report = runUpsellJson<Report>(['cohorts', SHOP, '--period', 'all', '--format', 'json']);
    const rate = runUpsellJson<{ rows: { numerator: number; denominator: number }[] }>([
      'rate',
      SHOP,
      '--period',
      'all',
      '--format',
      'json',
    ]);
    expect(report.cohorts).toHaveLength(1);
    expect(report.cohorts[0]!.customers).toBe(rate.rows[0]!.denominator);
    expect(report.cohorts[0]!.upsold).toEqual([rate.rows[0]!.numerator]);
  });

  it('gives the whole curve in JSON, and cuts the table to --columns with a note', () => {
    const report = runUpsellJson<Report>(['cohorts', worked, '--period', 'day', '--format', 'json']);
    expect(report.timeToFirstUpsell[0]!.curve).toHaveLength(5);
    const run = runUpsell(['cohorts', worked, '--period', 'week', '--columns', '3']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('+2\n');
    expect(run.stdout).toMatch(/note: 3 of 13 periods since shown/);
  });

  it('explains itself in --help and refuses bad usage with exit code 2', () => {
    const help = runUpsell(['cohorts', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Kaplan-Meier');
    expect(help.stdout).toContain('--columns <n>');
    const columns = runUpsell(['cohorts', worked, '--columns', '0']);
    expect([columns.status, columns.stderr]).toEqual([2, expect.stringContaining('--columns "0"')]);
    const parquet = runUpsell(['cohorts', 'x.parquet']);
    expect([parquet.status, parquet.stderr]).toEqual([2, expect.stringContaining('not Parquet')]);
    const tier = runUpsell(['cohorts', SUBSCRIPTIONS, '--rule', 'tier']);
    expect([tier.status, tier.stderr]).toEqual([2, expect.stringContaining('rule tier does not apply')]);
    const catalog = runUpsell(['cohorts', SUBSCRIPTIONS, '--catalog', worked]);
    expect([catalog.status, catalog.stderr]).toEqual([2, expect.stringContaining('--catalog')]);
  });
});

const SUBSCRIPTIONS = 'examples/subscriptions/worked-example-states.csv';

describe('upsell cohorts on subscription history', () => {
  it("prints the spec's worked example by first subscription, with revenue retention and subscribers kept", () => {
    const run = runUpsell(['cohorts', SUBSCRIPTIONS, '--period', 'month']);
    expect(run.status).toBe(0);
    expect(
      run.stdout,
    ).toBe(`Cohorts by month (UTC): share of each cohort upsold by periods since its first subscription; data to 2024-05-01

cohort   customers    +0      +1      +2      +3     +4
-------  ---------  ----  ------  ------  ------  -----
2024-01          3  0.0%    0.0%   33.3%   33.3%  33.3%
2024-02          1  0.0%  100.0%  100.0%  100.0%

Net revenue retention by cohort: its MRR at the period's end over its starting MRR

cohort   starting MRR (USD)      +0      +1      +2      +3      +4
-------  ------------------  ------  ------  ------  ------  ------
2024-01               30.00  100.0%   66.7%  133.3%  100.0%  133.3%
2024-02               10.00  100.0%  350.0%  350.0%  350.0%

Gross revenue retention by cohort: the same, each customer capped at their starting MRR

cohort   starting MRR (USD)      +0      +1      +2      +3     +4
-------  ------------------  ------  ------  ------  ------  -----
2024-01               30.00  100.0%   66.7%   66.7%   33.3%  66.7%
2024-02               10.00  100.0%  100.0%  100.0%  100.0%

Subscribers kept by cohort: its customers still subscribers at the period's end

cohort   customers      +0      +1      +2      +3     +4
-------  ---------  ------  ------  ------  ------  -----
2024-01          3  100.0%   66.7%   66.7%   33.3%  66.7%
2024-02          1  100.0%  100.0%  100.0%  100.0%

Days from first subscription to first upsell (Kaplan-Meier; customers not upsold by 2024-05-01 counted as censored)

segment  customers  upsold  censored  q1  median  q3
-------  ---------  ------  --------  --  ------  --
all              4       2         2  43      65   -
note: - is a quartile the curve has not reached: fewer customers were upsold than it needs
`);
  });

  it('gives the revenue in JSON with its currency, and follows the subscription rule', () => {
    const report = runUpsellJson<{
      currency: string;
      cohorts: { cohort: string; upsold: number[]; revenue: { mrr: number[] } }[];
    }>(['cohorts', SUBSCRIPTIONS, '--period', 'month', '--rule', 'upgrade', '--format', 'json']);
    expect(report.currency).toBe('USD');
    // Under upgrade C (quantity and an add-on) is not upsold; the MRR does not depend on the rule.
    expect(report.cohorts.map((c) => [c.cohort, c.upsold.at(-1), c.revenue.mrr])).toEqual([
      ['2024-01', 1, [30, 20, 40, 30, 40]],
      ['2024-02', 0, [10, 35, 35, 35]],
    ]);
  });
});
