import { UpsellError } from '../errors.ts';
import type { Purchase } from '../input/purchase.ts';
import {
  createLineRecords,
  createRecordColumns,
  type LineRecord,
  type RecordColumns,
} from './line-records.ts';
import { createLineShapes } from './line-shapes.ts';
import { createOrderIdCodes, type OrderIdCode } from './order-id-codes.ts';
import { createOrderNumbers, type OrderKeyColumns } from './order-numbers.ts';
import { blankPurchase, RefilledPurchase } from './refilled-purchase.ts';
import { replayOrder } from './replay-order.ts';

/** The lines of a replay, kept until every one has come; see {@link createReplayLines}. */
export interface ReplayLines {
  /** Lines kept. */
  readonly count: number;
  /** Keeps the purchase's values (not the object: a reader may refill it). */
  add(purchase: Purchase): void;
  /** Line `index` (in the order added), as a new purchase equal to the one added. */
  line(index: number): Purchase;
  /**
   * Gives every line to `take` in the order the streaming engine needs (see `replayOrder`),
   * as one purchase object refilled for each line: `take` must copy what it keeps. Once only.
   * With `prefetch` (`UpsellEngine.prefetch`), the customers of each batch of lines are given
   * to it before their lines go to `take`, so that the reads of their state wait together.
   */
  replay(
    take: (purchase: Purchase) => void,
    prefetch?: (customerKeys: Int32Array, count: number) => number,
  ): void;
  /** What the reads ahead gave (`prefetch`'s and the order table's), summed: of no use, but kept so that they are not left out. */
  readonly touched: number;
}

// Lines added whose orders are numbered at once.
const STAGED = 32;
// Lines whose customers are read ahead at once (see `UpsellEngine.prefetch`).
const AHEAD = 32;
// Lines given back per group: their fields in ten columns of at most 128 KiB, in the core's cache.
const GROUP_SHIFT = 14;
const GROUP = 1 << GROUP_SHIFT;

/** A group's lines, each field in a column of its own, by slot. */
interface GroupColumns extends RecordColumns, OrderKeyColumns {
  /** The order of line j of the group (in the group's input order). */
  orderIndices: Int32Array;
}

const groupColumns = (size: number): GroupColumns => ({
  ...createRecordColumns(size),
  customer: new Float64Array(size),
  head: new Float64Array(size),
  tail: new Float64Array(size),
  orderIndices: new Int32Array(size),
});

/**
 * Every line of a replay as a record of numbers, where a copy of each purchase object took about
 * 300 bytes: the time, amount, position, quantity and line number, the shape (product, family,
 * tier, kind, file and segment values, see `createLineShapes`) and the order as numbers, 48
 * bytes side by side (see `createLineRecords`). An order keeps its customer and its id, the id
 * as numbers (see `createOrderIdCodes`); a line's order is numbered as it comes, by its customer
 * and its id, or its time when it has none, and is what the replay sorts by (see `replayOrder`).
 *
 * Customers are told apart as the engine tells them: by the reader's key when a line has one
 * (keys number ids 0, 1, 2, ... as first met, so the key is the customer's number and a new one
 * is found without a lookup; a key skipped, for an id whose rows were rejected, is looked up
 * until met), else by id among the lines without a key. A reader gives an id a
 * key on every line or on none, so either way a customer is an id.
 *
 * @example
 * const lines = createReplayLines();
 * for (const purchase of purchases) lines.add(purchase);
 * lines.replay((purchase) => engine.push(purchase));
 */
export function createReplayLines(): ReplayLines {
  const records = createLineRecords();
  const record: LineRecord = { time: 0, amount: 0, position: 0, quantity: 0, line: 0, order: 0, shape: 0 };
  const lineShapes = createLineShapes();

  // Customers as the engine tells them apart: a line with a key is its key's (a number from 0),
  // a line without one its id's among those without (a number from -1 down).
  const idOfKey: (string | undefined)[] = [];
  // Keys below the last one not met yet: the reader numbered an id whose rows were all rejected
  // so far (or another shard's). While there are some, a key below the last one is looked up.
  let keysToMeet = 0;
  const keylessCustomers = new Map<string, number>();
  const keylessIds: string[] = [];
  // The id of a key, read by the engine for a customer's first line only (see RefilledPurchase).
  const idOfKeyText = (key: number): string => idOfKey[key]!;

  const orderIds = createOrderIdCodes();
  const lineWords = new Int32Array(4);
  const orders = createOrderNumbers();
  const idCode: OrderIdCode = { head: 0, tail: 0 };
  let count = 0;
  // The keys of the last lines added, whose orders are numbered together: each one's place in
  // the table, then the key found there, is read before any is numbered, so that those reads
  // wait for memory together.
  const stagedCustomers = new Float64Array(STAGED);
  const stagedHeads = new Float64Array(STAGED);
  const stagedTails = new Float64Array(STAGED);
  const stagedHashes = new Int32Array(STAGED);
  let staged = 0;
  const numberStaged = () => {
    for (let k = 0; k < staged; k++) replayLines.touched ^= orders.touch(stagedHashes[k]!);
    // Then the keys of the orders found there, which lines of known orders are checked against.
    for (let k = 0; k < staged; k++) replayLines.touched ^= orders.touchKey(stagedHashes[k]!);
    const first = count - staged;
    for (let k = 0; k < staged; k++) {
      const order = orders.numberOfHashed(
        stagedCustomers[k]!,
        stagedHeads[k]!,
        stagedTails[k]!,
        stagedHashes[k]!,
      );
      records.setOrder(first + k, order);
    }
    staged = 0;
  };
  let lastPosition = Number.NEGATIVE_INFINITY;
  let positionsRise = true;
  let replayed = false;

  // The line's customer: its key, or a number of its id among lines without a key.
  const customerOf = (p: Purchase): number => {
    const key = p.customerKey;
    if (key !== undefined) {
      // Keys are numbered 0, 1, 2, ... as first met: a key past the last one is new.
      if (key >= idOfKey.length) {
        keysToMeet += key - idOfKey.length;
        while (key > idOfKey.length) idOfKey.push(undefined);
        idOfKey.push(p.customerId);
      } else if (keysToMeet > 0 && idOfKey[key] === undefined) {
        idOfKey[key] = p.customerId;
        keysToMeet--;
      }
      return key;
    }
    let customer = keylessCustomers.get(p.customerId);
    if (customer === undefined) {
      customer = -1 - keylessIds.length;
      keylessIds.push(p.customerId);
      keylessCustomers.set(p.customerId, customer);
    }
    return customer;
  };

  const purchase = blankPurchase();
  const segment: string[] = [];
  let lastOrder = -1;
  let orderId: string | undefined;
  const orderBytes = new Uint8Array(16);
  let orderLength = -1;
  const keysAhead = new Int32Array(AHEAD);

  /**
   * Gives lines `lines[0..size)` to `take` in the order of their slots (line `lines[j]` is
   * `slots[j]`, slots 0 to `size - 1`), as one purchase refilled for each. Their records, then
   * their orders' keys, are read for all of them in a loop of their own: a loop of reads that do
   * not wait for each other lets the memory fetch many at once (reading each line's fields in
   * turn, between the engine's own work, waits for every fetch alone).
   */
  const give = (
    lines: Int32Array,
    slots: Int32Array,
    size: number,
    group: GroupColumns,
    take: (purchase: Purchase) => void,
    prefetch: ((customerKeys: Int32Array, count: number) => number) | undefined,
  ) => {
    const { order, customer, head, tail, time, position, line, amount, quantity, shape } = group;
    const { orderIndices } = group;
    records.gather(lines, slots, size, group);
    // The orders' keys are read in the lines' order too (`orderIndices[j]` is line j's order).
    for (let j = 0; j < size; j++) orderIndices[j] = order[slots[j]!]!;
    orders.gather(orderIndices, slots, size, group);
    const shapes = lineShapes.shapes;
    for (let k = 0; k < size; k++) {
      if (prefetch !== undefined && (k & (AHEAD - 1)) === 0) {
        const count = Math.min(AHEAD, size - k);
        // A line without a key (-1 and below) has none to read ahead.
        for (let j = 0; j < count; j++) keysAhead[j] = Math.max(-1, customer[k + j]!);
        replayLines.touched ^= prefetch(keysAhead, count);
      }
      // Lines of one order come together: their order id is decoded once, to its bytes when it
      // is short (the engine takes its words from them), else to its string.
      if (order[k] !== lastOrder) {
        lastOrder = order[k]!;
        const h = head[k]!;
        orderLength = h === 0 ? -1 : orderIds.decodeBytes(h - 1, tail[k]!, orderBytes);
        orderId = h === 0 || orderLength >= 0 ? undefined : orderIds.decode(h - 1, tail[k]!);
      }
      const key = customer[k]!;
      const s = shapes[shape[k]!]!;
      if (key >= 0) purchase.setCustomerKey(key, idOfKeyText);
      else {
        purchase.customerId = keylessIds[-1 - key]!;
        purchase.customerKey = undefined;
      }
      purchase.purchasedAt = time[k]!;
      purchase.productId = s.productId;
      purchase.family = s.family;
      purchase.tier = s.tier;
      purchase.amount = amount[k]!;
      purchase.quantity = quantity[k]!;
      const values = s.segment;
      if (segment.length !== values.length) segment.length = values.length;
      for (let v = 0; v < values.length; v++) segment[v] = values[v]!;
      purchase.segment = segment;
      purchase.position = position[k]!;
      purchase.file = s.file;
      purchase.line = line[k]!;
      if (orderLength >= 0) purchase.setOrderIdBytes(orderBytes, 0, orderLength);
      else purchase.orderId = orderId;
      purchase.kind = s.kind;
      take(purchase);
    }
  };

  /**
   * Gives every line in the order of `sequence` (line numbers, each once), a group of `GROUP`
   * places at a time. Reading the lines in that order would jump about the records, a fetch from
   * memory a line; so each group's lines are listed in input order (a counting pass over the
   * lines' places) and read in that order, front to back, into their slots, which stay in the
   * cache.
   */
  const giveInOrder = (
    sequence: Int32Array,
    take: (purchase: Purchase) => void,
    prefetch: ((customerKeys: Int32Array, count: number) => number) | undefined,
  ) => {
    const n = sequence.length;
    const placeOf = new Int32Array(n);
    for (let r = 0; r < n; r++) placeOf[sequence[r]!] = r;
    // Each group's lines in input order, over `sequence` (no longer needed): group g holds
    // places g * GROUP onwards, so its lines start there too.
    const filled = new Int32Array((n >> GROUP_SHIFT) + 1);
    const byGroup = sequence;
    for (let line = 0; line < n; line++) {
      const g = placeOf[line]! >> GROUP_SHIFT;
      byGroup[(g << GROUP_SHIFT) + filled[g]!++] = line;
    }
    const slots = new Int32Array(Math.min(GROUP, n));
    const group = groupColumns(slots.length);
    for (let start = 0; start < n; start += GROUP) {
      const size = Math.min(GROUP, n - start);
      const lines = byGroup.subarray(start, start + size);
      for (let j = 0; j < size; j++) slots[j] = placeOf[lines[j]!]! - start;
      give(lines, slots, size, group, take, prefetch);
    }
  };

  // Data only, no getter: see createOrderNumbers.
  const replayLines: { -readonly [K in keyof ReplayLines]: ReplayLines[K] } = {
    count: 0,
    touched: 0,
    add(p) {
      if (replayed) throw new UpsellError('INVALID_ARGUMENT', 'add: the lines were replayed');
      const customer = customerOf(p);
      let head = 0;
      let tail = p.purchasedAt;
      // An id a refilled purchase holds as words (short, from bytes) is encoded from them, its
      // string never made; any other is taken as its string.
      if (p instanceof RefilledPurchase && p.heldOrderIdWords(lineWords)) {
        orderIds.encodeWords(lineWords, idCode);
        head = idCode.head + 1;
        tail = idCode.tail;
      } else if (p.orderId !== undefined) {
        orderIds.encode(p.orderId, idCode);
        head = idCode.head + 1;
        tail = idCode.tail;
      }
      // The order is numbered with those of the lines staged with it (see numberStaged).
      const k = staged++;
      stagedCustomers[k] = customer;
      stagedHeads[k] = head;
      stagedTails[k] = tail;
      stagedHashes[k] = orders.hashOf(customer, head, tail);
      record.order = 0;
      record.time = p.purchasedAt;
      if (!(p.position > lastPosition)) positionsRise = false;
      lastPosition = p.position;
      record.position = p.position;
      record.line = p.line;
      record.amount = p.amount;
      record.quantity = p.quantity;
      record.shape = lineShapes.shapeOf(p);
      records.push(record);
      replayLines.count = ++count;
      if (staged === STAGED) numberStaged();
    },
    line(index) {
      if (!(Number.isInteger(index) && index >= 0 && index < count))
        throw new UpsellError('INVALID_ARGUMENT', `line: no line ${index}`);
      numberStaged();
      let copy: Purchase | undefined;
      lastOrder = -1;
      give(
        Int32Array.of(index),
        Int32Array.of(0),
        1,
        groupColumns(1),
        (p) => {
          copy = { ...p, segment: [...p.segment] };
        },
        undefined,
      );
      return copy!;
    },
    replay(take, prefetch) {
      if (replayed) throw new UpsellError('INVALID_ARGUMENT', 'replay: the lines were replayed');
      replayed = true;
      numberStaged();
      orders.seal();
      const sequence = replayOrder({
        lines: count,
        orders: orders.count,
        lineOrders: records.orders,
        times: records.times,
        positions: records.positions,
        positionsRise,
      });
      lastOrder = -1;
      giveInOrder(sequence, take, prefetch);
    },
  };
  return replayLines;
}
