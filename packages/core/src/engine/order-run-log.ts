import { emptyObjects } from './empty-arrays.ts';
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

/** The first index in sorted keys[from, to) whose key is not below `key`. */
function lowerBound(keys: Float64Array, from: number, to: number, key: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// Scratch of sortRunKeys, kept between calls once a block is large enough to need it (the
// fingerprints grow to the largest block's new runs); nothing is allocated on import.
let bucketEnds: Int32Array | undefined;
let fingerprints = new Uint32Array(0);

/**
 * Sorts a block's run keys in place, as `keys.sort()` would: by customer, counted into buckets
 * (one pass to count, one to scatter the fingerprints), then by fingerprint within each bucket
 * (a customer has a few orders: insertion sort, or the typed array's sort past a few dozen). At
 * 850k runs of 65k customers it takes 26 ms where `keys.sort()` takes 60: checking the log at the
 * end of a run sorts every run once.
 *
 * @example
 * sortRunKeys(new Float64Array([2 ** 32 + 5, 7, 3])) // [3, 7, 2 ** 32 + 5]
 */
export function sortRunKeys(keys: Float64Array): void {
  const n = keys.length;
  if (n < 2048) {
    keys.sort();
    return;
  }
  if (bucketEnds === undefined) bucketEnds = new Int32Array(BLOCK + 1);
  else bucketEnds.fill(0);
  const ends = bucketEnds;
  let top = 0;
  for (let k = 0; k < n; k++) {
    const c = Math.floor(keys[k]! / HASH_SPAN);
    ends[c + 1]!++;
    if (c > top) top = c;
  }
  for (let c = 1; c <= top + 1; c++) ends[c]! += ends[c - 1]!;
  if (fingerprints.length < n) fingerprints = new Uint32Array(n);
  const fp = fingerprints;
  // ends[c] moves from the start of customer c's bucket to its end.
  for (let k = 0; k < n; k++) {
    const key = keys[k]!;
    const c = Math.floor(key / HASH_SPAN);
    fp[ends[c]!++] = key - c * HASH_SPAN;
  }
  for (let c = 0, start = 0; c <= top; c++) {
    const end = ends[c]!;
    if (end - start > 48) fp.subarray(start, end).sort();
    else {
      for (let i = start + 1; i < end; i++) {
        const v = fp[i]!;
        let j = i - 1;
        while (j >= start && fp[j]! > v) {
          fp[j + 1] = fp[j]!;
          j--;
        }
        fp[j + 1] = v;
      }
    }
    const base = c * HASH_SPAN;
    for (let i = start; i < end; i++) keys[i] = base + fp[i]!;
    start = end;
  }
}

/** A block's runs: keys[0, size), of which keys[ends[i - 1] ?? 0, ends[i]) are each sorted and checked. */
interface Block {
  keys: Float64Array<ArrayBuffer>;
  size: number;
  ends: number[];
}

/** Merges the block's last two sorted runs into one, in place, from the end. */
function mergeLastTwo(block: Block): void {
  const { keys, ends } = block;
  const end = ends.pop()!;
  const middle = ends[ends.length - 1]!;
  const from = ends.length > 1 ? ends[ends.length - 2]! : 0;
  const last = keys.slice(middle, end);
  let i = middle - 1;
  let j = last.length - 1;
  let k = end - 1;
  while (j >= 0) keys[k--] = i >= from && keys[i]! > last[j]! ? keys[i--]! : last[j--]!;
  ends[ends.length - 1] = end;
}

/**
 * Remembers each (customer, order id) run the streaming engine started, 8 bytes a run, and finds
 * afterwards whether an order id came back after another order of the same customer (its lines
 * were not together in time). Ids are compared by a 32-bit fingerprint: a false match only sends
 * the input to the sorted replay, which is exact, so no number depends on the fingerprint.
 *
 * Each run is one double, customer times 2^32 plus fingerprint, kept per block of 2^16 customers
 * so that it stays exact. Checking sorts the runs added since the last check, once, which costs
 * far less than looking the id up at every new order: a command-line run checks once, at the
 * end, sorting the log in place. The server checks after every append, so the runs of each check
 * stay a sorted run of their own, looked up by binary search, and the newest two are merged while
 * the older is at most twice the newer (as in a binary counter): a check costs about k log n for
 * k new runs in a log of n, where merging every check into one sorted log cost n (at 1M lines,
 * 6-50 ms of a 10k-line append, most of it in code the import never warmed).
 *
 * @example
 * const log = createOrderRunLog();
 * log.add(0, 'o1'); log.add(0, 'o2'); log.add(0, 'o1');
 * log.firstRepeat() // 0
 */
export function createOrderRunLog(): OrderRunLog {
  return new OrderRunLog();
}

/**
 * The log as a class (see {@link createOrderRunLog}): a worker makes one each pass, and one
 * class's methods are the same functions in every pass, so V8's code for them is made once.
 */
export class OrderRunLog {
  private readonly blocks: Block[] = emptyObjects();

  /**
   * Adds a run by its order id's {@link fnv1a}. A log takes all its runs one way: by this, or by
   * the fingerprints `orderIdWords` gives (the engine's), which differ for short ids.
   */
  add(customer: number, orderId: string) {
    this.addFingerprint(customer, fnv1a(orderId));
  }

  /**
   * Adds a run by its order id's fingerprint (`orderIdWords` gives it), when the caller has it
   * already (unsigned, or as a signed 32-bit number: a caller on the hot path keeps it signed,
   * as an unsigned one past 2^31 is a heap number each time it is passed or kept).
   */
  addFingerprint(customer: number, fingerprint: number) {
    const blocks = this.blocks;
    const b = Math.floor(customer / BLOCK);
    while (blocks.length <= b) blocks.push({ keys: new Float64Array(1024), size: 0, ends: [] });
    const block = blocks[b]!;
    if (block.size === block.keys.length) {
      const grown = new Float64Array(Math.ceil(block.size * 1.5));
      grown.set(block.keys);
      block.keys = grown;
    }
    block.keys[block.size++] = (customer - b * BLOCK) * HASH_SPAN + (fingerprint >>> 0);
  }

  /**
   * The index of a customer with a repeated order id, or -1. Checking again after more runs
   * were added checks only the new ones, so it can be called any number of times.
   */
  firstRepeat(): number {
    const blocks = this.blocks;
    for (let b = 0; b < blocks.length; b++) {
      const block = blocks[b]!;
      const { keys, size, ends } = block;
      const checked = ends.length > 0 ? ends[ends.length - 1]! : 0;
      if (checked === size) continue;
      const added = keys.subarray(checked, size);
      sortRunKeys(added);
      let repeat = -1;
      for (let k = 1; k < added.length && repeat < 0; k++) if (added[k] === added[k - 1]) repeat = added[k]!;
      // Each earlier run is searched from where the previous (smaller) key was found.
      for (let r = 0; r < ends.length && repeat < 0; r++) {
        const to = ends[r]!;
        let at = r > 0 ? ends[r - 1]! : 0;
        for (let k = 0; k < added.length; k++) {
          at = lowerBound(keys, at, to, added[k]!);
          if (at === to) break;
          if (keys[at] === added[k]) {
            repeat = added[k]!;
            break;
          }
        }
      }
      ends.push(size);
      while (ends.length >= 2) {
        const newer = ends[ends.length - 1]! - ends[ends.length - 2]!;
        const older = ends[ends.length - 2]! - (ends.length > 2 ? ends[ends.length - 3]! : 0);
        if (older > 2 * newer) break;
        mergeLastTwo(block);
      }
      if (repeat >= 0) return b * BLOCK + Math.floor(repeat / HASH_SPAN);
    }
    return -1;
  }

  /** How many sorted runs each block keeps (for tests: a few, however many checks). */
  runsPerBlock(): number[] {
    return this.blocks.map((block) => block.ends.length);
  }
}
