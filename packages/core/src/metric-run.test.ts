import { describe, expect, it } from 'vitest';
import { customerShard } from './metric-run.ts';

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
