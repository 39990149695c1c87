import { describe, expect, it } from 'vitest';
import { errorOf } from '../../test/helpers.ts';
import {
  detectDatasetKind,
  mapSubscriptionColumns,
  parseSubscriptionColumnMap,
  SUBSCRIPTION_FIELD_NAMES,
} from './subscription-columns.ts';

const STATES = ['customer_id', 'subscription_id', 'plan_id', 'starts_at', 'ends_at', 'amount'];
const EVENTS = ['customer_id', 'subscription_id', 'plan_id', 'event', 'effective_at', 'amount'];

describe('mapSubscriptionColumns', () => {
  it('reads a states header by the fields own names', () => {
    const mapping = mapSubscriptionColumns([
      ...STATES,
      'interval',
      'interval_count',
      'quantity',
      'currency',
      'tier',
      'family',
    ]);
    expect(mapping.shape).toBe('states');
    expect(mapping.fields).toEqual({
      customer_id: 0,
      subscription_id: 1,
      plan_id: 2,
      starts_at: 3,
      ends_at: 4,
      amount: 5,
      interval: 6,
      interval_count: 7,
      quantity: 8,
      currency: 9,
      tier: 10,
      family: 11,
    });
    expect(mapping.dimensions.size).toBe(0);
  });

  it('reads the spec aliases of the states shape, ignoring case, spaces and hyphens', () => {
    const mapping = mapSubscriptionColumns([
      'Client_ID',
      'Sub ID',
      'Price-ID',
      'Valid From',
      'Valid To',
      'Recurring Amount',
      'Billing Period',
      'Seats',
      'Product Line',
      'Region',
    ]);
    expect(mapping.shape).toBe('states');
    expect(mapping.fields).toEqual({
      customer_id: 0,
      subscription_id: 1,
      plan_id: 2,
      starts_at: 3,
      ends_at: 4,
      amount: 5,
      interval: 6,
      quantity: 7,
      family: 8,
    });
    expect([...mapping.dimensions]).toEqual([['Region', 9]]);
  });

  it('tells the events shape by its event column: type and date are event and effective_at', () => {
    const mapping = mapSubscriptionColumns(['customer', 'subscription', 'plan', 'type', 'date', 'price']);
    expect(mapping.shape).toBe('events');
    expect(mapping.fields).toEqual({
      customer_id: 0,
      subscription_id: 1,
      plan_id: 2,
      event: 3,
      effective_at: 4,
      amount: 5,
    });
  });

  it('keeps a type or date column of a states file as a dimension', () => {
    const mapping = mapSubscriptionColumns([...STATES, 'type', 'date']);
    expect(mapping.shape).toBe('states');
    expect([...mapping.dimensions]).toEqual([
      ['type', 6],
      ['date', 7],
    ]);
  });

  it('takes the shape from the map: an event mapped makes it events', () => {
    const mapping = mapSubscriptionColumns(
      ['customer_id', 'subscription_id', 'plan_id', 'starts_at', 'What', 'amount'],
      { event: 'What', effective_at: 'starts_at' },
    );
    expect(mapping.shape).toBe('events');
    expect(mapping.fields.event).toBe(4);
    expect(mapping.fields.effective_at).toBe(3);
  });

  it('lets an explicit map win over an alias', () => {
    const mapping = mapSubscriptionColumns(['Account', ...STATES], { customer_id: 'Account' });
    expect(mapping.fields.customer_id).toBe(0);
    expect([...mapping.dimensions]).toEqual([['customer_id', 1]]);
  });

  it('names the missing field, what it looked for and the file', () => {
    const error = errorOf(() =>
      mapSubscriptionColumns(
        ['customer_id', 'subscription_id', 'plan_id', 'starts_at'],
        {},
        { file: 's.csv' },
      ),
    );
    expect(error.code).toBe('MISSING_COLUMN');
    expect(error.message).toMatch(/^s\.csv: no amount column: looked for "amount", "price"/);
    expect(error.details).toMatchObject({ field: 'amount', file: 's.csv', shape: 'states' });
  });

  it('says that an events file needs event and effective_at when neither shape is complete', () => {
    const error = errorOf(() =>
      mapSubscriptionColumns(['customer_id', 'subscription_id', 'plan_id', 'amount']),
    );
    expect(error.code).toBe('MISSING_COLUMN');
    expect(error.details).toMatchObject({ field: 'starts_at' });
    expect(error.message).toContain('event and effective_at');
  });

  it('misses effective_at in an events file', () => {
    const error = errorOf(() =>
      mapSubscriptionColumns(['customer_id', 'subscription_id', 'plan_id', 'event', 'amount']),
    );
    expect(error.details).toMatchObject({ field: 'effective_at', shape: 'events' });
  });

  it('refuses two columns that could both be one field', () => {
    const error = errorOf(() => mapSubscriptionColumns([...STATES, 'seats', 'qty']));
    expect(error.code).toBe('AMBIGUOUS_COLUMN');
    expect(error.details).toMatchObject({ field: 'quantity', candidates: ['qty', 'seats'] });
  });

  it('refuses a mapped column the header lacks', () => {
    const error = errorOf(() => mapSubscriptionColumns(STATES, { plan_id: 'Item' }));
    expect(error.code).toBe('UNKNOWN_COLUMN');
    expect(error.details).toMatchObject({ field: 'plan_id', column: 'Item' });
  });

  it('refuses mapping fields of both shapes at once', () => {
    const error = errorOf(() =>
      mapSubscriptionColumns(EVENTS, { event: 'event', starts_at: 'effective_at' }),
    );
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('starts_at belongs to the states shape');
  });
});

describe('parseSubscriptionColumnMap', () => {
  it('reads field=Column entries', () => {
    expect(parseSubscriptionColumnMap(['subscription_id=Item', 'Starts At = Period Start'])).toEqual({
      subscription_id: 'Item',
      starts_at: 'Period Start',
    });
  });

  it('refuses an entry without = and an unknown field, listing the fields', () => {
    expect(errorOf(() => parseSubscriptionColumnMap(['plan'])).details).toEqual({ entry: 'plan' });
    const error = errorOf(() => parseSubscriptionColumnMap(['purchased_at=Date']));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.details).toMatchObject({ field: 'purchased_at', candidates: SUBSCRIPTION_FIELD_NAMES });
  });
});

describe('detectDatasetKind', () => {
  it('says subscriptions for a subscription_id column or an alias', () => {
    expect(detectDatasetKind(STATES)).toBe('subscriptions');
    expect(detectDatasetKind(['customer', 'Sub ID', 'date'])).toBe('subscriptions');
  });

  it('says purchases when the purchase columns are there', () => {
    expect(detectDatasetKind(['customer_id', 'purchased_at', 'product_id', 'tier'])).toBe('purchases');
  });

  it('says null when neither fits', () => {
    expect(detectDatasetKind(['name', 'email'])).toBeNull();
    expect(detectDatasetKind([])).toBeNull();
  });
});
