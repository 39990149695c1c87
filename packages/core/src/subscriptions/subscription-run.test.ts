import { workedExampleBridge } from '@upsell/test-support/worked-example';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorOf } from '../../test/helpers.ts';
import type { RowIssue } from '../input/row-issue.ts';
import { customerShard } from '../metric-run.ts';
import { createFxRatesReader, type FxRates } from './fx-rates.ts';
import { buildMrrMovementsResult } from './mrr-movements-result.ts';
import type { MrrMovementsRow } from './mrr-movements-schema.ts';
import { mergeSubscriptionCounters } from './subscription-counters.ts';
import { buildSubscriptionRateResult } from './subscription-rate-result.ts';
import {
  computeMrrMovements,
  computeSubscriptionRate,
  createSubscriptionRun,
  explainSubscriptions,
  runSubscriptions,
  type SubscriptionRunOptions,
  type SubscriptionTable,
} from './subscription-run.ts';

/** A table from CSV-ish lines (no quoting), header first. */
function table(text: string, fileName = 'subs.csv'): SubscriptionTable {
  const [header, ...rows] = text
    .trim()
    .split('\n')
    .map((line) => line.trim().split(','));
  return { header: header!, rows, fileName };
}

// The spec's worked example (SUBSCRIPTIONS.md), in both shapes.
const STATES = table(`
  customer_id,subscription_id,plan_id,tier,starts_at,ends_at,amount,interval,quantity
  A,a1,basic,1,2024-01-05,2024-03-10,10.00,month,1
  A,a1,pro,2,2024-03-10,,30.00,month,1
  B,b1,basic,1,2024-01-20,2024-04-01,120.00,year,1
  C,c1,basic,1,2024-02-01,2024-03-15,10.00,month,1
  C,c1,basic,1,2024-03-15,,30.00,month,3
  C,c2,addon,1,2024-03-15,,5.00,month,1
  D,d1,basic,1,2024-01-10,2024-02-10,10.00,month,1
  D,d1,basic,1,2024-05-01,,10.00,month,1
`);
const EVENTS = table(`
  customer_id,subscription_id,event,effective_at,plan_id,tier,amount,interval,quantity
  A,a1,start,2024-01-05,basic,1,10.00,month,1
  A,a1,change,2024-03-10,pro,2,30.00,month,1
  B,b1,start,2024-01-20,basic,1,120.00,year,1
  B,b1,cancel,2024-04-01,,,,,
  C,c1,start,2024-02-01,basic,1,10.00,month,1
  C,c1,change,2024-03-15,basic,1,30.00,month,3
  C,c2,start,2024-03-15,addon,1,5.00,month,1
  D,d1,start,2024-01-10,basic,1,10.00,month,1
  D,d1,cancel,2024-02-10,,,,,
  D,d1,reactivate,2024-05-01,basic,1,10.00,month,1
`);

// The spec's bridge of the worked example, worked by hand once for every package's tests.
const BRIDGE: MrrMovementsRow[] = workedExampleBridge().rows;

const monthly: SubscriptionRunOptions = { definition: { period: 'month' } };
const rates = (tables: SubscriptionTable[], rule?: 'upgrade') =>
  computeSubscriptionRate(tables, { definition: { period: 'month', ...(rule ? { rule } : {}) } }).rows.map(
    (row) => [row.period, row.numerator, row.denominator],
  );

describe('createSubscriptionRun: the worked example', () => {
  it('gives the spec bridge from the states shape', () => {
    const result = computeMrrMovements([STATES], monthly);
    expect(result.rows).toEqual(BRIDGE);
    expect(result.input).toEqual({ rows: 8, accepted: 8, rejected: 0 });
    expect(result.definition).toEqual({ period: 'month', timeZone: 'UTC', currency: 'USD', by: [] });
  });

  it('gives the spec bridge from the events shape', () => {
    const result = computeMrrMovements([EVENTS], monthly);
    expect(result.rows).toEqual(BRIDGE);
    expect(result.input).toEqual({ rows: 10, accepted: 10, rejected: 0 });
  });

  it('gives the spec rates in both shapes: 0/3, 2/3, 0/3, 0/2; under the upgrade rule March is 1/3', () => {
    const expected = [
      ['2024-02', 0, 3],
      ['2024-03', 2, 3],
      ['2024-04', 0, 3],
      ['2024-05', 0, 2],
    ];
    expect(rates([STATES])).toEqual(expected);
    expect(rates([EVENTS])).toEqual(expected);
    expect(rates([STATES], 'upgrade')[1]).toEqual(['2024-03', 1, 3]);
    expect(rates([EVENTS], 'upgrade')[1]).toEqual(['2024-03', 1, 3]);
    const result = computeSubscriptionRate([STATES], monthly);
    expect(result.metric).toBe('subscription-upsell-rate');
    expect(result.definition).toMatchObject({ eligible: 'existing', rule: 'expansion' });
    expect(result.rows[1]).toMatchObject({ rate: 0.666667, revenue: null });
  });

  it('explains March expansion: A and C, 45 in all, each movement with its reason', () => {
    const page = explainSubscriptions([STATES], monthly, { period: '2024-03', figure: 'expansion' });
    expect(page.value).toBe(45);
    expect(page.customers.map((c) => [c.customerId, c.movements.map((m) => m.value)])).toEqual([
      ['A', [20]],
      ['C', [25]],
    ]);
  });

  it('reports the shape and the reporting currency', () => {
    const output = runSubscriptions([EVENTS], { ...monthly, currency: 'eur' });
    expect(output.shape).toBe('events');
    expect(output.currency).toBe('EUR');
  });
});

/** One generated state of a subscription, in days and hours from 2024-01-01 local time. */
interface GeneratedState {
  start: number;
  /** null: still running. */
  end: number | null;
  plan: number;
  amount: string;
  interval: string;
  count: number;
  quantity: number;
}

interface GeneratedSubscription {
  customer: string;
  subscription: string;
  region: string;
  states: GeneratedState[];
}

const PLANS = ['basic', 'pro', 'team'];
const INTERVALS = ['day', 'week', 'month', 'quarter', 'year'];
// Hours that no DST change skips or repeats: two wall times are never one instant.
const HOURS = [0, 6, 12, 18];
const HOUR_MS = 3_600_000;

/** A local wall time `hours` after 2024-01-01T00:00, written without an offset (read in the run's zone). */
const wall = (hours: number) => new Date(Date.UTC(2024, 0, 1) + hours * HOUR_MS).toISOString().slice(0, 19);

const generatedState = fc.record({
  gap: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 * 24 })),
  length: fc
    .integer({ min: 1, max: 90 })
    .chain((days) => fc.constantFrom(...HOURS).map((h) => days * 24 + h - 12)),
  plan: fc.integer({ min: 0, max: 2 }),
  cents: fc.integer({ min: 0, max: 50_000 }),
  interval: fc.constantFrom(...INTERVALS),
  count: fc.integer({ min: 1, max: 3 }),
  quantity: fc.integer({ min: 0, max: 5 }),
});

const generatedSubscription = (customer: string, subscription: string, region: string) =>
  fc
    .record({
      first: fc.integer({ min: 0, max: 200 }).chain((d) => fc.constantFrom(...HOURS).map((h) => d * 24 + h)),
      states: fc.array(generatedState, { minLength: 1, maxLength: 4 }),
      running: fc.boolean(),
    })
    .map(({ first, states, running }): GeneratedSubscription => {
      let at = first;
      const out: GeneratedState[] = [];
      for (const [i, s] of states.entries()) {
        if (i > 0) at += s.gap;
        const start = at;
        const end = i === states.length - 1 && running ? null : start + Math.max(1, s.length);
        out.push({
          start,
          end,
          plan: s.plan,
          amount: (s.cents / 100).toFixed(2),
          interval: s.interval,
          count: s.count,
          quantity: s.quantity,
        });
        if (end !== null) at = end;
      }
      return { customer, subscription, region, states: out };
    });

/** Up to 6 customers with up to 3 subscriptions each. */
const history = fc
  .array(fc.record({ region: fc.constantFrom('EU', 'US'), subscriptions: fc.integer({ min: 1, max: 3 }) }), {
    minLength: 1,
    maxLength: 6,
  })
  .chain((customers) =>
    fc.tuple(
      ...customers.flatMap(({ region, subscriptions }, c) =>
        Array.from({ length: subscriptions }, (_, s) => generatedSubscription(`c${c}`, `s${s}`, region)),
      ),
    ),
  );

const STATE_HEADER = [
  'customer_id',
  'subscription_id',
  'plan_id',
  'tier',
  'starts_at',
  'ends_at',
  'amount',
  'interval',
  'interval_count',
  'quantity',
  'region',
];
const EVENT_HEADER = [
  'customer_id',
  'subscription_id',
  'event',
  'effective_at',
  'plan_id',
  'tier',
  'amount',
  'interval',
  'interval_count',
  'quantity',
  'region',
];

const valueCells = (s: GeneratedState) => [
  PLANS[s.plan]!,
  String(s.plan + 1),
  s.amount,
  s.interval,
  String(s.count),
  String(s.quantity),
];

function statesTable(subscriptions: readonly GeneratedSubscription[]): SubscriptionTable {
  const rows = subscriptions.flatMap((sub) =>
    sub.states.map((s) => {
      const [plan, tier, ...rest] = valueCells(s);
      return [
        sub.customer,
        sub.subscription,
        plan!,
        tier!,
        wall(s.start),
        s.end === null ? '' : wall(s.end),
        ...rest,
        sub.region,
      ];
    }),
  );
  return { header: STATE_HEADER, rows, fileName: 'states.csv' };
}

/** The same history as events: start (or reactivate, resume) after a gap, change back to back, cancel (or pause) before a gap. */
function eventsTable(subscriptions: readonly GeneratedSubscription[]): SubscriptionTable {
  const rows: string[][] = [];
  for (const sub of subscriptions) {
    const row = (event: string, at: number, cells: string[]) =>
      rows.push([sub.customer, sub.subscription, event, wall(at), ...cells, sub.region]);
    sub.states.forEach((s, i) => {
      const previous = sub.states[i - 1];
      const next = sub.states[i + 1];
      const opening = i === 0 ? 'start' : i % 2 === 0 ? 'reactivate' : 'resume';
      row(previous?.end === s.start ? 'change' : opening, s.start, valueCells(s));
      if (s.end !== null && next?.start !== s.end)
        row(i % 2 === 0 ? 'cancel' : 'pause', s.end, ['', '', '', '', '', '']);
    });
  }
  return { header: EVENT_HEADER, rows, fileName: 'events.csv' };
}

const definitions = fc.record({
  period: fc.constantFrom('day', 'week', 'month', 'quarter', 'year', 'all'),
  timeZone: fc.constantFrom('UTC', 'Europe/Paris', 'America/New_York'),
  by: fc.constantFrom<string[][]>([], ['region']),
  rule: fc.constantFrom('expansion', 'upgrade', 'add_on', 'quantity'),
  eligible: fc.constantFrom('existing', 'active', 'all'),
});

/** A permutation of `n` items from random sort keys. */
const shuffled = <T>(items: readonly T[], keys: readonly number[]) =>
  items
    .map((item, i) => ({ item, key: keys[i % Math.max(1, keys.length)]! * 1000 + i }))
    .sort((a, b) => a.key - b.key)
    .map(({ item }) => item);

const both = (tables: SubscriptionTable[], options: SubscriptionRunOptions) => {
  const output = runSubscriptions(tables, options);
  return {
    bridge: buildMrrMovementsResult(output.counters, output),
    rate: buildSubscriptionRateResult(output.counters, output),
  };
};

describe('createSubscriptionRun: properties', () => {
  it('gives the same bridge and rate from both shapes of one history', () => {
    fc.assert(
      fc.property(history, definitions, (subscriptions, definition) => {
        const fromStates = both([statesTable(subscriptions)], { definition });
        const fromEvents = both([eventsTable(subscriptions)], { definition });
        expect(fromEvents.bridge.input.rejected).toBe(0);
        expect(fromStates.bridge.input.rejected).toBe(0);
        expect(fromEvents.bridge.rows).toEqual(fromStates.bridge.rows);
        expect(fromEvents.rate.rows).toEqual(fromStates.rate.rows);
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same output whatever the order of the rows, in both shapes', () => {
    fc.assert(
      fc.property(
        history,
        definitions,
        fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
        (subscriptions, definition, keys) => {
          for (const make of [statesTable, eventsTable]) {
            const original = make(subscriptions);
            const mixed = { ...original, rows: shuffled(original.rows, keys) };
            expect(both([mixed], { definition })).toEqual(both([original], { definition }));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('gives the same output from 1 to 4 customer shards merged', () => {
    fc.assert(
      fc.property(
        history,
        definitions,
        fc.integer({ min: 1, max: 4 }),
        (subscriptions, definition, count) => {
          const tables = [statesTable(subscriptions)];
          const whole = both(tables, { definition });
          const shards = Array.from({ length: count }, (_, index) =>
            runSubscriptions(tables, { definition, shard: { index, count } }),
          );
          const counters = mergeSubscriptionCounters(shards.map((s) => s.counters));
          const accounting = { rows: 0, accepted: 0, rejected: 0 };
          for (const s of shards) {
            accounting.rows += s.accounting.rows;
            accounting.accepted += s.accounting.accepted;
            accounting.rejected += s.accounting.rejected;
          }
          const options = { ...shards[0]!, accounting };
          expect(buildMrrMovementsResult(counters, options)).toEqual(whole.bridge);
          expect(buildSubscriptionRateResult(counters, options)).toEqual(whole.rate);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('createSubscriptionRun: bad rows', () => {
  function issuesOf(tables: SubscriptionTable[], options: Omit<SubscriptionRunOptions, 'definition'> = {}) {
    const issues: RowIssue[] = [];
    const output = runSubscriptions(tables, {
      definition: { period: 'month' },
      ...options,
      onIssue: (issue) => issues.push(issue),
    });
    return { issues, output };
  }

  it('reports each reason with its line and column, and accounts for every row', () => {
    const fx = eurRates([['2024-02-01', 'EUR', '1.1']]);
    const { issues, output } = issuesOf(
      [
        table(`
          customer_id,subscription_id,plan_id,tier,starts_at,ends_at,amount,interval,interval_count,quantity,currency
          A,a1,basic,1,2024-01-05,2024-03-10,10.00,month,1,1,
          A,a1,pro,2,2024-03-01,,30.00,month,1,1,
          B,b1,basic,1,2024-02-01,2024-01-01,10.00,month,1,1,
          B,b2,basic,1,2024-02-01,,-10.00,month,1,1,
          B,b3,basic,1,2024-02-01,,10.00,fortnight,1,1,
          B,b4,basic,1,2024-02-01,,10.00,month,0,1,
          B,b5,basic,1,2024-02-01,,10.00,month,1,-2,
          B,b6,basic,gold,2024-02-01,,10.00,month,1,1,
          B,b7,basic,1,2024-01-15,,10.00,month,1,1,EUR
          B,b8,basic,1,2024-02-15,,10.00,month,1,1,EUR
        `),
      ],
      { fx },
    );
    expect(issues.map((i) => [i.file, i.line, i.column, i.columnName])).toEqual([
      ['subs.csv', 4, 6, 'ends_at'],
      ['subs.csv', 5, 7, 'amount'],
      ['subs.csv', 6, 8, 'interval'],
      ['subs.csv', 7, 9, 'interval_count'],
      ['subs.csv', 8, 10, 'quantity'],
      ['subs.csv', 9, 4, 'tier'],
      ['subs.csv', 10, 11, 'currency'],
      ['subs.csv', 3, 5, 'starts_at'],
    ]);
    expect(issues.map((i) => i.reason)).toEqual([
      'ends_at "2024-01-01" is not after starts_at "2024-02-01"',
      'amount "-10.00" is negative',
      'interval "fortnight" is not one of day, week, month, quarter, year',
      'interval_count "0" is not a whole number >= 1',
      'quantity "-2" is negative',
      'tier "gold" is not a whole number >= 0 (1 = entry level)',
      'no EUR rate into USD on or before 2024-01-15',
      "the state on line 3 overlaps the state on line 2 of subscription a1 (it starts before that one ends); a subscription's states must not overlap",
    ]);
    expect(output.accounting).toEqual({ rows: 10, accepted: 2, rejected: 8 });
  });

  it('reports an unknown event and a change with no current state, and accounts for every row', () => {
    const { issues, output } = issuesOf([
      table(`
        customer_id,subscription_id,event,effective_at,plan_id,amount
        A,a1,upgrade,2024-01-05,pro,30
        A,a2,change,2024-01-05,pro,30
        A,a3,start,2024-01-05,basic,10
        A,a3,cancel,2024-02-05,,
        A,a3,pause,2024-03-05,,
      `),
    ]);
    expect(issues.map((i) => [i.line, i.column, i.reason])).toEqual([
      [2, 3, 'event "upgrade" is not one of start, change, reactivate, resume, cancel, pause'],
      [3, 3, 'change of subscription a2 with no current state (it has not started, or has ended, by then)'],
      [6, 3, 'pause of subscription a3 with no current state (it has not started, or has ended, by then)'],
    ]);
    expect(output.accounting).toEqual({ rows: 5, accepted: 2, rejected: 3 });
  });

  it('counts a row of the wrong width in the shard of the id in its customer column, as purchases do', () => {
    const id = ['A', 'B', 'C', 'D'].find((c) => customerShard(c, 3) !== 0)!;
    const counts = [0, 1, 2].map((index) => {
      const run = createSubscriptionRun({ definition: { period: 'month' }, shard: { index, count: 3 } });
      const file = run.addFile(STATES.header, 'subs.csv');
      file.push([id, 'x1'], 2, 0);
      file.push([], 3, 10);
      return run.finish().accounting.rejected;
    });
    expect(counts).toEqual(
      [0, 1, 2].map((index) => (index === customerShard(id, 3) ? 1 : 0) + (index === 0 ? 1 : 0)),
    );
  });

  it('counts rows the reader could not split, once across shards', () => {
    const issue: RowIssue = { line: 3, column: 1, reason: 'unclosed quote' };
    const counts = [0, 1].map((index) => {
      const run = createSubscriptionRun({ definition: { period: 'month' }, shard: { index, count: 2 } });
      const file = run.addFile(STATES.header, 'subs.csv');
      file.reject([issue]);
      return run.finish().accounting.rejected;
    });
    expect(counts).toEqual([1, 0]);
  });
});

/** Rates into USD from rows of date, currency, rate. */
function eurRates(rows: string[][], reportingCurrency = 'USD'): FxRates {
  const reader = createFxRatesReader(['date', 'currency', 'rate'], { reportingCurrency });
  for (const [i, row] of rows.entries()) reader.add(row, i + 2, []);
  return reader.finish();
}

describe('createSubscriptionRun: currency, segments, formats', () => {
  it('converts a state at the rate on or before its start and keeps it for its whole span', () => {
    const fx = eurRates([
      ['2024-01-01', 'EUR', '1.10'],
      ['2024-02-01', 'EUR', '1.50'],
    ]);
    const result = computeMrrMovements(
      [
        table(`
          customer_id,subscription_id,plan_id,starts_at,ends_at,amount,currency
          A,a1,basic,2024-01-10,2024-03-01,10.00,EUR
          A,a1,basic,2024-03-01,,10.00,EUR
        `),
      ],
      { definition: { period: 'month' }, fx },
    );
    expect(result.rows.map((r) => [r.period, r.mrr_start, r.mrr_end, r.expansion])).toEqual([
      ['2024-01', 0, 11, 0],
      ['2024-02', 11, 11, 0],
      ['2024-03', 11, 15, 4],
    ]);
    expect(result.rows[2]!.expansion_by_cause.price).toBe(4);
  });

  it('refuses rates into another currency than the reporting one, and a currency that is no code', () => {
    const fx = eurRates([['2024-01-01', 'USD', '0.9']], 'EUR');
    expect(errorOf(() => createSubscriptionRun({ definition: {}, fx })).message).toBe(
      'the rates convert into EUR, but the reporting currency is USD',
    );
    expect(errorOf(() => createSubscriptionRun({ definition: {}, currency: 'dollars' })).code).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it('takes a customer segment from the earliest-starting state, ties in input order', () => {
    const result = computeMrrMovements(
      [
        table(`
          customer_id,subscription_id,plan_id,starts_at,ends_at,amount,channel
          A,a2,addon,2024-02-01,,5,partner
          A,a1,basic,2024-01-05,,10,web
          B,b1,basic,2024-01-05,,10,
          B,b2,basic,2024-01-05,,10,partner
        `),
      ],
      { definition: { period: 'all', by: ['channel'] } },
    );
    expect(result.rows.map((r) => [r.segment.channel, r.mrr_end])).toEqual([
      ['(unknown)', 20],
      ['web', 15],
    ]);
  });

  it('lets a customers file attribute win over a column of the same name', () => {
    const result = computeMrrMovements(
      [
        table(`
          customer_id,subscription_id,plan_id,starts_at,ends_at,amount,region
          A,a1,basic,2024-01-05,,10,EU
          B,b1,basic,2024-01-05,,20,EU
        `),
      ],
      {
        definition: { period: 'all', by: ['region'] },
        customers: { attributes: ['Region'], values: new Map([['A', ['US']]]) },
      },
    );
    expect(result.rows.map((r) => [r.segment.region, r.mrr_end])).toEqual([
      ['EU', 20],
      ['US', 10],
    ]);
  });

  it('segments by a field under its alias, and refuses a name that is nowhere', () => {
    const result = computeMrrMovements([STATES], { definition: { period: 'all', by: ['plan'] } });
    expect(result.rows.map((r) => r.segment.plan)).toEqual(['basic']);
    const error = errorOf(() =>
      computeMrrMovements([STATES], { definition: { period: 'all', by: ['region'] } }),
    );
    expect(error.code).toBe('UNKNOWN_COLUMN');
  });

  const HEADER = ['customer_id', 'subscription_id', 'plan_id', 'starts_at', 'ends_at', 'amount'];

  it('reads day-first dates and decimal commas detected from the file', () => {
    const rows = [
      ['A', 'a1', 'basic', '25/01/2024', '', '1.200,00'],
      ['B', 'b1', 'basic', '05/02/2024', '13/02/2024', '10,50'],
    ];
    const result = computeMrrMovements([{ header: HEADER, rows }], monthly);
    expect(result.input.rejected).toBe(0);
    expect(result.rows.map((r) => [r.period, r.new, r.churn])).toEqual([
      ['2024-01', 1200, 0],
      ['2024-02', 10.5, 10.5],
    ]);
  });

  it('names the date column of an ambiguous file', () => {
    const rows = [
      ['A', 'a1', 'basic', '03/07/2024', '', '10'],
      ['B', 'b1', 'basic', '11/12/2024', '', '10'],
    ];
    const error = errorOf(() => runSubscriptions([{ header: HEADER, rows, fileName: 'us.csv' }], monthly));
    expect(error.code).toBe('AMBIGUOUS_FORMAT');
    expect(error.details).toMatchObject({ field: 'starts_at', column: 'starts_at', file: 'us.csv' });
    const chosen = computeMrrMovements([{ header: HEADER, rows }], { ...monthly, formats: { date: 'mdy' } });
    expect(chosen.rows[0]!.period).toBe('2024-03');
  });

  it('refuses a bad explain target before any row is read', () => {
    const error = errorOf(() =>
      createSubscriptionRun({ ...monthly, explain: { period: '2024-13', figure: 'expansion' } }),
    );
    expect(error.code).toBe('INVALID_PERIOD_LABEL');
    const segment = errorOf(() =>
      createSubscriptionRun({
        ...monthly,
        explain: { period: '2024-03', figure: 'new', segment: { region: 'EU' } },
      }),
    );
    expect(segment.details).toMatchObject({ field: 'segment', column: 'region' });
  });

  it('refuses files of two shapes in one run, and a purchase metric', () => {
    const run = createSubscriptionRun(monthly);
    run.addFile(STATES.header, 'a.csv');
    const error = errorOf(() => run.addFile(EVENTS.header, 'b.csv'));
    expect(error.message).toBe(
      'b.csv is a history of events but a.csv one of states: give the files of one computation in one shape',
    );
    expect(
      errorOf(() => createSubscriptionRun({ definition: { metric: 'customer-upsell-rate' } })).code,
    ).toBe('INVALID_DEFINITION');
    expect(errorOf(() => createSubscriptionRun({ definition: { rule: 'tier' } })).code).toBe(
      'INVALID_DEFINITION',
    );
  });
});

describe('createSubscriptionRun: streaming', () => {
  const runWith = (t: SubscriptionTable, order: 'stream' | 'buffer') => {
    const run = createSubscriptionRun({ ...monthly, order });
    const file = run.addFile(t.header, t.fileName, t.rows);
    t.rows.forEach((row, i) => {
      file.push(row, i + 2, i);
    });
    return run.finish();
  };

  it('gives what a buffered run gives when each customer rows come together', () => {
    fc.assert(
      fc.property(history, definitions, (subscriptions, definition) => {
        for (const t of [statesTable(subscriptions), eventsTable(subscriptions)]) {
          const run = (order: 'stream' | 'buffer') => {
            const r = createSubscriptionRun({ definition, order });
            const file = r.addFile(t.header, t.fileName, t.rows);
            t.rows.forEach((row, i) => {
              file.push(row, i + 2, i);
            });
            const output = r.finish();
            return [
              buildMrrMovementsResult(output.counters, output),
              buildSubscriptionRateResult(output.counters, output),
            ];
          };
          expect(run('stream')).toEqual(run('buffer'));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('says OUT_OF_ORDER, naming the customer and line, when a customer comes back after another', () => {
    const mixed = { ...STATES, rows: [STATES.rows[0]!, STATES.rows[2]!, STATES.rows[1]!] };
    const error = errorOf(() => runWith(mixed, 'stream'));
    expect(error.code).toBe('OUT_OF_ORDER');
    expect(error.details).toEqual({ customerId: 'A', line: 4, file: 'subs.csv' });
    const buffered = runWith(mixed, 'buffer');
    // runSubscriptions falls back to the buffered run by itself.
    expect(computeMrrMovements([mixed], monthly)).toEqual(
      buildMrrMovementsResult(buffered.counters, buffered),
    );
    expect(buffered.accounting).toEqual({ rows: 3, accepted: 3, rejected: 0 });
  });

  // C0, C1, ..., C10 (below C9: looked up from there on), or C00000, C00001, ... (ascending:
  // never looked up until the first comes back).
  it.each([
    ['unpadded', (c: number) => `C${c}`],
    ['zero-padded', (c: number) => `C${String(c).padStart(5, '0')}`],
  ])('remembers every customer handed on, past tens of thousands of them (%s ids)', (_, id) => {
    const run = createSubscriptionRun({ ...monthly, order: 'stream' });
    const file = run.addFile(['customer_id', 'subscription_id', 'plan_id', 'starts_at', 'amount']);
    const customers = 70_000;
    for (let c = 0; c < customers; c++) file.push([id(c), 's1', 'basic', '2024-01-05', '10'], c + 2, c);
    // Below the largest id but never seen: taken.
    file.push(['B', 's1', 'basic', '2024-01-05', '10'], customers + 2, customers);
    for (const c of [0, 12_345, 69_998]) {
      const error = errorOf(() =>
        file.push([id(c), 's2', 'basic', '2024-02-05', '10'], customers + 3, customers + 1),
      );
      expect(error.details).toMatchObject({ customerId: id(c), line: customers + 3 });
    }
  });

  it('reports a bad row once when runSubscriptions falls back to a buffered run', () => {
    const issues: RowIssue[] = [];
    const t = table(`
      customer_id,subscription_id,plan_id,starts_at,ends_at,amount
      A,a1,basic,2024-01-05,,oops
      B,b1,basic,2024-01-05,,10
      A,a2,basic,2024-01-05,,10
    `);
    const output = runSubscriptions([t], { ...monthly, onIssue: (issue) => issues.push(issue) });
    expect(issues.map((i) => [i.line, i.column])).toEqual([[2, 6]]);
    expect(output.accounting).toEqual({ rows: 3, accepted: 2, rejected: 1 });
  });
});

/** Feeds tables to one live run, a snapshot after each (under `variant` when given). */
function liveSnapshots(
  tables: readonly SubscriptionTable[],
  options: Omit<SubscriptionRunOptions, 'order'>,
  variant?: {
    eligible: 'existing' | 'active' | 'all';
    rule: 'expansion' | 'upgrade' | 'add_on' | 'quantity';
  },
) {
  const run = createSubscriptionRun({ ...options, order: 'live' });
  return tables.map((t) => {
    const file = run.addFile(t.header, t.fileName, t.rows);
    t.rows.forEach((row, i) => {
      file.push(row, i + 2, i);
    });
    return run.snapshot(variant);
  });
}

/** Splits a table's rows into files at the cut points (sorted row indexes). */
function splitTable(whole: SubscriptionTable, cuts: readonly number[]): SubscriptionTable[] {
  const points = [...new Set([0, ...cuts.map((c) => c % (whole.rows.length + 1)), whole.rows.length])].sort(
    (a, b) => a - b,
  );
  const parts: SubscriptionTable[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    parts.push({
      header: whole.header,
      rows: whole.rows.slice(points[i], points[i + 1]),
      fileName: `part${i}.csv`,
    });
  }
  return parts.length > 0 ? parts : [{ ...whole, rows: [] }];
}

describe('createSubscriptionRun: live', () => {
  it('gives the worked example month by month as its files come, then the spec bridge', () => {
    // January and February's rows first, the rest appended (A's upgrade and C's seats among them).
    const early = STATES.rows.filter((row) => row[4]! < '2024-03');
    const late = STATES.rows.filter((row) => row[4]! >= '2024-03');
    const [first, second] = liveSnapshots(
      [
        { header: STATES.header, rows: early, fileName: 'jan-feb.csv' },
        { header: STATES.header, rows: late, fileName: 'mar-may.csv' },
      ],
      monthly,
    );
    const firstBridge = buildMrrMovementsResult(first!.counters, first!);
    // Before the append, A's and C's first states end in March and B's on April 1: Jan A+B+D,
    // Feb A+B+C (D churned), Mar B alone, Apr nothing.
    expect(firstBridge.rows.map((r) => [r.period, r.mrr_end])).toEqual([
      ['2024-01', 30],
      ['2024-02', 30],
      ['2024-03', 10],
      ['2024-04', 0],
    ]);
    expect(buildMrrMovementsResult(second!.counters, second!).rows).toEqual(BRIDGE);
    expect(second!.accounting).toEqual({ rows: 8, accepted: 8, rejected: 0 });
    // States from 2024-01-05 to the last start or end, 2024-05-01.
    expect(second!.days).toEqual([Date.UTC(2024, 0, 5) / 86_400_000, Date.UTC(2024, 4, 1) / 86_400_000]);
  });

  it('answers another rule from the same rows: the upgrade rate of March is 1/3', () => {
    const run = createSubscriptionRun({ ...monthly, order: 'live' });
    const file = run.addFile(EVENTS.header, EVENTS.fileName, EVENTS.rows);
    EVENTS.rows.forEach((row, i) => {
      file.push(row, i + 2, i);
    });
    const upgrade = run.snapshot({ eligible: 'existing', rule: 'upgrade' });
    const rows = buildSubscriptionRateResult(upgrade.counters, upgrade).rows;
    expect(rows.map((r) => [r.period, r.numerator, r.denominator])).toEqual([
      ['2024-02', 0, 3],
      ['2024-03', 1, 3],
      ['2024-04', 0, 3],
      ['2024-05', 0, 2],
    ]);
    expect(upgrade.definition.rule).toBe('upgrade');
    expect(run.snapshot().definition.rule).toBe('expansion');
    expect(() => run.snapshot({ eligible: 'existing', rule: 'tier' })).toThrow(/rule/);
  });

  it('reports a state that overlaps an earlier file once, at the snapshot after it came', () => {
    const issues: RowIssue[] = [];
    const run = createSubscriptionRun({ ...monthly, order: 'live', onIssue: (issue) => issues.push(issue) });
    const add = (rows: string[][], fileName: string) => {
      const file = run.addFile(STATES.header, fileName, rows);
      rows.forEach((row, i) => {
        file.push(row, i + 2, i);
      });
      return run.snapshot();
    };
    add([['A', 'a1', 'basic', '1', '2024-01-05', '2024-03-10', '10.00', 'month', '1']], 'one.csv');
    const second = add([['A', 'a1', 'pro', '2', '2024-03-01', '', '30.00', 'month', '1']], 'two.csv');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'two.csv', line: 2 });
    expect(issues[0]!.reason).toMatch(/overlaps the state on line 2 of one\.csv/);
    expect(second.accounting).toEqual({ rows: 2, accepted: 1, rejected: 1 });
    // A third file for another customer: A is not computed again, its issue not said again.
    const third = add([['B', 'b1', 'basic', '1', '2024-02-01', '', '10.00', 'month', '1']], 'three.csv');
    expect(issues).toHaveLength(1);
    expect(third.accounting).toEqual({ rows: 3, accepted: 2, rejected: 1 });
  });

  it('is exactly the run over every file so far, however the rows are cut into files and ordered', () => {
    fc.assert(
      fc.property(
        history,
        definitions,
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
        fc.boolean(),
        (subscriptions, definition, cuts, keys, events) => {
          const whole = (events ? eventsTable : statesTable)(subscriptions);
          // Shuffled: later files may reach back before earlier ones, even within a customer.
          const mixed = { ...whole, rows: shuffled(whole.rows, keys) };
          const parts = splitTable(mixed, cuts);
          const variant = { eligible: definition.eligible, rule: definition.rule };
          const live = liveSnapshots(
            parts,
            { definition: { ...definition, eligible: 'existing', rule: 'expansion' } },
            variant,
          );
          parts.forEach((_, i) => {
            const expected = both(parts.slice(0, i + 1), { definition });
            const got = live[i]!;
            expect(buildMrrMovementsResult(got.counters, got)).toEqual(expected.bridge);
            expect(buildSubscriptionRateResult(got.counters, got)).toEqual(expected.rate);
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses explain and snapshots of other runs', () => {
    expect(() =>
      createSubscriptionRun({
        ...monthly,
        order: 'live',
        explain: { period: '2024-03', figure: 'expansion' },
      }),
    ).toThrow(/live run does not explain/);
    const run = createSubscriptionRun(monthly);
    run.addFile(STATES.header, STATES.fileName, STATES.rows);
    expect(() => run.snapshot()).toThrow(/only a live run/);
  });
});
