import { isUpsellError } from '@upsell/core';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database, Db } from './open-database.ts';
import { isStorageError } from './storage-error.ts';
import { deleteTarget, listTargets, segmentKey, setTarget } from './targets.ts';
import { testBackends } from './testing.ts';

describe('segmentKey', () => {
  it('spells a segment as its entries sorted by key', () => {
    expect(segmentKey({ region: 'EU', channel: 'online' })).toBe('[["channel","online"],["region","EU"]]');
    expect(segmentKey({})).toBe('[]');
  });

  it('does not depend on the order of the entries', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.string()), (segment) => {
        const reversed = Object.fromEntries(Object.entries(segment).reverse());
        expect(segmentKey(reversed)).toBe(segmentKey(segment));
      }),
    );
  });
});

describe.each(testBackends())('targets on $name', (backend) => {
  let database: Database;
  let db: Db;
  beforeEach(async () => {
    database = await backend.open();
    db = database.db;
  });
  afterEach(() => database.close());

  it('sets a target for all customers when no segment is given', async () => {
    const target = await setTarget(db, { metric: 'customer-upsell-rate', rate: 0.25 });
    expect(target).toEqual({
      id: expect.any(String),
      metric: 'customer-upsell-rate',
      segment: {},
      rate: 0.25,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
  });

  it('replaces the target of the same metric and segment, whatever the order of its entries', async () => {
    const first = await setTarget(db, {
      metric: 'customer-upsell-rate',
      segment: { region: 'EU', channel: 'online' },
      rate: 0.2,
    });
    const second = await setTarget(db, {
      metric: 'customer-upsell-rate',
      segment: { channel: 'online', region: 'EU' },
      rate: 0.3,
    });
    expect(second.id).toBe(first.id);
    expect(await listTargets(db)).toEqual([{ ...second, rate: 0.3 }]);
  });

  it('keeps targets of other metrics and segments apart, listed by metric then segment', async () => {
    await setTarget(db, { metric: 'purchase-upsell-rate', rate: 0.1 });
    await setTarget(db, { metric: 'customer-upsell-rate', segment: { channel: 'shop' }, rate: 0.2 });
    await setTarget(db, { metric: 'customer-upsell-rate', rate: 0.3 });
    expect((await listTargets(db)).map((t) => [t.metric, t.segment, t.rate])).toEqual([
      ['customer-upsell-rate', {}, 0.3],
      ['customer-upsell-rate', { channel: 'shop' }, 0.2],
      ['purchase-upsell-rate', {}, 0.1],
    ]);
    expect((await listTargets(db, { metric: 'purchase-upsell-rate' })).map((t) => t.rate)).toEqual([0.1]);
  });

  it('refuses a rate outside 0..1 with INVALID_ARGUMENT', async () => {
    for (const rate of [-0.01, 1.01, Number.NaN]) {
      const error = await setTarget(db, { metric: 'customer-upsell-rate', rate }).catch((e: unknown) => e);
      expect(isUpsellError(error, 'INVALID_ARGUMENT')).toBe(true);
    }
  });

  it('deletes a target, and refuses a missing one with NOT_FOUND', async () => {
    const target = await setTarget(db, { metric: 'customer-upsell-rate', rate: 0.25 });
    await deleteTarget(db, target.id);
    expect(await listTargets(db)).toEqual([]);
    for (const id of [target.id, 'nope']) {
      expect(isStorageError(await deleteTarget(db, id).catch((e: unknown) => e), 'NOT_FOUND')).toBe(true);
    }
  });
});
