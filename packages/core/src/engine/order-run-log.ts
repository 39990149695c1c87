/** 32-bit FNV-1a of a string's UTF-16 code units. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Remembers each (customer, order id) run the streaming engine started, 8 bytes a run, and finds
 * afterwards whether an order id came back after another order of the same customer (its lines
 * were not together in time). Ids are compared by a 32-bit fingerprint: a false match only sends
 * the input to the sorted replay, which is exact, so no number depends on the fingerprint.
 *
 * Checking once at the end, by sorting, costs far less than looking the id up at every new order.
 *
 * @example
 * const log = createOrderRunLog();
 * log.add(0, 'o1'); log.add(0, 'o2'); log.add(0, 'o1');
 * log.firstRepeat() // 0
 */
export function createOrderRunLog() {
  let customers = new Uint32Array(4096);
  let hashes = new Uint32Array(4096);
  let size = 0;
  return {
    add(customer: number, orderId: string) {
      if (size === customers.length) {
        const grownCustomers = new Uint32Array(size * 2);
        grownCustomers.set(customers);
        customers = grownCustomers;
        const grownHashes = new Uint32Array(size * 2);
        grownHashes.set(hashes);
        hashes = grownHashes;
      }
      customers[size] = customer;
      hashes[size] = fnv1a(orderId);
      size++;
    },
    /** The index of a customer with a repeated order id, or -1. */
    firstRepeat(): number {
      if (size < 2) return -1;
      let maxCustomer = 0;
      for (let i = 0; i < size; i++) if (customers[i]! > maxCustomer) maxCustomer = customers[i]!;
      // One exact double per run: customer in the high bits, as many fingerprint bits as fit in 53.
      const customerBits = Math.max(1, Math.ceil(Math.log2(maxCustomer + 1)));
      const hashBits = Math.min(32, 53 - customerBits);
      const shift = 2 ** hashBits;
      const drop = 32 - hashBits;
      const keys = new Float64Array(size);
      for (let i = 0; i < size; i++) keys[i] = customers[i]! * shift + (hashes[i]! >>> drop);
      keys.sort();
      for (let i = 1; i < size; i++) if (keys[i] === keys[i - 1]) return Math.floor(keys[i]! / shift);
      return -1;
    },
  };
}
