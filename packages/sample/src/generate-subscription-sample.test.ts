import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateSubscriptionFxRates } from './generate-subscription-fx-rates.ts';
import { generateSubscriptionSample } from './generate-subscription-sample.ts';
import { SUBSCRIPTION_SAMPLE_COLUMNS } from './subscription-sample-catalog.ts';
import type { SubscriptionSampleOptions } from './subscription-sample-options.ts';

const HEADER =
  'customer_id,subscription_id,plan_id,tier,starts_at,ends_at,amount,interval,quantity,currency,channel,region\n';
const TIME = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z';
const LINE = new RegExp(
  `^C\\d{6,},S\\d+,((starter|team|business)-(monthly|annual),[123]|addon-(sso|storage),),${TIME},(${TIME})?,\\d+\\.\\d{2},(month|year),\\d+,(USD|EUR|GBP),(online|partner|sales),(na|emea|apac|latam)$`,
);
const TIERS: Record<string, string> = { starter: '1', team: '2', business: '3' };

interface StateRow {
  customer: string;
  subscription: string;
  plan: string;
  tier: string;
  start: string;
  end: string;
  cents: number;
  interval: string;
  quantity: number;
  currency: string;
}

const text = (options: SubscriptionSampleOptions) => [...generateSubscriptionSample(options)].join('');

function rowsOf(csv: string): StateRow[] {
  return csv
    .split('\n')
    .slice(1, -1)
    .map((line) => {
      const [customer, subscription, plan, tier, start, end, amount, interval, quantity, currency] =
        line.split(',');
      return {
        customer: customer!,
        subscription: subscription!,
        plan: plan!,
        tier: tier!,
        start: start!,
        end: end!,
        cents: Math.round(Number(amount) * 100),
        interval: interval!,
        quantity: Number(quantity),
        currency: currency!,
      };
    });
}

/** The states of each subscription, keyed by customer and subscription, in file order. */
function bySubscription(rows: readonly StateRow[]): Map<string, StateRow[]> {
  const subscriptions = new Map<string, StateRow[]>();
  for (const row of rows) {
    const key = `${row.customer}/${row.subscription}`;
    subscriptions.set(key, [...(subscriptions.get(key) ?? []), row]);
  }
  return subscriptions;
}

/** Every rule of the spec's states shape (and of the sample's own layout); the first broken one. */
function brokenInvariant(csv: string, rows: number): string | undefined {
  if (!csv.startsWith(HEADER)) return 'header';
  if (!csv.endsWith('\n') || csv.includes('\r')) return 'line ends';
  const lines = csv.slice(HEADER.length).split('\n').slice(0, -1);
  if (lines.length !== rows) return `row count ${lines.length}`;
  for (const line of lines) if (!LINE.test(line)) return `line ${line}`;
  const parsed = rowsOf(csv);
  const seen = new Set<string>();
  let previousCustomer = '';
  let previousStart = '';
  for (const row of parsed) {
    if (row.customer !== previousCustomer) {
      if (seen.has(row.customer)) return `customer ${row.customer} not together`;
      seen.add(row.customer);
      previousCustomer = row.customer;
      previousStart = '';
    }
    if (row.start < previousStart) return `customer ${row.customer} not in order of starts_at`;
    previousStart = row.start;
    if (row.end !== '' && row.end <= row.start) return `ends_at not after starts_at: ${JSON.stringify(row)}`;
    const [level, billing] = row.plan.split('-');
    if (level !== 'addon' && TIERS[level!] !== row.tier) return `tier of ${row.plan}: ${row.tier}`;
    if ((billing === 'annual') !== (row.interval === 'year'))
      return `interval of ${row.plan}: ${row.interval}`;
    if (row.quantity < 1) return `quantity ${row.quantity}`;
  }
  for (const [key, states] of bySubscription(parsed)) {
    for (let i = 1; i < states.length; i++) {
      const before = states[i - 1]!;
      if (before.end === '' || states[i]!.start < before.end)
        return `overlap in ${key} at ${states[i]!.start}`;
      if (states[i]!.currency !== before.currency) return `currency changes in ${key}`;
    }
  }
  return undefined;
}

describe('generateSubscriptionSample', () => {
  it('writes the columns of the states shape in the agreed order', () => {
    expect(SUBSCRIPTION_SAMPLE_COLUMNS.join(',')).toBe(HEADER.trim());
    expect(text({ rows: 0, seed: 1 })).toBe(HEADER);
  });

  it('gives byte-identical output for the same seed and options', () => {
    expect(text({ rows: 5000, seed: 9 })).toBe(text({ rows: 5000, seed: 9 }));
  });

  it('gives different output for a different seed', () => {
    expect(text({ rows: 5000, seed: 9 })).not.toBe(text({ rows: 5000, seed: 10 }));
  });

  it.each([0, 1, 2, 3, 17, 1000, 25_000])('writes exactly %i state rows', (rows) => {
    expect(text({ rows, seed: 5 }).split('\n').length - 2).toBe(rows);
  });

  it('checks what it claims: an overlap, an end before a start and a split customer are caught', () => {
    const a =
      'C000001,S1,team-monthly,2,2024-01-01T00:00:00Z,2024-02-01T00:00:00Z,49.00,month,1,USD,online,na';
    const overlap = 'C000001,S1,team-monthly,2,2024-01-15T00:00:00Z,,98.00,month,2,USD,online,na';
    const backwards =
      'C000001,S2,addon-sso,,2024-03-01T00:00:00Z,2024-02-01T00:00:00Z,50.00,month,1,USD,online,na';
    const b = 'C000002,S1,team-monthly,2,2024-01-01T00:00:00Z,,49.00,month,1,USD,online,na';
    expect(brokenInvariant(`${HEADER}${a}\n${overlap}\n`, 2)).toMatch(/^overlap in C000001\/S1/);
    expect(brokenInvariant(`${HEADER}${a}\n${backwards}\n`, 2)).toMatch(/^ends_at not after starts_at/);
    expect(brokenInvariant(`${HEADER}${a}\n${b}\n${a}\n`, 3)).toMatch(/not together/);
    expect(brokenInvariant(`${HEADER}${a}\n${b}\n`, 2)).toBeUndefined();
  });

  it('holds every rule of the states shape for 25,000 rows: no overlap, ends after starts', () => {
    expect(brokenInvariant(text({ rows: 25_000, seed: 5 }), 25_000)).toBeUndefined();
  });

  it('holds every rule of the states shape whatever the size, seed, span and customer base', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4000 }),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 1, max: 60 }),
        fc.option(fc.integer({ min: 1, max: 3000 }), { nil: undefined }),
        (rows, seed, months, customers) => {
          const options: SubscriptionSampleOptions = { rows, seed, months, start: '2022-02-28' };
          if (customers !== undefined) options.customers = customers;
          const csv = text(options);
          const written = csv.split('\n').length - 2;
          // A given customer base may be too small for the rows asked; otherwise exactly `rows`.
          expect(written).toBeLessThanOrEqual(rows);
          if (customers === undefined) expect(written).toBe(rows);
          expect(brokenInvariant(csv, written)).toBeUndefined();
          if (customers !== undefined) {
            expect(new Set(rowsOf(csv).map((r) => r.customer)).size).toBeLessThanOrEqual(customers);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('keeps every time inside the span from --start for --months', () => {
    const rows = rowsOf(text({ rows: 5000, seed: 3, start: '2024-03-15', months: 6 }));
    const times = rows.flatMap((r) => (r.end === '' ? [r.start] : [r.start, r.end])).sort();
    expect(times[0]! >= '2024-03-15T00:00:00Z').toBe(true);
    // The span runs from the start day for 6 months of days: to 2024-09-15 (excluded).
    expect(times.at(-1)! < '2024-09-15T00:00:00Z').toBe(true);
  });

  it('about rows / 1.9 customers at the usual pace; a given customer base gets about the rows asked', () => {
    const usual = new Set(rowsOf(text({ rows: 20_000, seed: 4 })).map((r) => r.customer)).size;
    expect(usual).toBeGreaterThan(20_000 / 2.4);
    expect(usual).toBeLessThan(20_000 / 1.5);
    const busy = text({ rows: 20_000, seed: 4, customers: 4000 }).split('\n').length - 2;
    expect(busy).toBeGreaterThan(15_000);
  });

  it('streams: chunks of about 64 KiB, never the whole file at once', () => {
    const chunks = [...generateSubscriptionSample({ rows: 50_000, seed: 2 })];
    expect(chunks.length).toBeGreaterThan(20);
    for (const chunk of chunks) expect(chunk.length).toBeLessThan(2 * 64 * 1024);
  });

  describe('realistic SaaS history', () => {
    const rows = rowsOf(text({ rows: 30_000, seed: 11 }));
    const subscriptions = [...bySubscription(rows).values()];
    const customers = new Map<string, StateRow[]>();
    for (const row of rows) customers.set(row.customer, [...(customers.get(row.customer) ?? []), row]);

    it('has monthly and annual plans on all three tiers, add-ons and all three currencies', () => {
      expect(new Set(rows.map((r) => r.plan))).toEqual(
        new Set([
          'starter-monthly',
          'starter-annual',
          'team-monthly',
          'team-annual',
          'business-monthly',
          'business-annual',
          'addon-sso',
          'addon-storage',
        ]),
      );
      expect(new Set(rows.map((r) => r.currency))).toEqual(new Set(['USD', 'EUR', 'GBP']));
    });

    it('has trials at 0 that convert and that do not', () => {
      const trials = subscriptions.filter((states) => states[0]!.cents === 0);
      expect(trials.some((states) => states.length > 1 && states[1]!.cents > 0)).toBe(true);
      expect(trials.some((states) => states.length === 1 && states[0]!.end !== '')).toBe(true);
    });

    it('has upgrades, downgrades, seat changes and price changes within a subscription', () => {
      const steps = subscriptions.flatMap((states) =>
        states.slice(1).map((after, i) => [states[i]!, after] as const),
      );
      expect(steps.some(([b, a]) => a.tier > b.tier && b.cents > 0)).toBe(true);
      expect(steps.some(([b, a]) => a.tier < b.tier)).toBe(true);
      expect(steps.some(([b, a]) => a.plan === b.plan && a.quantity > b.quantity)).toBe(true);
      expect(steps.some(([b, a]) => a.plan === b.plan && a.quantity < b.quantity)).toBe(true);
      expect(
        steps.some(
          ([b, a]) => a.plan === b.plan && a.quantity === b.quantity && a.cents > b.cents && b.cents > 0,
        ),
      ).toBe(true);
      expect(steps.some(([b, a]) => a.plan !== b.plan && a.interval !== b.interval)).toBe(true);
    });

    it('has churn, and churned customers coming back on a new subscription later', () => {
      const churned = [...customers.values()].filter((states) => states.every((s) => s.end !== ''));
      expect(churned.length).toBeGreaterThan(100);
      const returned = [...customers.values()].filter((states) =>
        states.some(
          (s) =>
            !s.plan.startsWith('addon') &&
            s.subscription !== 'S1' &&
            states.every(
              (earlier) => earlier.start >= s.start || (earlier.end !== '' && earlier.end < s.start),
            ),
        ),
      );
      expect(returned.length).toBeGreaterThan(10);
    });
  });
});

describe('generateSubscriptionFxRates', () => {
  it('gives a EUR and a GBP rate on the first of every month of the span (2024-03-15 for 3 months of days: to 2024-06-15), hand-checked at the start', () => {
    const lines = generateSubscriptionFxRates({ rows: 10, seed: 1, start: '2024-03-15', months: 3 }).split(
      '\n',
    );
    expect(lines[0]).toBe('date,currency,rate');
    expect(lines[1]).toBe('2024-03-01,EUR,1.0850');
    expect(lines[2]).toBe('2024-03-01,GBP,1.2700');
    expect(lines.slice(1, -1).map((l) => l.slice(0, 14))).toEqual([
      '2024-03-01,EUR',
      '2024-03-01,GBP',
      '2024-04-01,EUR',
      '2024-04-01,GBP',
      '2024-05-01,EUR',
      '2024-05-01,GBP',
      '2024-06-01,EUR',
      '2024-06-01,GBP',
    ]);
    for (const line of lines.slice(1, -1)) expect(line).toMatch(/^\d{4}-\d{2}-01,(EUR|GBP),1\.\d{4}$/);
  });

  it('dates a rate on or before the start of every state, so every row converts', () => {
    const options = { rows: 5000, seed: 8, start: '2023-06-20' };
    const first = generateSubscriptionFxRates(options).split('\n')[1]!.slice(0, 10);
    for (const row of rowsOf(text(options))) expect(row.start.slice(0, 10) >= first).toBe(true);
  });

  it('is deterministic: the same options give the same rates', () => {
    expect(generateSubscriptionFxRates({ rows: 1, seed: 4 })).toBe(
      generateSubscriptionFxRates({ rows: 1, seed: 4 }),
    );
  });
});
