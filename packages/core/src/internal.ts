/**
 * The second entry point, `@upsell/core/internal`: pieces of the core that the repository's own
 * packages need for their hot paths, and that are no part of the public API (`@upsell/core`).
 * `@upsell/ingest` reads purchase rows straight from the bytes of a file, without making a
 * string of each field: it takes the purchase reader's columns and the byte parsers of amounts
 * and timestamps from here. They may change with the readers that use them.
 */

// `@upsell/sql` resolves segments as a file run does and hands the core counters of the same shape.
export { CUSTOMER_CELL_SIZE, LINE_CELL_SIZE, segmentKey } from './engine/engine-counters.ts';
export { mixWords } from './engine/mix-words.ts';
export { MAX_SHORT_ORDER_ID } from './engine/order-id-words.ts';
export { blankPurchase, RefilledPurchase } from './engine/refilled-purchase.ts';
export { parseAmountBytes } from './input/parse-decimal.ts';
export {
  createPurchaseReader,
  type PurchaseReader,
  type PurchaseReaderOptions,
  purchaseColumns,
} from './input/purchase-reader.ts';
export { resolveSegmentation, type SegmentSource } from './input/segmentation.ts';
export { parseTimestampBytes } from './time/parse-timestamp.ts';
