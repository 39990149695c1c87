import { describe, expect, it } from 'vitest';
import type { RowIssue } from '../input/row-issue.ts';
import { createTimeZoneOffsets } from '../time/time-zone.ts';
import { rational } from './rational.ts';
import { mapSubscriptionColumns } from './subscription-columns.ts';
import { createSubscriptionRowReader, type SubscriptionRow } from './subscription-row-reader.ts';
import { buildSubscriptionStates } from './subscription-states.ts';

const utc = createTimeZoneOffsets('UTC');
const day = (text: string) => Date.parse(`${text}T00:00:00Z`);

/** Reads CSV-ish lines (header first, line 1) into checked rows; the bad ones must be none. */
function rowsOf(text: string): { rows: SubscriptionRow[]; shape: 'states' | 'events' } {
  const [header, ...lines] = text
    .trim()
    .split('\n')
    .map((l) => l.trim().split(','));
  const mapping = mapSubscriptionColumns(header!);
  const read = createSubscriptionRowReader({ mapping, zone: utc, currency: 'USD', fileName: 's.csv' });
  const issues: RowIssue[] = [];
  const rows = lines.map((fields, i) => read(fields, i + 2, i, issues)!);
  expect(issues).toEqual([]);
  return { rows, shape: mapping.shape };
}

const build = (text: string) => {
  const { rows, shape } = rowsOf(text);
  return buildSubscriptionStates(rows, shape);
};

const spans = (text: string) =>
  build(text).states.map((s) => [s.subscriptionId, s.planId, s.startsAt, s.endsAt, s.line]);

describe('buildSubscriptionStates: states', () => {
  it('takes the worked example as it is, sorted by start', () => {
    const out = build(`
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
    expect(out.accepted).toBe(8);
    expect(out.rejected).toBe(0);
    expect(out.states.map((s) => [s.customerId, s.subscriptionId, s.line])).toEqual([
      ['A', 'a1', 2],
      ['D', 'd1', 8],
      ['B', 'b1', 4],
      ['C', 'c1', 5],
      ['A', 'a1', 3],
      ['C', 'c1', 6],
      ['C', 'c2', 7],
      ['D', 'd1', 9],
    ]);
    expect(out.states.find((s) => s.customerId === 'B')!.mrr).toEqual(rational(10n));
    expect(out.states[0]).toMatchObject({ tier: 1, file: 's.csv', amount: '10.00', interval: 'month' });
  });

  it('rejects a state overlapping the previous accepted one, naming both lines', () => {
    const out = build(`
      customer_id,subscription_id,plan_id,starts_at,ends_at,amount
      A,a1,basic,2024-01-05,2024-03-10,10
      A,a1,pro,2024-03-01,,30
      A,a1,pro,2024-03-10,,30
    `);
    expect(out.accepted).toBe(2);
    expect(out.rejected).toBe(1);
    expect(out.issues).toEqual([
      {
        file: 's.csv',
        line: 3,
        column: 4,
        columnName: 'starts_at',
        reason:
          "the state on line 3 overlaps the state on line 2 of subscription a1 (it starts before that one ends); a subscription's states must not overlap",
      },
    ]);
  });

  it('takes states in time order whatever the input order, and a running one overlaps all later ones', () => {
    const out = build(`
      customer_id,subscription_id,plan_id,starts_at,ends_at,amount
      A,a1,pro,2024-04-01,,30
      A,a1,basic,2024-01-05,,10
    `);
    expect(out.states.map((s) => s.line)).toEqual([3]);
    expect(out.issues.map((i) => [i.line, i.reason.slice(0, 50)])).toEqual([
      [2, 'the state on line 2 overlaps the state on line 3 o'],
    ]);
  });

  it('breaks a tie on starts_at by input order: the later row overlaps', () => {
    const out = build(`
      customer_id,subscription_id,plan_id,starts_at,ends_at,amount
      A,a1,pro,2024-01-05,2024-02-01,30
      A,a1,basic,2024-01-05,2024-02-01,10
    `);
    expect(out.states.map((s) => s.planId)).toEqual(['pro']);
    expect(out.issues[0]!.line).toBe(3);
  });

  it('lets states of different subscriptions and customers overlap', () => {
    const out = build(`
      customer_id,subscription_id,plan_id,starts_at,ends_at,amount
      A,a1,basic,2024-01-05,,10
      A,a2,addon,2024-01-05,,5
      B,a1,basic,2024-01-05,,10
    `);
    expect(out.accepted).toBe(3);
  });

  it('takes back-to-back states (the end is exclusive)', () => {
    expect(
      spans(`
      customer_id,subscription_id,plan_id,starts_at,ends_at,amount
      A,a1,basic,2024-01-05,2024-02-01,10
      A,a1,pro,2024-02-01,,30
    `),
    ).toEqual([
      ['a1', 'basic', day('2024-01-05'), day('2024-02-01'), 2],
      ['a1', 'pro', day('2024-02-01'), Number.POSITIVE_INFINITY, 3],
    ]);
  });

  it('names the other file of an overlapping state', () => {
    const header = mapSubscriptionColumns([
      'customer_id',
      'subscription_id',
      'plan_id',
      'starts_at',
      'amount',
    ]);
    const issues: RowIssue[] = [];
    const first = createSubscriptionRowReader({
      mapping: header,
      zone: utc,
      currency: 'USD',
      fileName: 'a.csv',
    });
    const second = createSubscriptionRowReader({
      mapping: header,
      zone: utc,
      currency: 'USD',
      fileName: 'b.csv',
    });
    const rows = [
      first(['A', 'a1', 'basic', '2024-01-05', '10'], 2, 0, issues)!,
      second(['A', 'a1', 'pro', '2024-02-05', '30'], 2, 1, issues)!,
    ];
    const out = buildSubscriptionStates(rows, 'states');
    expect(out.issues[0]).toMatchObject({ file: 'b.csv', line: 2 });
    expect(out.issues[0]!.reason).toContain('overlaps the state on line 2 of a.csv');
  });

  it('makes nothing of nothing', () => {
    expect(buildSubscriptionStates([], 'states')).toEqual({
      states: [],
      issues: [],
      accepted: 0,
      rejected: 0,
    });
  });
});

describe('buildSubscriptionStates: events', () => {
  const HEADER = 'customer_id,subscription_id,plan_id,event,effective_at,amount,quantity';

  it('turns the worked example events into the worked example states', () => {
    expect(
      spans(`
      ${HEADER}
      A,a1,basic,start,2024-01-05,10,1
      A,a1,pro,change,2024-03-10,30,1
      B,b1,basic,start,2024-01-20,10,1
      B,b1,,cancel,2024-04-01,,
      D,d1,basic,start,2024-01-10,10,1
      D,d1,,cancel,2024-02-10,,
      D,d1,basic,reactivate,2024-05-01,10,1
    `),
    ).toEqual([
      ['a1', 'basic', day('2024-01-05'), day('2024-03-10'), 2],
      ['d1', 'basic', day('2024-01-10'), day('2024-02-10'), 6],
      ['b1', 'basic', day('2024-01-20'), day('2024-04-01'), 4],
      ['a1', 'pro', day('2024-03-10'), Number.POSITIVE_INFINITY, 3],
      ['d1', 'basic', day('2024-05-01'), Number.POSITIVE_INFINITY, 8],
    ]);
  });

  it('ends the current state at a pause and starts one at a resume', () => {
    expect(
      spans(`
      ${HEADER}
      A,a1,basic,start,2024-01-01,10,1
      A,a1,,pause,2024-02-01,,
      A,a1,basic,resume,2024-03-01,10,1
    `),
    ).toEqual([
      ['a1', 'basic', day('2024-01-01'), day('2024-02-01'), 2],
      ['a1', 'basic', day('2024-03-01'), Number.POSITIVE_INFINITY, 4],
    ]);
  });

  it('lets a start with a current state end it, like a change', () => {
    expect(
      spans(`
      ${HEADER}
      A,a1,basic,start,2024-01-01,10,1
      A,a1,pro,start,2024-02-01,30,1
    `).map(([, plan, , end]) => [plan, end]),
    ).toEqual([
      ['basic', day('2024-02-01')],
      ['pro', Number.POSITIVE_INFINITY],
    ]);
  });

  it('takes events in time order whatever the input order', () => {
    expect(
      spans(`
      ${HEADER}
      A,a1,,cancel,2024-04-01,,
      A,a1,pro,change,2024-03-01,30,1
      A,a1,basic,start,2024-01-01,10,1
    `),
    ).toEqual([
      ['a1', 'basic', day('2024-01-01'), day('2024-03-01'), 4],
      ['a1', 'pro', day('2024-03-01'), day('2024-04-01'), 3],
    ]);
  });

  it('drops a state of zero length: two events at one instant, the later (in input order) wins', () => {
    const out = build(`
      ${HEADER}
      A,a1,basic,start,2024-01-01,10,1
      A,a1,pro,change,2024-01-01,30,1
    `);
    expect(out.accepted).toBe(2);
    expect(out.states.map((s) => [s.planId, s.line])).toEqual([['pro', 3]]);
  });

  it('drops a start cancelled at the same instant, and then a change has no current state', () => {
    const out = build(`
      ${HEADER}
      A,a1,basic,start,2024-01-01,10,1
      A,a1,,cancel,2024-01-01,,
      A,a1,pro,change,2024-02-01,30,1
    `);
    expect(out.states).toEqual([]);
    expect(out.accepted).toBe(2);
    expect(out.rejected).toBe(1);
    expect(out.issues[0]).toMatchObject({ line: 4, column: 4, columnName: 'event' });
  });

  it('rejects a change, cancel or pause with no current state, each naming its line and event', () => {
    const out = build(`
      ${HEADER}
      A,a1,pro,change,2024-01-01,30,1
      A,a2,,cancel,2024-01-01,,
      A,a3,basic,start,2024-01-01,10,1
      A,a3,,cancel,2024-02-01,,
      A,a3,,pause,2024-03-01,,
    `);
    expect(out.issues.map((i) => [i.line, i.column, i.reason])).toEqual([
      [2, 4, 'change of subscription a1 with no current state (it has not started, or has ended, by then)'],
      [3, 4, 'cancel of subscription a2 with no current state (it has not started, or has ended, by then)'],
      [6, 4, 'pause of subscription a3 with no current state (it has not started, or has ended, by then)'],
    ]);
    expect(out.accepted + out.rejected).toBe(5);
    expect(out.states).toHaveLength(1);
  });

  it('starts states at instants within a day too', () => {
    const out = build(`
      ${HEADER}
      A,a1,basic,start,2024-01-01T09:00:00Z,10,1
      A,a1,pro,change,2024-01-01T10:00:00Z,30,2
    `);
    expect(out.states.map((s) => [s.startsAt, s.endsAt, s.quantity])).toEqual([
      [Date.UTC(2024, 0, 1, 9), Date.UTC(2024, 0, 1, 10), 1],
      [Date.UTC(2024, 0, 1, 10), Number.POSITIVE_INFINITY, 2],
    ]);
  });
});

describe('buildSubscriptionStates: MRR', () => {
  it('gives each state the MRR of its own amount, interval, count and rate, however often they repeat', () => {
    const { rows } = rowsOf(`
      customer_id,subscription_id,plan_id,starts_at,ends_at,amount,interval,interval_count
      A,a1,basic,2024-01-01,2024-02-01,120.00,year,1
      A,a1,basic,2024-02-01,2024-03-01,120.00,month,1
      A,a1,basic,2024-03-01,2024-04-01,120.00,year,2
      A,a1,basic,2024-04-01,2024-05-01,120.00,year,1
    `);
    // The same amount at another rate (another object of the same value too).
    const rates = [rational(1n), rational(1n), rational(1n), rational(11n, 10n)];
    const withRates = rows.map((row, i) => ({ ...row, rate: rates[i]! }));
    const twice = [...withRates, ...withRates.map((row) => ({ ...row }))];
    for (const list of [withRates, twice.slice(4)]) {
      expect(buildSubscriptionStates(list, 'states').states.map((s) => s.mrr)).toEqual([
        rational(10n),
        rational(120n),
        rational(5n),
        rational(11n),
      ]);
    }
  });
});
