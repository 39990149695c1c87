import { UpsellError } from '../errors.ts';
import type { Purchase } from '../input/purchase.ts';
import { createLineColumn } from './line-column.ts';
import { createLineShapes } from './line-shapes.ts';
import { createOrderIdCodes, type OrderIdCode } from './order-id-codes.ts';
import { createOrderNumbers } from './order-numbers.ts';
import { blankPurchase } from './refilled-purchase.ts';
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
   */
  replay(take: (purchase: Purchase) => void): void;
}

// Lines read per column at a time when giving them back: ten columns of 8 KiB, in the caches.
const BATCH = 1024;

/**
 * Every line of a replay in columns of numbers, where a copy of each purchase object took about
 * 300 bytes: the time as a double; the position, line number, amount and quantity as narrow as
 * their values allow (see `createLineColumn`); the shape (product, family, tier, kind, file and
 * segment values, see `createLineShapes`) and the order as numbers. An order keeps its customer
 * and its id, the id as numbers (see `createOrderIdCodes`); a line's order is numbered as it
 * comes, by its customer and its id, or its time when it has none, and is what the replay sorts
 * by (see `replayOrder`).
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
  const times = createLineColumn();
  const positions = createLineColumn({ based: true });
  const lineNumbers = createLineColumn({ based: true });
  const amounts = createLineColumn();
  const quantities = createLineColumn();
  const lineShapes = createLineShapes();
  const shapeNumbers = createLineColumn();
  const lineOrders = createLineColumn();

  // Customers as the engine tells them apart: a line with a key is its key's (a number from 0),
  // a line without one its id's among those without (a number from -1 down).
  const idOfKey: (string | undefined)[] = [];
  // Keys below the last one not met yet: the reader numbered an id whose rows were all rejected
  // so far (or another shard's). While there are some, a key below the last one is looked up.
  let keysToMeet = 0;
  const keylessCustomers = new Map<string, number>();
  const keylessIds: string[] = [];

  const orderIds = createOrderIdCodes();
  const orders = createOrderNumbers();
  const idCode: OrderIdCode = { head: 0, tail: 0 };
  let count = 0;
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

  /**
   * Gives lines `sequence[0..]` to `take`, as one purchase refilled for each. Each column is read
   * for a batch of lines in a loop of its own: the lines are spread over the columns' pages, and
   * a loop of reads that do not wait for each other lets the memory fetch many at once (reading
   * each line's fields in turn, between the engine's own work, waits for every fetch alone).
   */
  const give = (sequence: Int32Array, take: (purchase: Purchase) => void) => {
    const batch = Math.max(1, Math.min(BATCH, sequence.length));
    const column = () => new Float64Array(batch);
    const [order, customer, head, tail, time, position, lineNumber, amount, quantity, shape] = Array.from(
      { length: 10 },
      column,
    );
    const orderNumbers = new Int32Array(batch);
    // Per line of the batch: its customer's id and key, and its order id.
    const ids = new Array<string>(batch).fill('');
    const orderIdsOf = new Array<string | undefined>(batch).fill(undefined);
    const purchase = blankPurchase();
    const segment: string[] = [];
    const shapes = lineShapes.shapes;
    let lastOrder = -1;
    let orderId: string | undefined;
    for (let start = 0; start < sequence.length; start += batch) {
      const end = Math.min(sequence.length, start + batch);
      const size = end - start;
      lineOrders.gather(sequence, start, end, order!);
      for (let k = 0; k < size; k++) orderNumbers[k] = order![k]!;
      orders.customers.gather(orderNumbers, 0, size, customer!);
      orders.heads.gather(orderNumbers, 0, size, head!);
      orders.tails.gather(orderNumbers, 0, size, tail!);
      times.gather(sequence, start, end, time!);
      positions.gather(sequence, start, end, position!);
      lineNumbers.gather(sequence, start, end, lineNumber!);
      amounts.gather(sequence, start, end, amount!);
      quantities.gather(sequence, start, end, quantity!);
      shapeNumbers.gather(sequence, start, end, shape!);
      for (let k = 0; k < size; k++) {
        const c = customer![k]!;
        ids[k] = c >= 0 ? idOfKey[c]! : keylessIds[-1 - c]!;
      }
      // Lines of one order come together: their order id is one string, made once.
      for (let k = 0; k < size; k++) {
        if (orderNumbers[k] !== lastOrder) {
          lastOrder = orderNumbers[k]!;
          const h = head![k]!;
          orderId = h === 0 ? undefined : orderIds.decode(h - 1, tail![k]!);
        }
        orderIdsOf[k] = orderId;
      }
      for (let k = 0; k < size; k++) {
        const key = customer![k]!;
        const s = shapes[shape![k]!]!;
        purchase.customerId = ids[k]!;
        purchase.purchasedAt = time![k]!;
        purchase.productId = s.productId;
        purchase.family = s.family;
        purchase.tier = s.tier;
        purchase.amount = amount![k]!;
        purchase.quantity = quantity![k]!;
        const values = s.segment;
        if (segment.length !== values.length) segment.length = values.length;
        for (let v = 0; v < values.length; v++) segment[v] = values[v]!;
        purchase.segment = segment;
        purchase.position = position![k]!;
        purchase.file = s.file;
        purchase.line = lineNumber![k]!;
        purchase.orderId = orderIdsOf[k];
        purchase.kind = s.kind;
        purchase.customerKey = key < 0 ? undefined : key;
        take(purchase);
      }
    }
  };

  return {
    get count() {
      return count;
    },
    add(p) {
      if (replayed) throw new UpsellError('INVALID_ARGUMENT', 'add: the lines were replayed');
      const customer = customerOf(p);
      let head = 0;
      let tail = p.purchasedAt;
      if (p.orderId !== undefined) {
        orderIds.encode(p.orderId, idCode);
        head = idCode.head + 1;
        tail = idCode.tail;
      }
      lineOrders.push(orders.numberOf(customer, head, tail));
      times.push(p.purchasedAt);
      if (!(p.position > lastPosition)) positionsRise = false;
      lastPosition = p.position;
      positions.push(p.position);
      lineNumbers.push(p.line);
      amounts.push(p.amount);
      quantities.push(p.quantity);
      shapeNumbers.push(lineShapes.shapeOf(p));
      count++;
    },
    line(index) {
      if (!(Number.isInteger(index) && index >= 0 && index < count))
        throw new UpsellError('INVALID_ARGUMENT', `line: no line ${index}`);
      let copy: Purchase | undefined;
      give(Int32Array.of(index), (p) => {
        copy = { ...p, segment: [...p.segment] };
      });
      return copy!;
    },
    replay(take) {
      if (replayed) throw new UpsellError('INVALID_ARGUMENT', 'replay: the lines were replayed');
      replayed = true;
      orders.seal();
      const sequence = replayOrder({
        lines: count,
        orders: orders.count,
        lineOrders,
        times,
        positions,
        positionsRise,
      });
      give(sequence, take);
    },
  };
}
