import type { Purchase } from '../input/purchase.ts';

/**
 * Puts purchases in the order the streaming engine needs, whatever order they came in: by their
 * order's time (its earliest line), orders at the same time by where they first appear in the
 * input, and lines of one order by time and then input position. Used to replay input that
 * was not in time order; it costs memory for every line, unlike the streaming path.
 *
 * @example
 * for (const purchase of sortPurchases(lines)) engine.push(purchase);
 */
export function sortPurchases(purchases: readonly Purchase[]): Purchase[] {
  const orderTime = new Map<string, number>();
  const orderPosition = new Map<string, number>();
  const keys = purchases.map((p) => {
    const key = `${p.customerId}\u0000${p.orderId === undefined ? `@${p.purchasedAt}` : `#${p.orderId}`}`;
    const time = orderTime.get(key);
    if (time === undefined || p.purchasedAt < time) orderTime.set(key, p.purchasedAt);
    const position = orderPosition.get(key);
    if (position === undefined || p.position < position) orderPosition.set(key, p.position);
    return key;
  });
  const index = purchases.map((_, i) => i);
  index.sort((a, b) => {
    const ka = keys[a]!;
    const kb = keys[b]!;
    const pa = purchases[a]!;
    const pb = purchases[b]!;
    return (
      orderTime.get(ka)! - orderTime.get(kb)! ||
      orderPosition.get(ka)! - orderPosition.get(kb)! ||
      pa.purchasedAt - pb.purchasedAt ||
      pa.position - pb.position
    );
  });
  return index.map((i) => purchases[i]!);
}
