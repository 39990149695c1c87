import type { Purchase } from '../input/purchase.ts';

/**
 * Puts purchases in the order the streaming engine needs, whatever order they came in: by their
 * order's time (its earliest line), orders at the same time by where they first appear in the
 * input, and lines of one order by time and then input position. Used to replay input that
 * was not in time order; it costs memory for every line, unlike the streaming path, so it keeps
 * its own bookkeeping small: an order number per line, and a time and position per order.
 *
 * @example
 * for (const purchase of sortPurchases(lines)) engine.push(purchase);
 */
export function sortPurchases(purchases: readonly Purchase[]): Purchase[] {
  const count = purchases.length;
  // Orders of each customer, keyed by order id or, without one, by time.
  const ordersOf = new Map<string, Map<string | number, number>>();
  const lineOrder = new Int32Array(count);
  let orderTime = new Float64Array(Math.max(16, count >> 1));
  let orderPosition = new Float64Array(orderTime.length);
  let orders = 0;
  for (let i = 0; i < count; i++) {
    const p = purchases[i]!;
    let customerOrders = ordersOf.get(p.customerId);
    if (customerOrders === undefined) {
      customerOrders = new Map();
      ordersOf.set(p.customerId, customerOrders);
    }
    // Ids and times cannot collide: one is a string, the other a number.
    const key = p.orderId ?? p.purchasedAt;
    let order = customerOrders.get(key);
    if (order === undefined) {
      order = orders++;
      customerOrders.set(key, order);
      if (order === orderTime.length) {
        const time = new Float64Array(orderTime.length * 2);
        time.set(orderTime);
        orderTime = time;
        const position = new Float64Array(orderPosition.length * 2);
        position.set(orderPosition);
        orderPosition = position;
      }
      orderTime[order] = p.purchasedAt;
      orderPosition[order] = p.position;
    } else {
      if (p.purchasedAt < orderTime[order]!) orderTime[order] = p.purchasedAt;
      if (p.position < orderPosition[order]!) orderPosition[order] = p.position;
    }
    lineOrder[i] = order;
  }
  const index = new Int32Array(count);
  for (let i = 0; i < count; i++) index[i] = i;
  index.sort((a, b) => {
    const oa = lineOrder[a]!;
    const ob = lineOrder[b]!;
    const pa = purchases[a]!;
    const pb = purchases[b]!;
    return (
      orderTime[oa]! - orderTime[ob]! ||
      orderPosition[oa]! - orderPosition[ob]! ||
      pa.purchasedAt - pb.purchasedAt ||
      pa.position - pb.position
    );
  });
  return Array.from(index, (i) => purchases[i]!);
}
