import { formatCents } from './format-cents.ts';
import { planDays } from './plan-days.ts';
import { PurchaseSimulation } from './purchase-simulation.ts';
import { SAMPLE_CHANNELS, SAMPLE_PRODUCTS } from './sample-catalog.ts';
import { SAMPLE_COLUMNS } from './sample-columns.ts';
import { type ResolvedSampleOptions, resolveSampleOptions, type SampleOptions } from './sample-options.ts';
import { secondLabels } from './second-of-day.ts';

/** Characters per yielded chunk, roughly: big enough to amortise a write, small enough to stream. */
export const CHUNK_SIZE = 64 * 1024;

// Order ids count up from here so they keep one width up to 90 million orders.
const FIRST_ORDER_NUMBER = 10_000_001;

/**
 * `C000042`: the customers file uses the same ids.
 *
 * @example
 * customerId(41, 6) // 'C000042'
 */
export function customerId(index: number, width: number): string {
  return `C${String(index + 1).padStart(width, '0')}`;
}

/**
 * Digits in the customer ids of a sample with `customers` customers (at least 6).
 *
 * @example
 * customerIdWidth(1_250_000) // 7
 */
export function customerIdWidth(customers: number): number {
  return Math.max(6, String(customers).length);
}

function* purchaseChunks(options: ResolvedSampleOptions): Generator<string> {
  const plan = planDays(options);
  const simulation = new PurchaseSimulation(options, plan);
  const seconds = secondLabels();
  const products = SAMPLE_PRODUCTS.map((p) => `,${p.id},${p.family},${p.tier},`);
  const tails = SAMPLE_CHANNELS.map((channel) => `,${channel}\n`);
  const width = customerIdWidth(options.customers);
  const keys = new Float64Array(simulation.orderCustomer.length);
  const { orderCustomer, orderSecond, orderChannel, orderFirstLine, lineProduct, lineQuantity, lineCents } =
    simulation;
  let orderNumber = FIRST_ORDER_NUMBER;
  let chunk = `${SAMPLE_COLUMNS.join(',')}\n`;
  for (let day = 0; day < plan.lines.length; day++) {
    if (plan.lines[day] === 0) continue;
    const orders = simulation.simulateDay(day);
    // Sort by second, ties in decision order: one numeric sort over packed keys.
    for (let k = 0; k < orders; k++) keys[k] = orderSecond[k]! * orders + k;
    const sorted = keys.subarray(0, orders).sort();
    const date = plan.labels[day]!;
    for (let i = 0; i < orders; i++) {
      const k = sorted[i]! % orders;
      const head = `SO${orderNumber++},${customerId(orderCustomer[k]!, width)},${date}${seconds[orderSecond[k]!]}`;
      const tail = tails[orderChannel[k]!]!;
      const end = orderFirstLine[k + 1]!;
      for (let line = orderFirstLine[k]!; line < end; line++) {
        chunk +=
          head +
          products[lineProduct[line]!] +
          lineQuantity[line] +
          ',' +
          formatCents(lineCents[line]!) +
          tail;
      }
      if (chunk.length >= CHUNK_SIZE) {
        yield chunk;
        chunk = '';
      }
    }
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * Deterministic, realistic purchase lines as CSV text in chunks of about 64 KiB (header first,
 * LF line ends), sorted by `purchased_at`. Exactly `rows` lines; the same options give
 * byte-identical output. Columns are {@link SAMPLE_COLUMNS}.
 *
 * @example
 * const csv = [...generateSample({ rows: 1000, seed: 7 })].join('');
 * csv.split('\n')[1] // 'SO10000001,C000001,2023-01-04T14:25:39Z,SUP-T1-A,support,1,1,29.00,online'
 */
export function generateSample(options: SampleOptions): Generator<string> {
  return purchaseChunks(resolveSampleOptions(options, 'generateSample'));
}
