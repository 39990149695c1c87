import { describe, expect, it } from 'vitest';
import { mergePurchaseProfiles } from './input/purchase-profile.ts';
import { createMetricRun, customerShard } from './metric-run.ts';

describe('customerShard', () => {
  it('hashes the UTF-8 bytes, so a reader can shard rows from the bytes alone', () => {
    const fnvOfBytes = (bytes: Uint8Array) => {
      let hash = 0x811c9dc5;
      for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193);
      return hash >>> 0;
    };
    for (const id of ['C000042', 'kunde-ä', '顧客-7', 'emoji-🙂']) {
      expect(customerShard(id, 1_000_003)).toBe(fnvOfBytes(new TextEncoder().encode(id)) % 1_000_003);
    }
  });
});

describe('a sharded run', () => {
  it("takes a row of the wrong width by the id in its customer column, so readers can route it by that field's bytes", () => {
    const header = ['customer_id', 'purchased_at', 'product_id', 'tier'];
    // An id outside shard 0, where rows of the wrong width went before.
    const id = ['c1', 'c2', 'c3', 'c4'].find((c) => customerShard(c, 3) !== 0)!;
    const owner = customerShard(id, 3);
    for (let index = 0; index < 3; index++) {
      const issues: string[] = [];
      const run = createMetricRun({
        definition: { period: 'month' },
        shard: { index, count: 3 },
        onIssue: (issue) => issues.push(`${issue.line}: ${issue.reason}`),
      });
      const file = run.addFile(header);
      file.push([id, '2024-01-05', 'p', '1', 'extra'], 2, 2);
      file.push([id], 3, 3);
      // Too short to have the column: shard 0's.
      file.push([], 4, 4);
      const { accounting } = run.finish();
      expect(accounting.rejected).toBe((index === owner ? 2 : 0) + (index === 0 ? 1 : 0));
      expect(issues.map((issue) => issue.split(':')[0])).toEqual([
        ...(index === owner ? ['2', '3'] : []),
        ...(index === 0 ? ['4'] : []),
      ]);
    }
  });
});

describe('the profile option', () => {
  it('gathers the time range, tiers and families of the accepted lines only', () => {
    const run = createMetricRun({ definition: { period: 'month' }, profile: true });
    const file = run.addFile(['customer_id', 'purchased_at', 'product_id', 'family', 'tier']);
    file.push(['c1', '2024-01-05', 'p', 'basic', '1'], 2, 2);
    file.push(['c1', '2024-03-05', 'p', 'pro', '2'], 3, 3);
    file.push(['c2', 'not a date', 'p', 'ultra', '9'], 4, 4);
    file.push(['c2', '2024-02-01T10:00:00Z', 'p', 'pro', '3'], 5, 5);
    const profile = run.snapshot().profile!;
    expect(profile).toEqual({
      first: Date.UTC(2024, 0, 5),
      last: Date.UTC(2024, 2, 5),
      tiers: [1, 2, 3],
      families: ['basic', 'pro'],
      moreFamilies: false,
    });
  });

  it('merges profiles of several inputs, an empty one included', () => {
    const a = { first: 5, last: 9, tiers: [2], families: ['b'], moreFamilies: false };
    const empty = { first: null, last: null, tiers: [], families: [], moreFamilies: false };
    const b = { first: 1, last: 7, tiers: [1, 2], families: ['a', 'b'], moreFamilies: false };
    expect(mergePurchaseProfiles([a, empty, b])).toEqual({
      first: 1,
      last: 9,
      tiers: [1, 2],
      families: ['a', 'b'],
      moreFamilies: false,
    });
    expect(mergePurchaseProfiles([])).toEqual(empty);
  });
});

describe('a buffered run', () => {
  it('replays its lines sorted once: finish again gives the same counters, and takes no row after', () => {
    const run = createMetricRun({ definition: { period: 'month', rule: 'tier' }, order: 'buffer' });
    const file = run.addFile(['customer_id', 'purchased_at', 'product_id', 'tier']);
    // Out of time order: c1's tier 2 comes before its tier 1.
    file.push(['c1', '2024-02-05', 'pro', '2'], 2, 2);
    file.push(['c1', '2024-01-05', 'basic', '1'], 3, 3);
    const first = run.finish().counters;
    expect([first.customers, first.lines]).toEqual([1, 2]);
    expect(run.finish().counters).toEqual(first);
    expect(() => file.push(['c2', '2024-03-01', 'basic', '1'], 4, 4)).toThrow(/finished/);
    expect(run.finish().accounting).toEqual({ rows: 2, accepted: 2, rejected: 0 });
  });
});
