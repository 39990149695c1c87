import { parseDateAs } from '../time/parse-date-as.ts';
import type { TimeZoneOffsets } from '../time/time-zone.ts';
import type { ColumnMapping } from './column-mapping.ts';
import { UNKNOWN_VALUE } from './customer-table.ts';
import { parseMoney, parseQuantityAs } from './parse-money.ts';
import type { ProductCatalog } from './product-catalog.ts';
import type { Purchase } from './purchase.ts';
import { PURCHASE_KINDS, parsePurchaseKind } from './purchase-kind.ts';
import type { RowIssue } from './row-issue.ts';
import { rowIssueAt, widthIssue } from './row-issue-at.ts';
import type { SegmentSource } from './segmentation.ts';
import { shortenText } from './shorten-text.ts';
import { DEFAULT_VALUE_FORMATS, type FileValueFormats } from './value-formats.ts';

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
  /** How the file writes dates and numbers (default ISO dates, decimal points, no currency). */
  formats?: FileValueFormats;
}

// What each date format looks like, for the message of a date it cannot read.
const DATE_EXAMPLES: Record<FileValueFormats['date'], string> = {
  iso: 'an ISO 8601 date or date-time (e.g. 2024-03-07 or 2024-03-07T14:05:00Z)',
  dmy: 'a day-first date (e.g. 07/03/2024 for 7 March 2024)',
  mdy: 'a month-first date (e.g. 03/07/2024 for 7 March 2024)',
  ymd: 'a year-first date (e.g. 2024/03/07 for 7 March 2024)',
  serial: 'a spreadsheet serial date (days since 1899-12-30 from 61 on, e.g. 45358 for 7 March 2024)',
};

const AMOUNT_EXAMPLES: Record<FileValueFormats['number'], string> = {
  point: 'a decimal point (e.g. 19.99 or 1,234.50)',
  comma: 'a decimal comma (e.g. 19,99 or 1.234,50)',
};

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
  const formats = options.formats ?? DEFAULT_VALUE_FORMATS;
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
    const purchasedAt = parseDateAs(timeText, formats.date, zone);
    if (Number.isNaN(purchasedAt)) {
      problem(
        timeCol,
        timeText === ''
          ? 'purchased_at is empty'
          : `purchased_at "${shortenText(timeText)}" is not ${DATE_EXAMPLES[formats.date]}`,
      );
    }
    const productId = fields[productCol]!.trim();
    if (productId === '') problem(productCol, 'product_id is empty');
    let amount = Number.NaN;
    if (amountCol >= 0) {
      const text = fields[amountCol]!.trim();
      // An empty amount is unknown, like an empty tier: no revenue, no unit price to compare.
      if (text !== '') {
        const money = parseMoney(text, formats.number);
        amount = money.units;
        if (money.negative) problem(amountCol, `amount "${shortenText(text)}" is negative`);
        else if (Number.isNaN(amount)) {
          problem(
            amountCol,
            `amount "${shortenText(text)}" is not a decimal number >= 0 with at most 4 decimals and ${AMOUNT_EXAMPLES[formats.number]}`,
          );
        } else if (money.currency !== undefined && money.currency !== formats.currency) {
          problem(
            amountCol,
            formats.currency === undefined
              ? `amount "${shortenText(text)}" is in ${money.currency}; this file's amounts name no currency`
              : `amount "${shortenText(text)}" is in ${money.currency}; this file's amounts are in ${formats.currency}`,
          );
        }
      }
    }
    let quantity = 1;
    if (quantityCol >= 0) {
      const text = fields[quantityCol]!.trim();
      if (text !== '') {
        quantity = parseQuantityAs(text, formats.number);
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
