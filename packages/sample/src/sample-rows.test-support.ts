import { generateSample } from './generate-sample.ts';
import { generateSampleCustomers } from './generate-sample-customers.ts';
import type { SampleOptions } from './sample-options.ts';

/** One purchase line of a sample, parsed. */
export interface SampleRow {
  orderId: string;
  customerId: string;
  purchasedAt: string;
  productId: string;
  family: string;
  tier: number;
  quantity: number;
  amount: string;
  channel: string;
}

/** The whole purchases text of a sample. */
export function sampleText(options: SampleOptions): string {
  return [...generateSample(options)].join('');
}

/** The whole customers text of a sample. */
export function sampleCustomersText(options: SampleOptions): string {
  return [...generateSampleCustomers(options)].join('');
}

/** The purchase lines of a sample (header dropped), split on commas. */
export function sampleRows(options: SampleOptions): SampleRow[] {
  const lines = sampleText(options).split('\n');
  return lines.slice(1, -1).map((line) => {
    const [orderId, customerId, purchasedAt, productId, family, tier, quantity, amount, channel] =
      line.split(',');
    return {
      orderId: orderId!,
      customerId: customerId!,
      purchasedAt: purchasedAt!,
      productId: productId!,
      family: family!,
      tier: Number(tier),
      quantity: Number(quantity),
      amount: amount!,
      channel: channel!,
    };
  });
}

/** What the tier rule of METRICS.md finds per customer, worked out the slow, obvious way. */
export interface CustomerShape {
  /** Channel of the first line of the initial order. */
  channel: string;
  orders: number;
  upsell: boolean;
  crossSell: boolean;
  downgrade: boolean;
}

/** Groups lines into orders per customer (input sorted by time) and applies the tier rule. */
export function customerShapes(rows: readonly SampleRow[]): Map<string, CustomerShape> {
  const orders = new Map<string, SampleRow[][]>();
  for (const row of rows) {
    const list = orders.get(row.customerId) ?? [];
    const last = list[list.length - 1];
    if (last && last[0]!.orderId === row.orderId) last.push(row);
    else list.push([row]);
    orders.set(row.customerId, list);
  }
  const shapes = new Map<string, CustomerShape>();
  for (const [customer, list] of orders) {
    const highest = new Map<string, number>();
    const held = new Map<string, number>();
    const shape: CustomerShape = {
      channel: list[0]![0]!.channel,
      orders: list.length,
      upsell: false,
      crossSell: false,
      downgrade: false,
    };
    list.forEach((order, index) => {
      for (const line of order) {
        if (index === 0) continue;
        const before = highest.get(line.family);
        if (before === undefined) shape.crossSell = true;
        else if (line.tier > before) shape.upsell = true;
        if (line.tier < (held.get(line.family) ?? 0)) shape.downgrade = true;
      }
      for (const line of order) {
        highest.set(line.family, Math.max(highest.get(line.family) ?? 0, line.tier));
        held.set(line.family, line.tier);
      }
    });
    shapes.set(customer, shape);
  }
  return shapes;
}
