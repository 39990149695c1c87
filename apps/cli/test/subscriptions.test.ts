import { writeFileSync } from 'node:fs';
import type { MetricResult, MrrMovementsResult, SubscriptionDrillDown } from '@upsell/core';
import { workedExampleBridge } from '@upsell/test-support/worked-example';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, runUpsell, runUpsellJson } from './run-upsell.ts';

// The spec's worked example, worked by hand once (@upsell/test-support).
const WORKED_EXAMPLE_BRIDGE = workedExampleBridge();

// The worked example of SUBSCRIPTIONS.md, in both shapes, through the built CLI.
const STATES = 'examples/subscriptions/worked-example-states.csv';
const EVENTS = 'examples/subscriptions/worked-example-events.csv';
const BILLING = 'examples/subscriptions/billing-export.csv';
const FX = 'examples/subscriptions/fx-rates.csv';
const BILLING_MAP = [
  '--map',
  'subscription_id=Subscription Item ID',
  '--map',
  'starts_at=Effective From (UTC)',
  '--map',
  'ends_at=Effective Until (UTC)',
];
const PURCHASES = 'examples/worked-20-of-100.csv';

const temp = makeTempDir();
afterAll(() => temp.remove());

const rowOf = (result: MetricResult, period: string) => result.rows.find((row) => row.period === period);

describe('upsell mrr on the worked example', () => {
  it('prints the spec bridge exactly as JSON from the states file', () => {
    expect(runUpsellJson(['mrr', STATES, '--period', 'month', '--format', 'json'])).toEqual(
      WORKED_EXAMPLE_BRIDGE,
    );
  });

  it('prints the same bridge from the events file (10 event rows read)', () => {
    const bridge = runUpsellJson<MrrMovementsResult>([
      'mrr',
      EVENTS,
      '--period',
      'month',
      '--format',
      'json',
    ]);
    expect(bridge).toEqual({ ...WORKED_EXAMPLE_BRIDGE, input: { rows: 10, accepted: 10, rejected: 0 } });
  });

  it('takes month as its default period', () => {
    expect(runUpsellJson(['mrr', STATES, '--format', 'json'])).toEqual(WORKED_EXAMPLE_BRIDGE);
  });

  it('prints the bridge as a table with March split by cause', () => {
    const { status, stdout } = runUpsell(['mrr', STATES], { env: { NO_COLOR: '1' } });
    expect(status).toBe(0);
    expect(stdout).toMatch(
      /^2024-03\s+30\.00\s+0\.00\s+0\.00\s+45\.00\s+0\.00\s+0\.00\s+75\.00\s+3 -> 3\s+250\.0%\s+100\.0%/m,
    );
    expect(stdout).toMatch(
      /^2024-03\s+expansion\s+20\.00\s+0\.00\s+5\.00\s+0\.00\s+20\.00\s+0\.00\s+45\.00$/m,
    );
  });

  it('prints CSV with one line per period', () => {
    const { status, stdout } = runUpsell(['mrr', STATES, '--format', 'csv']);
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[3]!.startsWith('2024-03,30,0,0,45,0,0,75,20,0,5,0,20,0,')).toBe(true);
  });

  it('reports a quarter as the sum of its months: 2024-Q1 30 new + 45 expansion - 10 churn', () => {
    const bridge = runUpsellJson<MrrMovementsResult>([
      'mrr',
      STATES,
      '--period',
      'quarter',
      '--format',
      'json',
    ]);
    const q1 = bridge.rows.find((row) => row.period === '2024-Q1')!;
    expect([q1.mrr_start, q1.new, q1.expansion, q1.churn, q1.mrr_end]).toEqual([0, 40, 45, 10, 75]);
  });

  it('reads a billing export with --map and converts EUR and GBP with --fx', () => {
    const bridge = runUpsellJson<MrrMovementsResult>([
      'mrr',
      BILLING,
      '--fx',
      FX,
      ...BILLING_MAP,
      '--format',
      'json',
    ]);
    expect(bridge.input.rejected).toBe(0);
    for (const row of bridge.rows) {
      const end = row.mrr_start + row.new + row.reactivation + row.expansion - row.contraction - row.churn;
      // Each printed figure is rounded on its own: the printed bridge may miss by a cent or two.
      expect(Math.abs(end - row.mrr_end)).toBeLessThanOrEqual(0.05);
    }
  });
});

describe('upsell rate --metric subscription-upsell-rate', () => {
  const rate = (...args: string[]) =>
    runUpsellJson<MetricResult>(['rate', STATES, '--period', 'month', '--format', 'json', ...args]);

  it('is 2 of 3 in March under the expansion rule, counting existing subscribers', () => {
    const result = rate('--metric', 'subscription-upsell-rate');
    expect(result.metric).toBe('subscription-upsell-rate');
    expect(result.definition).toMatchObject({ rule: 'expansion', eligible: 'existing' });
    expect(rowOf(result, '2024-03')).toMatchObject({ numerator: 2, denominator: 3 });
    expect(rowOf(result, '2024-02')).toMatchObject({ numerator: 0, denominator: 3 });
    expect(rowOf(result, '2024-05')).toMatchObject({ numerator: 0, denominator: 2 });
  });

  it('is 1 of 3 in March under the upgrade rule (A only)', () => {
    const result = rate('--metric', 'subscription-upsell-rate', '--rule', 'upgrade');
    expect(rowOf(result, '2024-03')).toMatchObject({ numerator: 1, denominator: 3 });
  });

  it('is the same from the events file', () => {
    const result = runUpsellJson<MetricResult>(['rate', EVENTS, '--period', 'month', '--format', 'json']);
    expect(rowOf(result, '2024-03')).toMatchObject({ numerator: 2, denominator: 3 });
  });

  it('is the metric of a subscription file when --metric is left out', () => {
    expect(rate().metric).toBe('subscription-upsell-rate');
  });

  it('compares with the SaaS benchmark under --industry saas', () => {
    const march = rowOf(rate('--industry', 'saas'), '2024-03')!;
    expect(march.benchmark).toMatchObject({ industry: 'saas', rate: 0.25 });
  });

  it('exits 1 when the latest period (May, 0 of 2) is below --target', () => {
    const { status, stdout } = runUpsell(['rate', STATES, '--period', 'month', '--target', '10']);
    expect(status).toBe(1);
    expect(stdout).toContain('below');
  });

  it('exits 0 when the target is met', () => {
    expect(runUpsell(['rate', STATES, '--period', 'month', '--target', '0']).status).toBe(0);
  });
});

describe('files of the other kind: a usage error saying which kind the file is (exit 2)', () => {
  it('the subscription metric on purchase lines', () => {
    const { status, stderr } = runUpsell(['rate', PURCHASES, '--metric', 'subscription-upsell-rate']);
    expect(status).toBe(2);
    expect(stderr).toContain(`${PURCHASES} is purchase lines (it has no subscription_id column)`);
  });

  it('a purchase metric on subscription history', () => {
    const { status, stderr } = runUpsell(['rate', STATES, '--metric', 'customer-upsell-rate']);
    expect(status).toBe(2);
    expect(stderr).toContain(`${STATES} is subscription history (it has a subscription_id column)`);
    expect(stderr).toContain('--metric subscription-upsell-rate');
  });

  it('upsell mrr on purchase lines', () => {
    const { status, stderr } = runUpsell(['mrr', PURCHASES]);
    expect(status).toBe(2);
    expect(stderr).toContain('upsell mrr needs subscription history');
  });

  it('files of both kinds at once', () => {
    const { status, stderr } = runUpsell(['rate', STATES, PURCHASES]);
    expect(status).toBe(2);
    expect(stderr).toContain('give files of one kind');
  });

  it('a purchase rule with the subscription metric', () => {
    const { status, stderr } = runUpsell(['rate', STATES, '--rule', 'tier']);
    expect(status).toBe(2);
    expect(stderr).toContain('rule tier does not apply to subscription-upsell-rate');
  });

  it.each([['rate'], ['customers', '--period', '2024-03']])(
    '--catalog with subscription history: %s',
    (...args) => {
      const { status, stderr } = runUpsell([args[0]!, STATES, ...args.slice(1), '--catalog', STATES]);
      expect(status).toBe(2);
      expect(stderr).toContain('--catalog gives purchase lines their tiers');
    },
  );

  it('--figure with purchase lines', () => {
    const { status, stderr } = runUpsell(['customers', PURCHASES, '--period', 'all', '--figure', 'churn']);
    expect(status).toBe(2);
    expect(stderr).toContain('--figure chooses a figure of subscription history');
  });

  it('an unknown --map field, answered with the subscription fields', () => {
    const { status, stderr } = runUpsell(['mrr', STATES, '--map', 'colour=Paint']);
    expect(status).toBe(2);
    expect(stderr).toContain(
      '"colour" is not a subscription field; fields are customer_id, subscription_id,',
    );
  });
});

describe('bad rows of subscription history', () => {
  const bad = temp.path('bad-subscriptions.csv');
  writeFileSync(
    bad,
    [
      'customer_id,subscription_id,plan_id,starts_at,ends_at,amount,interval',
      'A,a1,basic,2024-01-05,2024-03-10,10.00,month',
      'A,a1,pro,2024-03-01,,30.00,month',
      'B,b1,basic,2024-13-01,,10.00,month',
      'C,c1,basic,2024-01-05,,-1,month',
      'D,d1,basic,2024-01-05,,10.00,fortnight',
      'E,e1,basic,2024-01-05,,10.00,month',
      '',
    ].join('\n'),
  );

  it('stop the command with exit 2, each with file, line, column and reason', () => {
    const { status, stderr } = runUpsell(['mrr', bad]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/bad-subscriptions\.csv:4:4 \(starts_at\): /);
    expect(stderr).toMatch(/bad-subscriptions\.csv:5:6 \(amount\): /);
    expect(stderr).toMatch(/bad-subscriptions\.csv:6:7 \(interval\): /);
    // The overlap names both lines.
    expect(stderr).toContain(
      'bad-subscriptions.csv:3:4 (starts_at): the state on line 3 overlaps the state on line 2',
    );
    expect(stderr).toContain('rows read 6 = accepted 2 + rejected 4');
    expect(stderr).toContain('--skip-bad-rows');
  });

  it('are left out with --skip-bad-rows, the result printed', () => {
    const { status, stdout } = runUpsell(['mrr', bad, '--skip-bad-rows', '--format', 'json']);
    expect(status).toBe(0);
    expect((JSON.parse(stdout) as MrrMovementsResult).input).toEqual({ rows: 6, accepted: 2, rejected: 4 });
  });

  it('are listed by validate, which exits 1', () => {
    const { status, stdout } = runUpsell(['validate', bad], { env: { NO_COLOR: '1' } });
    expect(status).toBe(1);
    expect(stdout).toContain('Shape: states');
    expect(stdout).toContain('Rows read 6 = accepted 2 + rejected 4: 4 bad rows');
  });
});

describe('upsell validate on subscription history', () => {
  it('says the states shape and how each column maps', () => {
    const { status, stdout } = runUpsell(['validate', STATES], { env: { NO_COLOR: '1' } });
    expect(status).toBe(0);
    expect(stdout).toContain('Shape: states (one row per subscription state)');
    expect(stdout).toContain(
      'Columns: customer_id, subscription_id, plan_id, starts_at, ends_at, amount, interval, quantity, tier',
    );
    expect(stdout).toContain('Rows read 8 = accepted 8 + rejected 0: all rows good');
  });

  it('says the events shape', () => {
    const { stdout } = runUpsell(['validate', EVENTS], { env: { NO_COLOR: '1' } });
    expect(stdout).toContain('Shape: events (one row per change)');
    expect(stdout).toContain('event, effective_at');
  });

  it('shows the --map renames and the currencies --fx converts', () => {
    const { status, stdout } = runUpsell(['validate', BILLING, '--fx', FX, ...BILLING_MAP], {
      env: { NO_COLOR: '1' },
    });
    expect(status).toBe(0);
    expect(stdout).toContain('subscription_id <- "Subscription Item ID"');
    expect(stdout).toContain(`--fx ${FX} converts EUR, GBP`);
  });
});

describe('upsell customers on subscription history', () => {
  it('lists the customers behind March expansion with their movements in words', () => {
    const drill = runUpsellJson<SubscriptionDrillDown>([
      'customers',
      STATES,
      '--period',
      '2024-03',
      '--figure',
      'expansion',
      '--format',
      'json',
    ]);
    expect(drill).toMatchObject({ period: '2024-03', figure: 'expansion', value: 45, total: 2 });
    expect(drill.customers.map((c) => c.customerId)).toEqual(['A', 'C']);
    expect(drill.customers[0]!.movements[0]!.reason).toContain('basic -> pro');
  });

  it('lists the eligible customers by default, marking the qualifying ones', () => {
    const { status, stdout } = runUpsell(['customers', STATES, '--period', '2024-03'], {
      env: { NO_COLOR: '1' },
    });
    expect(status).toBe(0);
    expect(stdout).toMatch(/^A {2}\[eligible, qualifying\] {2}MRR 10\.00 -> 30\.00$/m);
    expect(stdout).toMatch(/^B {2}\[eligible\] {2}MRR 10\.00 -> 10\.00$/m);
  });
});

describe('upsell report on subscription history', () => {
  it('heads with the rate, its band, the SaaS benchmark, NRR, GRR and logo churn; then the bridge and the rate table', () => {
    const { status, stdout } = runUpsell(['report', STATES, '--period', 'month'], { env: { NO_COLOR: '1' } });
    expect(status).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[1]).toMatch(/^2024-05: 0\.0% of eligible subscribers expanded \(0 of 2, rule expansion\)/);
    expect(lines[1]).toContain('vs the saas benchmark 25%');
    expect(lines[1]).toContain('NRR 100.0%, GRR 100.0%, logo churn 0.0%');
    expect(stdout.indexOf('MRR movements (USD)')).toBeLessThan(stdout.indexOf('Subscription upsell rate'));
  });
});

describe('help', () => {
  it('upsell mrr --help names its options, month by default', () => {
    const { status, stdout } = runUpsell(['mrr', '--help']);
    expect(status).toBe(0);
    for (const option of [
      '--currency',
      '--fx',
      '--map',
      '--by',
      '--tz',
      '--from',
      '--to',
      '--customers',
      '--dataset',
    ])
      expect(stdout).toContain(option);
    expect(stdout).toMatch(/--period <unit>\s+bucket by \(choices:[^)]*default: "month"\)/);
  });

  it('upsell --help lists mrr and a subscription example', () => {
    const { stdout } = runUpsell(['--help']);
    expect(stdout).toMatch(/^ {2}mrr \[options\] \[files\.\.\.\]/m);
    expect(stdout).toContain('upsell rate subscriptions.csv --rule upgrade');
  });

  it('upsell rate --help names the subscription rules', () => {
    // Words, not line breaks: commander wraps the help to the width of its longest option.
    expect(runUpsell(['rate', '--help']).stdout.replace(/\s+/g, ' ')).toContain('upgrade, add_on, quantity');
  });
});
