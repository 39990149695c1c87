import { parseTimestamp } from '../time/parse-timestamp.ts';
import type { TimeZoneOffsets } from '../time/time-zone.ts';
import type { ColumnMapping } from './column-mapping.ts';
import { UNKNOWN_VALUE } from './customer-table.ts';
import { parseAmount, parseQuantity } from './parse-decimal.ts';
import type { ProductCatalog } from './product-catalog.ts';
import type { Purchase } from './purchase.ts';
import { PURCHASE_KINDS, parsePurchaseKind } from './purchase-kind.ts';
import type { RowIssue } from './row-issue.ts';
import { rowIssueAt, widthIssue } from './row-issue-at.ts';
import type { SegmentSource } from './segmentation.ts';
import { shortenText } from './shorten-text.ts';

/** Options of {@link createPurchaseReader}. */
export interface PurchaseReaderOptions {
  mapping: ColumnMapping;
  segmentation: readonly SegmentSource[];
  zone: TimeZoneOffsets;
  /** 1-based index of the file among the inputs. */
  file: number;
  /** The file's name for issues. */
  fileName?: string;
  /** Tiers and families per product id, from a catalog; a non-empty `tier` or `family` cell wins over it. */
  catalog?: ProductCatalog;
}

/**
 * Where a reader finds each field of a purchase row: column indices, -1 for a field the file does
 * not have; `segmentColumns` has one per `by` dimension, -1 for a customer attribute.
 *
 * @example
 * purchaseColumns({ mapping, segmentation }).timeCol // 1
 */
export function purchaseColumns(options: Pick<PurchaseReaderOptions, 'mapping' | 'segmentation'>) {
  const f = options.mapping.fields;
  return {
    customerCol: f.customer_id!,
    timeCol: f.purchased_at!,
    productCol: f.product_id!,
    amountCol: f.amount ?? -1,
    quantityCol: f.quantity ?? -1,
    tierCol: f.tier ?? -1,
    familyCol: f.family ?? -1,
    kindCol: f.kind ?? -1,
    orderCol: f.order_id ?? -1,
    segmentColumns: options.segmentation.map((s) => (s.from === 'purchase' ? s.column : -1)),
  };
}

/** Turns the fields of one row into a {@link Purchase}, or reports every problem of the row. */
export type PurchaseReader = (
  fields: readonly string[],
  line: number,
  position: number,
  issues: RowIssue[],
) => Purchase | undefined;

/**
 * Builds the function that checks and converts rows of one purchase file. A row is either
 * returned as a purchase or yields one issue per bad cell (never both).
 *
 * @example
 * const read = createPurchaseReader({ mapping, segmentation: [], zone, file: 1 });
 * read(['c1', '2024-01-05', 'SKU-1'], 2, 2, issues) // { customerId: 'c1', ... }
 */
export function createPurchaseReader(options: PurchaseReaderOptions): PurchaseReader {
  const { mapping, zone, file, fileName, catalog } = options;
  const {
    customerCol,
    timeCol,
    productCol,
    amountCol,
    quantityCol,
    tierCol,
    familyCol,
    kindCol,
    orderCol,
    segmentColumns,
  } = purchaseColumns(options);

  return (fields, line, position, issues) => {
    const before = issues.length;
    const problem = (column: number, reason: string) => {
      issues.push(rowIssueAt(mapping.header, fileName, line, column, reason));
    };
    const width = widthIssue(mapping.header, fileName, fields, line);
    if (width !== undefined) {
      issues.push(width);
      return undefined;
    }
    const customerId = fields[customerCol]!.trim();
    if (customerId === '') problem(customerCol, 'customer_id is empty');
    const timeText = fields[timeCol]!.trim();
    const purchasedAt = parseTimestamp(timeText, zone);
    if (Number.isNaN(purchasedAt)) {
      problem(
        timeCol,
        timeText === ''
          ? 'purchased_at is empty'
          : `purchased_at "${shortenText(timeText)}" is not an ISO 8601 date or date-time (e.g. 2024-03-07 or 2024-03-07T14:05:00Z)`,
      );
    }
    const productId = fields[productCol]!.trim();
    if (productId === '') problem(productCol, 'product_id is empty');
    let amount = Number.NaN;
    if (amountCol >= 0) {
      const text = fields[amountCol]!.trim();
      // An empty amount is unknown, like an empty tier: no revenue, no unit price to compare.
      amount = text === '' ? Number.NaN : parseAmount(text);
      if (Number.isNaN(amount) && text !== '') {
        problem(
          amountCol,
          text.startsWith('-')
            ? `amount "${shortenText(text)}" is negative`
            : `amount "${shortenText(text)}" is not a decimal number >= 0 with at most 4 decimals and a dot (e.g. 19.99)`,
        );
      }
    }
    let quantity = 1;
    if (quantityCol >= 0) {
      const text = fields[quantityCol]!.trim();
      if (text !== '') {
        quantity = parseQuantity(text);
        if (Number.isNaN(quantity)) {
          problem(
            quantityCol,
            text.startsWith('-')
              ? `quantity "${shortenText(text)}" is negative`
              : `quantity "${shortenText(text)}" is not a number >= 0`,
          );
        }
      }
    }
    let tier = Number.NaN;
    if (tierCol >= 0) {
      const text = fields[tierCol]!.trim();
      if (text !== '') {
        tier = /^\d+$/.test(text) ? Number(text) : Number.NaN;
        if (Number.isNaN(tier))
          problem(tierCol, `tier "${shortenText(text)}" is not a whole number >= 0 (1 = entry level)`);
      }
    }
    if (Number.isNaN(tier) && catalog !== undefined) tier = catalog.tiers.get(productId) ?? Number.NaN;
    let kind: Purchase['kind'];
    if (kindCol >= 0) {
      const text = fields[kindCol]!.trim();
      if (text !== '') {
        kind = parsePurchaseKind(text);
        if (kind === undefined)
          problem(kindCol, `kind "${shortenText(text)}" is not one of ${PURCHASE_KINDS.join(', ')}`);
      }
    }
    if (issues.length > before) {
      const found = issues.splice(before).sort((a, b) => a.column - b.column);
      issues.push(...found);
      return undefined;
    }
    const orderId = orderCol >= 0 ? fields[orderCol]!.trim() : '';
    const purchase: Purchase = {
      customerId,
      purchasedAt,
      productId,
      family: (familyCol >= 0 ? fields[familyCol]!.trim() : '') || (catalog?.families.get(productId) ?? ''),
      tier,
      amount,
      quantity,
      segment: segmentColumns.map((column) => (column >= 0 ? fields[column]!.trim() || UNKNOWN_VALUE : '')),
      position,
      file,
      line,
    };
    if (orderId !== '') purchase.orderId = orderId;
    if (kind !== undefined) purchase.kind = kind;
    return purchase;
  };
}
