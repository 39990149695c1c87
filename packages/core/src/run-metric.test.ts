import { describe, expect, it } from 'vitest';
import { table, workedExample } from '../test/helpers.ts';
import type { RowIssue } from './input/row-issue.ts';
import { computeMetric, runMetric } from './run-metric.ts';

const all = { period: 'all' as const, rule: 'tier' as const };

describe('the spec worked examples', () => {
  it.each([
    [20, 100, 0.2],
    [200, 1000, 0.2],
    [150, 500, 0.3],
  ])('%i of %i customers upsold gives %d', (upsold, n, rate) => {
    const result = computeMetric([workedExample(upsold, n)], { definition: all });
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]).toMatchObject({ period: 'all', numerator: upsold, denominator: n, rate });
  });

  it('reads 20% as moderate and 30% as strong', () => {
    expect(computeMetric([workedExample(20, 100)], { definition: all }).rows[0]!.band).toBe('moderate');
    expect(computeMetric([workedExample(150, 500)], { definition: all }).rows[0]!.band).toBe('strong');
  });
});

describe('the tier rule', () => {
  const purchases = table(`
    customer_id,purchased_at,product_id,tier,family,order_id
    a,2024-01-05,basic,1,pro,o1
    a,2024-01-05,plus,2,pro,o1
    a,2024-02-05,plus,2,pro,o2
    a,2024-03-05,max,3,pro,o3
    b,2024-01-07,plus,2,pro,o4
    b,2024-02-07,basic,1,pro,o5
    b,2024-02-08,disk,1,storage,o6
    c,2024-03-01,max,3,pro,o7
    c,2024-03-01,plus,2,pro,o7
  `);

  it('counts a customer whose later order has a higher tier in the family, and no one else', () => {
    const result = computeMetric([purchases], { definition: all });
    // a: tier 3 after highest 2 -> upsell. b: downgrade then cross-sell. c: only the initial order.
    expect(result.rows[0]).toMatchObject({ numerator: 1, denominator: 3 });
  });

  it('puts every line in the period of its order, and every customer acquired so far in the denominator', () => {
    const result = computeMetric([purchases], { definition: { ...all, period: 'month' } });
    expect(result.rows.map((r) => [r.period, r.numerator, r.denominator])).toEqual([
      ['2024-01', 0, 2],
      ['2024-02', 0, 2],
      ['2024-03', 1, 3],
    ]);
  });

  it('counts upsell lines among all lines for the purchase up-sell rate', () => {
    const result = computeMetric([purchases], { definition: { ...all, metric: 'purchase-upsell-rate' } });
    expect(result.rows[0]).toMatchObject({ numerator: 1, denominator: 9 });
  });

  it('counts a customer buying a new family as cross-sold', () => {
    const result = computeMetric([purchases], { definition: { ...all, metric: 'customer-cross-sell-rate' } });
    expect(result.rows[0]).toMatchObject({ numerator: 1, denominator: 3 });
  });

  it('does not compare lines of the same order with each other', () => {
    const sameOrder = table(`
      customer_id,purchased_at,product_id,tier
      a,2024-01-05,basic,1
      a,2024-02-05,plus,2
      a,2024-02-05,max,3
    `);
    const result = computeMetric([sameOrder], { definition: { ...all, metric: 'purchase-upsell-rate' } });
    // Both lines of the second order beat tier 1 of the first order: two upsell lines of three.
    expect(result.rows[0]).toMatchObject({ numerator: 2, denominator: 3 });
  });

  it('counts the same tier again as no upsell', () => {
    const repeat = table(`
      customer_id,purchased_at,product_id,tier
      a,2024-01-05,plus,2
      a,2024-02-05,plus,2
    `);
    expect(computeMetric([repeat], { definition: all }).rows[0]).toMatchObject({
      numerator: 0,
      denominator: 1,
    });
  });
});

describe('the price rule', () => {
  it('compares unit prices, amount over quantity, within a family', () => {
    const purchases = table(`
      customer_id,purchased_at,product_id,amount,quantity
      a,2024-01-05,seat,30.00,3
      a,2024-02-05,seat,25.00,2
      b,2024-01-05,seat,10.00,1
      b,2024-02-05,seat,20.00,2
    `);
    const result = computeMetric([purchases], { definition: { period: 'all', rule: 'price' } });
    // a: 10.00 -> 12.50 is an upsell; b: 10.00 -> 10.00 is not.
    expect(result.rows[0]).toMatchObject({ numerator: 1, denominator: 2 });
    expect(result.rows[0]!.revenue).toEqual({ total: 85, upsell: 25, upsellShare: 0.294118 });
  });
});

describe('the flag, additional and auto rules', () => {
  const purchases = table(`
    customer_id,purchased_at,product_id,kind,tier
    a,2024-01-05,basic,upsell,1
    a,2024-02-05,basic,renewal,1
    b,2024-01-05,basic,new,1
    b,2024-02-05,plus,Upgrade,2
    c,2024-01-05,basic,new,1
    c,2024-03-05,addon,add-on,1
  `);

  it('flag counts later lines labelled upsell or upgrade, never the initial order', () => {
    const result = computeMetric([purchases], { definition: { period: 'all', rule: 'flag' } });
    expect(result.rows[0]).toMatchObject({ numerator: 1, denominator: 3 });
  });

  it('additional counts any purchase after the initial order', () => {
    const result = computeMetric([purchases], { definition: { period: 'all', rule: 'additional' } });
    expect(result.rows[0]).toMatchObject({ numerator: 3, denominator: 3 });
  });

  it('auto uses flag when there is a kind column, and says so', () => {
    const result = computeMetric([purchases], { definition: { period: 'all' } });
    expect(result.definition.rule).toBe('flag');
  });
});

describe('eligibility', () => {
  const purchases = table(`
    customer_id,purchased_at,product_id,tier
    a,2024-01-05,basic,1
    a,2024-02-05,plus,2
    b,2024-02-01,basic,1
    b,2024-02-20,plus,2
    c,2024-01-09,basic,1
  `);
  const month = (eligible: 'all' | 'existing' | 'active') =>
    computeMetric([purchases], { definition: { period: 'month', rule: 'tier', eligible } }).rows.map((r) => [
      r.period,
      r.numerator,
      r.denominator,
    ]);

  it('all: customers acquired by the end of the period', () => {
    expect(month('all')).toEqual([
      ['2024-01', 0, 2],
      ['2024-02', 2, 3],
    ]);
  });

  it('existing: customers acquired before the period, so a same-month upsell by a new customer is left out', () => {
    // No row for January: nobody was acquired before it.
    expect(month('existing')).toEqual([['2024-02', 1, 2]]);
  });

  it('active: customers with an order in the period', () => {
    expect(month('active')).toEqual([
      ['2024-01', 0, 2],
      ['2024-02', 2, 2],
    ]);
  });
});

describe('edge cases', () => {
  it('gives no rows for a file with only a header', () => {
    const result = computeMetric([table('customer_id,purchased_at,product_id,tier')], { definition: all });
    expect(result.rows).toEqual([]);
    expect(result.input).toEqual({ rows: 0, accepted: 0, rejected: 0 });
  });

  it('handles one customer with one line', () => {
    const one = table('customer_id,purchased_at,product_id,tier\na,2024-01-05,basic,1');
    expect(computeMetric([one], { definition: all }).rows[0]).toMatchObject({
      numerator: 0,
      denominator: 1,
      rate: 0,
    });
  });

  it('reports every period between the first and last order, even one with no purchases', () => {
    const gap = table(`
      customer_id,purchased_at,product_id,tier
      a,2024-01-05,basic,1
      a,2024-04-05,plus,2
    `);
    const result = computeMetric([gap], { definition: { ...all, period: 'month' } });
    expect(result.rows.map((r) => r.period)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04']);
  });

  it('takes the first order in the input as the initial one when two orders share a timestamp', () => {
    const tie = table(`
      customer_id,purchased_at,product_id,tier,order_id
      a,2024-01-05T10:00:00Z,plus,2,o2
      a,2024-01-05T10:00:00Z,basic,1,o1
      a,2024-02-05T10:00:00Z,max,3,o3
    `);
    const result = computeMetric([tie], { definition: { ...all, metric: 'purchase-upsell-rate' } });
    // o2 is initial; o1 (tier 1) is a later order at the same time: a downgrade, not initial.
    // o3 (tier 3) beats the highest earlier tier 2.
    expect(result.rows[0]).toMatchObject({ numerator: 1, denominator: 3 });
  });

  it('gives the same numbers for rows in reverse order', () => {
    const purchases = workedExample(37, 120);
    const reversed = { ...purchases, rows: [...purchases.rows].reverse() };
    const a = computeMetric([purchases], { definition: { period: 'month', rule: 'tier' } });
    const b = computeMetric([reversed], { definition: { period: 'month', rule: 'tier' } });
    expect(b.rows).toEqual(a.rows);
  });

  it('puts a date-time without an offset in the report time zone', () => {
    const late = table(`
      customer_id,purchased_at,product_id,tier
      a,2024-01-31T23:30:00,basic,1
      b,2024-01-31T23:30:00Z,basic,1
    `);
    const tokyo = computeMetric([late], { definition: { ...all, period: 'month', timeZone: 'Asia/Tokyo' } });
    // a is 23:30 in Tokyo (January); b is 08:30 on 1 February in Tokyo.
    expect(tokyo.rows.map((r) => [r.period, r.denominator])).toEqual([
      ['2024-01', 1],
      ['2024-02', 2],
    ]);
  });
});

describe('bad rows', () => {
  it('reports each bad cell with line, column and reason, and keeps the accounting whole', () => {
    const issues: RowIssue[] = [];
    const bad = table(`
      customer_id,purchased_at,product_id,tier,amount,quantity
      a,2024-01-05,basic,1,10.00,1
      ,2024-01-05,basic,1,10.00,1
      b,2024-13-05,basic,1,10.00,1
      c,2024-01-05,basic,x,10.00,-1
      d,2024-01-05,basic,1,1e3,1
    `);
    const output = runMetric([bad], { definition: all, onIssue: (issue) => issues.push(issue) });
    expect(output.accounting).toEqual({ rows: 5, accepted: 1, rejected: 4 });
    expect(issues.map((i) => [i.line, i.column, i.columnName])).toEqual([
      [3, 1, 'customer_id'],
      [4, 2, 'purchased_at'],
      [5, 4, 'tier'],
      [5, 6, 'quantity'],
      [6, 5, 'amount'],
    ]);
    expect(issues[3]!.reason).toBe('quantity "-1" is negative');
  });
});

describe('orders split in time', () => {
  it('keeps a line with an earlier order id in that order, even after another order', () => {
    const split = table(`
      customer_id,purchased_at,product_id,tier,order_id
      a,2024-01-05,basic,1,o1
      a,2024-02-05,plus,2,o2
      a,2024-03-05,max,3,o1
    `);
    // o1 is the initial order (5 January) with tiers 1 and 3; o2's tier 2 is below 3: no upsell.
    const result = computeMetric([split], {
      definition: { period: 'month', rule: 'tier', metric: 'purchase-upsell-rate' },
    });
    expect(result.rows.map((r) => [r.period, r.numerator, r.denominator])).toEqual([
      ['2024-01', 0, 2],
      ['2024-02', 0, 1],
    ]);
  });
});

describe('lines with and without order ids', () => {
  it('keeps lines without an order id at one time in one order, even with an order between them', () => {
    const mixed = table(`
      customer_id,purchased_at,product_id,tier,order_id
      a,2024-01-05T10:00:00Z,basic,1,
      a,2024-01-05T10:00:00Z,plus,2,o1
      a,2024-01-05T10:00:00Z,max,3,
      a,2024-02-05T10:00:00Z,plus,2,o2
    `);
    // The initial order is the lines without an id (tiers 1 and 3); o1 and o2 (tier 2) are downgrades.
    const result = computeMetric([mixed], {
      definition: { period: 'all', rule: 'tier', metric: 'purchase-upsell-rate' },
    });
    expect(result.rows[0]).toMatchObject({ numerator: 0, denominator: 4 });
    const reversed = computeMetric([{ ...mixed, rows: [...mixed.rows].reverse() }], {
      definition: { period: 'all', rule: 'tier', metric: 'customer-upsell-rate' },
    });
    expect(reversed.rows[0]).toMatchObject({ numerator: 0, denominator: 1 });
  });
});

describe('benchmarks and targets', () => {
  it('compares the customer upsell rate with the industry benchmark, naming its source', () => {
    const row = computeMetric([workedExample(20, 100)], { definition: { ...all, industry: 'saas' } })
      .rows[0]!;
    expect(row.benchmark).toEqual({ industry: 'saas', source: 'Gartner', rate: 0.25, difference: -0.05 });
  });

  it('names a benchmark given in the definition as the user own figure', () => {
    const row = computeMetric([workedExample(20, 100)], {
      definition: { ...all, industry: 'retail', benchmarks: { retail: 0.1 } },
    }).rows[0]!;
    expect(row.benchmark).toEqual({ industry: 'retail', source: 'your figure', rate: 0.1, difference: 0.1 });
  });

  it('puts no benchmark beside the purchase up-sell rate, which benchmarks do not measure', () => {
    const row = computeMetric([workedExample(20, 100)], {
      definition: { ...all, industry: 'saas', metric: 'purchase-upsell-rate' },
    }).rows[0]!;
    expect(row.benchmark).toBeUndefined();
  });

  it('says whether the rate meets the target, the target itself included', () => {
    const met = computeMetric([workedExample(20, 100)], { definition: { ...all, target: 0.2 } }).rows[0]!;
    const missed = computeMetric([workedExample(20, 100)], { definition: { ...all, target: 0.21 } }).rows[0]!;
    expect(met.target).toEqual({ rate: 0.2, difference: 0, met: true });
    expect(missed.target).toMatchObject({ met: false });
  });
});

describe('a product catalog', () => {
  const tiers = new Map([
    ['basic', 1],
    ['plus', 2],
  ]);

  it('gives tiers to lines without one, while a tier in the file wins', () => {
    const purchases = table(`
      customer_id,purchased_at,product_id,tier
      a,2024-01-05,basic,
      a,2024-02-05,plus,
      b,2024-01-05,plus,
      b,2024-02-05,basic,3
    `);
    const catalog = { tiers, families: new Map<string, string>() };
    const result = computeMetric([purchases], {
      definition: { period: 'all', metric: 'purchase-upsell-rate' },
      catalog,
    });
    // a: basic (1) then plus (2), an upsell. b: plus (2) then basic at tier 3 from the file, an
    // upsell too; with the catalog's tier 1 it would have been a downgrade.
    expect(result.rows[0]).toMatchObject({ numerator: 2, denominator: 4 });
  });

  it('gives families to lines without one', () => {
    const purchases = table(`
      customer_id,purchased_at,product_id
      a,2024-01-05,basic
      a,2024-02-05,plus
    `);
    const catalog = { tiers, families: new Map([['plus', 'pro']]) };
    const result = computeMetric([purchases], {
      definition: { period: 'all', metric: 'customer-cross-sell-rate' },
      catalog,
    });
    // plus is in family pro, which a never bought: a cross-sell, not an upsell.
    expect(result.rows[0]).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('makes the tier rule available to a file with no tier column', () => {
    const bare = table(`
      customer_id,purchased_at,product_id
      a,2024-01-05,basic
      a,2024-02-05,plus
    `);
    const result = computeMetric([bare], {
      definition: { period: 'all' },
      catalog: { tiers, families: new Map() },
    });
    expect(result.definition.rule).toBe('tier');
    expect(result.rows[0]).toMatchObject({ numerator: 1, denominator: 1 });
  });
});
