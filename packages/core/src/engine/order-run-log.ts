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
// Customers per block (block-local customer number times 2^32 plus the hash must stay an exact
// double, below 2^21). Small blocks grow by small copies: one block for every customer held the
// whole log twice while it grew (8 bytes a run, 65 MiB at 10M lines), and once more to sort.
const BLOCK = 2 ** 16;

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
  // keys[0, sorted) is sorted and was checked; keys[sorted, size) came since the last check.
  const blocks: { keys: Float64Array<ArrayBuffer>; size: number; sorted: number }[] = [];
  return {
    add(customer: number, orderId: string) {
      this.addFingerprint(customer, fnv1a(orderId));
    },
    /** Adds a run by its order id's {@link fnv1a} fingerprint, when the caller has it already. */
    addFingerprint(customer: number, fingerprint: number) {
      const b = Math.floor(customer / BLOCK);
      while (blocks.length <= b) blocks.push({ keys: new Float64Array(1024), size: 0, sorted: 0 });
      const block = blocks[b]!;
      if (block.size === block.keys.length) {
        const grown = new Float64Array(Math.ceil(block.size * 1.5));
        grown.set(block.keys);
        block.keys = grown;
      }
      block.keys[block.size++] = (customer - b * BLOCK) * HASH_SPAN + fingerprint;
    },
    /**
     * The index of a customer with a repeated order id, or -1. Checking again after more runs
     * were added sorts only the new ones and merges them in (linear in the log, for the server's
     * appends), so it can be called any number of times.
     */
    firstRepeat(): number {
      for (let b = 0; b < blocks.length; b++) {
        const block = blocks[b]!;
        const { keys, size, sorted } = block;
        if (sorted === size) continue;
        if (sorted === 0) {
          // The first check (a command-line run's only one) sorts in place: no copy of the log.
          const all = keys.subarray(0, size).sort();
          block.sorted = size;
          for (let k = 1; k < size; k++)
            if (all[k] === all[k - 1]) return b * BLOCK + Math.floor(all[k]! / HASH_SPAN);
          continue;
        }
        const added = keys.subarray(sorted, size).sort();
        const fresh = added.slice();
        // Merge from the end: the sorted prefix and the new runs, watching for equal neighbours.
        let i = sorted - 1;
        let j = fresh.length - 1;
        let k = size - 1;
        let repeat = -1;
        while (j >= 0) {
          const take = i >= 0 && keys[i]! > fresh[j]! ? keys[i--]! : fresh[j--]!;
          keys[k] = take;
          if (k + 1 < size && keys[k + 1] === take && repeat < 0) repeat = Math.floor(take / HASH_SPAN);
          k--;
        }
        // The rest of the prefix is in place; its first element may equal the last merged one.
        if (repeat < 0 && k >= 0 && k + 1 < size && keys[k] === keys[k + 1])
          repeat = Math.floor(keys[k]! / HASH_SPAN);
        block.sorted = size;
        if (repeat >= 0) return b * BLOCK + repeat;
      }
      return -1;
    },
  };
}
