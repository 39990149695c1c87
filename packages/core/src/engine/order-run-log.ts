/** 32-bit FNV-1a of a string's UTF-16 code units. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const HASH_SPAN = 2 ** 32;
// Customers per block: block-local customer number times 2^32 plus the hash stays an exact double.
const BLOCK = 2 ** 21;

/**
 * Remembers each (customer, order id) run the streaming engine started, 8 bytes a run, and finds
 * afterwards whether an order id came back after another order of the same customer (its lines
 * were not together in time). Ids are compared by a 32-bit fingerprint: a false match only sends
 * the input to the sorted replay, which is exact, so no number depends on the fingerprint.
 *
 * Each run is one double, customer times 2^32 plus fingerprint, kept per block of 2^21 customers
 * so that it stays exact; checking sorts those arrays in place, once, at the end, which costs far
 * less than looking the id up at every new order.
 *
 * @example
 * const log = createOrderRunLog();
 * log.add(0, 'o1'); log.add(0, 'o2'); log.add(0, 'o1');
 * log.firstRepeat() // 0
 */
export function createOrderRunLog() {
  const blocks: { keys: Float64Array<ArrayBuffer>; size: number }[] = [];
  return {
    add(customer: number, orderId: string) {
      const b = Math.floor(customer / BLOCK);
      while (blocks.length <= b) blocks.push({ keys: new Float64Array(4096), size: 0 });
      const block = blocks[b]!;
      if (block.size === block.keys.length) {
        const grown = new Float64Array(Math.ceil(block.size * 1.5));
        grown.set(block.keys);
        block.keys = grown;
      }
      block.keys[block.size++] = (customer - b * BLOCK) * HASH_SPAN + fnv1a(orderId);
    },
    /** The index of a customer with a repeated order id, or -1. */
    firstRepeat(): number {
      for (let b = 0; b < blocks.length; b++) {
        const { keys, size } = blocks[b]!;
        const used = keys.subarray(0, size).sort();
        for (let i = 1; i < size; i++) {
          if (used[i] === used[i - 1]) return b * BLOCK + Math.floor(used[i]! / HASH_SPAN);
        }
      }
      return -1;
    },
  };
}
