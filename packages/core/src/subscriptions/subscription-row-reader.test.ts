import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMoney, parseQuantityAs } from '../input/parse-money.ts';
import type { RowIssue } from '../input/row-issue.ts';
import { createTimeZoneOffsets } from '../time/time-zone.ts';
import { createFxRatesReader, type FxRates } from './fx-rates.ts';
import { rational } from './rational.ts';
import { mapSubscriptionColumns } from './subscription-columns.ts';
import {
  createSubscriptionRowReader,
  monthlyAmount,
  type SubscriptionRow,
} from './subscription-row-reader.ts';

const utc = createTimeZoneOffsets('UTC');
const HEADER = [
  'customer_id',
  'subscription_id',
  'plan_id',
  'starts_at',
  'ends_at',
  'amount',
  'interval',
  'interval_count',
  'quantity',
  'currency',
  'tier',
  'region',
];

function fxRates(rows: string[][]): FxRates {
  const reader = createFxRatesReader(['date', 'currency', 'rate'], { reportingCurrency: 'USD' });
  for (const [i, row] of rows.entries()) reader.add(row, i + 2, []);
  return reader.finish();
}

function read(
  row: string[],
  options: { header?: string[]; fx?: FxRates; timeZone?: string } = {},
): { row: SubscriptionRow | undefined; issues: RowIssue[] } {
  const header = options.header ?? HEADER;
  const mapping = mapSubscriptionColumns(header);
  const reader = createSubscriptionRowReader({
    mapping,
    zone: options.timeZone ? createTimeZoneOffsets(options.timeZone) : utc,
    currency: 'USD',
    fileName: 's.csv',
    segmentColumns: new Map(
      [['region', header.indexOf('region')]].filter(([, c]) => (c as number) >= 0) as [string, number][],
    ),
    ...(options.fx ? { fx: options.fx } : {}),
  });
  const issues: RowIssue[] = [];
  return { row: reader(row, 7, 0, issues), issues };
}

const line = (changes: Partial<Record<string, string>>) =>
  HEADER.map(
    (name) =>
      changes[name] ??
      { customer_id: 'A', subscription_id: 'a1', plan_id: 'basic', starts_at: '2024-01-05', amount: '10.00' }[
        name
      ] ??
      '',
  );

const mrrOf = (row: SubscriptionRow) => monthlyAmount(row.units, row.interval, row.intervalCount, row.rate);

describe('monthlyAmount', () => {
  it('divides by the months of each interval times interval_count, exactly', () => {
    const unit = 10_000;
    expect(monthlyAmount(1200 * unit, 'year', 1, rational(1n))).toEqual(rational(100n));
    expect(monthlyAmount(30 * unit, 'quarter', 1, rational(1n))).toEqual(rational(10n));
    expect(monthlyAmount(30 * unit, 'month', 3, rational(1n))).toEqual(rational(10n));
    expect(monthlyAmount(52 * unit, 'week', 1, rational(1n))).toEqual(rational(52n * 52n, 12n));
    expect(monthlyAmount(1 * unit, 'day', 1, rational(1n))).toEqual(rational(365n, 12n));
    expect(monthlyAmount(100 * unit, 'year', 2, rational(11n, 10n))).toEqual(rational(110n, 24n));
  });
});

describe('createSubscriptionRowReader', () => {
  it('reads a states row: MRR exact, defaults month, count 1, quantity 1, reporting currency', () => {
    const { row, issues } = read(line({ ends_at: '2024-03-10', region: 'EU' }));
    expect(issues).toEqual([]);
    expect(row).toMatchObject({
      customerId: 'A',
      subscriptionId: 'a1',
      planId: 'basic',
      at: Date.UTC(2024, 0, 5),
      endsAt: Date.UTC(2024, 2, 10),
      units: 100_000,
      rate: rational(1n),
      currency: 'USD',
      interval: 'month',
      intervalCount: 1,
      quantity: 1,
      tier: null,
      dimensions: { region: 'EU' },
      line: 7,
    });
  });

  it('leaves a blank ends_at running and a blank region unknown', () => {
    const { row } = read(line({}));
    expect(row!.endsAt).toBe(Number.POSITIVE_INFINITY);
    expect(row!.dimensions).toEqual({ region: '(unknown)' });
  });

  it('reads a yearly 1,200.00 as 100 MRR, and interval names in any case', () => {
    expect(mrrOf(read(line({ amount: '1,200.00', interval: 'Year' })).row!)).toEqual(rational(100n));
  });

  it('reads dates at midnight in the report zone', () => {
    const { row } = read(line({ starts_at: '2024-03-31' }), { timeZone: 'Europe/Paris' });
    expect(row!.at).toBe(Date.UTC(2024, 2, 30, 23));
  });

  it('reads a wall time in a DST gap or overlap as purchases do', () => {
    // Paris skips 02:00-03:00 on 2024-03-31 (read with the offset before: +1) and repeats
    // 02:00-03:00 on 2024-10-27 (the earlier instant: +2).
    const gap = read(line({ starts_at: '2024-03-31T02:30:00' }), { timeZone: 'Europe/Paris' });
    expect(gap.row!.at).toBe(Date.UTC(2024, 2, 31, 1, 30));
    const overlap = read(line({ starts_at: '2024-10-27T02:30:00' }), { timeZone: 'Europe/Paris' });
    expect(overlap.row!.at).toBe(Date.UTC(2024, 9, 27, 0, 30));
  });

  it('converts at the rate on the start day in the report zone, not in UTC', () => {
    const fx = fxRates([
      ['2024-01-05', 'EUR', '1.1'],
      ['2024-01-06', 'EUR', '1.2'],
    ]);
    // 2024-01-05T23:30 in New York is 2024-01-06 in UTC: the New York day's rate applies.
    const { row } = read(line({ starts_at: '2024-01-05T23:30:00', currency: 'EUR' }), {
      fx,
      timeZone: 'America/New_York',
    });
    expect(row!.rate).toEqual(rational(11n, 10n));
  });

  it('converts at the rate on or before the start day and keeps the rate exact', () => {
    const fx = fxRates([
      ['2024-01-01', 'EUR', '1.1'],
      ['2024-01-06', 'EUR', '1.2'],
    ]);
    const { row } = read(line({ amount: '10.00', currency: 'eur' }), { fx });
    expect(row!.currency).toBe('EUR');
    expect(row!.rate).toEqual(rational(11n, 10n));
    expect(mrrOf(row!)).toEqual(rational(11n));
  });

  it('takes the currency an amount names when there is no currency column', () => {
    const fx = fxRates([['2024-01-01', 'EUR', '1.1']]);
    const { row } = read(line({ amount: '€10.00' }), { fx });
    expect(row!.currency).toBe('EUR');
  });

  it('rejects a currency without a rate on or before the start, naming the currency and date', () => {
    const fx = fxRates([['2024-01-06', 'EUR', '1.2']]);
    const { row, issues } = read(line({ currency: 'EUR' }), { fx });
    expect(row).toBeUndefined();
    expect(issues).toEqual([
      {
        file: 's.csv',
        line: 7,
        column: 10,
        columnName: 'currency',
        reason: 'no EUR rate into USD on or before 2024-01-05',
      },
    ]);
    expect(read(line({ currency: 'GBP' })).issues[0]!.reason).toBe(
      'no GBP rate into USD on or before 2024-01-05 (no rates file given)',
    );
  });

  it('rejects each bad cell with its column and reason, in column order', () => {
    const { row, issues } = read(
      line({
        customer_id: '',
        starts_at: '2024-02-01',
        ends_at: '2024-02-01',
        amount: '-5',
        interval: 'fortnight',
        interval_count: '0',
        quantity: '-1',
        tier: 'gold',
      }),
    );
    expect(row).toBeUndefined();
    expect(issues.map((i) => [i.column, i.reason])).toEqual([
      [1, 'customer_id is empty'],
      [5, 'ends_at "2024-02-01" is not after starts_at "2024-02-01"'],
      [6, 'amount "-5" is negative'],
      [7, 'interval "fortnight" is not one of day, week, month, quarter, year'],
      [8, 'interval_count "0" is not a whole number >= 1'],
      [9, 'quantity "-1" is negative'],
      [11, 'tier "gold" is not a whole number >= 0 (1 = entry level)'],
    ]);
  });

  it('rejects a fractional interval_count, a bad date and an empty plan', () => {
    const { issues } = read(line({ plan_id: '', starts_at: 'March', interval_count: '1.5' }));
    expect(issues.map((i) => [i.column, i.reason])).toEqual([
      [3, 'plan_id is empty'],
      [4, 'starts_at "March" is not an ISO 8601 date or date-time (e.g. 2024-03-07 or 2024-03-07T14:05:00Z)'],
      [8, 'interval_count "1.5" is not a whole number >= 1'],
    ]);
  });

  it('reads amounts and quantities as parseMoney and parseQuantityAs do (a fast path must not differ)', () => {
    const decimal = fc.stringMatching(/^[0-9]{0,6}(\.[0-9]{0,6})?$/);
    fc.assert(
      fc.property(decimal, fc.stringMatching(/^[0-9]{0,17}(\.[0-9]{0,2})?$/), (amount, quantity) => {
        const { row } = read(line({ amount, quantity }));
        const units = parseMoney(amount, 'point').units;
        const count = quantity === '' ? 1 : parseQuantityAs(quantity, 'point');
        if (amount === '' || Number.isNaN(units) || Number.isNaN(count)) expect(row).toBeUndefined();
        else expect(row).toMatchObject({ units, quantity: count });
      }),
    );
  });

  it('takes quantity 0 and a free plan at 0', () => {
    const { row } = read(line({ quantity: '0', amount: '0' }));
    expect(row).toMatchObject({ quantity: 0, units: 0 });
    expect(mrrOf(row!)).toEqual(rational(0n));
  });

  it('rejects a row of the wrong width', () => {
    const { issues } = read(['A', 'a1']);
    expect(issues[0]!.reason).toBe('expected 12 fields as in the header, found 2');
  });

  describe('events', () => {
    const EVENTS = ['customer_id', 'subscription_id', 'plan_id', 'event', 'effective_at', 'amount'];

    it('reads a change event', () => {
      const { row } = read(['A', 'a1', 'pro', 'Change', '2024-03-10', '30'], { header: EVENTS });
      expect(row).toMatchObject({
        event: 'change',
        at: Date.UTC(2024, 2, 10),
        endsAt: Number.NaN,
        units: 300_000,
      });
    });

    it('reads a cancel without plan or amount', () => {
      const { row, issues } = read(['A', 'a1', '', 'cancel', '2024-03-10', ''], { header: EVENTS });
      expect(issues).toEqual([]);
      expect(row).toMatchObject({ event: 'cancel', units: 0, planId: '' });
    });

    it('rejects an unknown event, naming the events', () => {
      const { issues } = read(['A', 'a1', 'pro', 'upgrade', '2024-03-10', '30'], { header: EVENTS });
      expect(issues.map((i) => [i.column, i.reason])).toEqual([
        [4, 'event "upgrade" is not one of start, change, reactivate, resume, cancel, pause'],
      ]);
    });

    it('rejects a start without an amount', () => {
      const { issues } = read(['A', 'a1', 'pro', 'start', '2024-03-10', ''], { header: EVENTS });
      expect(issues.map((i) => [i.column, i.reason])).toEqual([[6, 'amount is empty']]);
    });
  });
});

describe('createSubscriptionRowReader: rows read one after another', () => {
  it('reads each row as a reader of that row alone does, whatever rows came before', () => {
    const fx = fxRates([['2024-01-01', 'EUR', '1.10']]);
    const cell = (values: string[]) => fc.constantFrom(...values);
    const row = fc.record({
      currency: cell(['', 'USD', 'usd', 'EUR', 'eur', 'EURO', 'E1', 'GBP']),
      interval: cell(['', 'month', 'Month', 'YEAR', 'fortnight', 'week']),
      interval_count: cell(['', '1', '3', '0', '1.0']),
      quantity: cell(['', '2', '02', '-1', '1.5', 'x']),
      tier: cell(['', '1', '12', 'a']),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 12 }), (changes) => {
        const reader = createSubscriptionRowReader({
          mapping: mapSubscriptionColumns(HEADER),
          zone: utc,
          currency: 'USD',
          fileName: 's.csv',
          segmentColumns: new Map([['region', HEADER.indexOf('region')]]),
          fx,
        });
        for (const change of changes) {
          const issues: RowIssue[] = [];
          const together = { row: reader(line(change), 7, 0, issues), issues };
          expect(together).toEqual(read(line(change), { fx }));
        }
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});
