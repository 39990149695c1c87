import {
  type Purchase,
  type PurchaseFileSink,
  parsePurchaseKind,
  type RefilledPurchase,
  UNKNOWN_VALUE,
} from '@upsell/core';
import {
  blankPurchase,
  MAX_SHORT_ORDER_ID,
  parseAmountBytes,
  parseTimestampBytes,
  purchaseColumns,
} from '@upsell/core/internal';
import { fieldText, latin1Text, type RowView } from '@upsell/csv';
import { createByteInterner } from './byte-interner.ts';
import { PURCHASES_HELD } from './held-purchases.ts';
import { locateTrimmed, type TrimmedField, wholeNumberAt } from './trimmed-field.ts';

/** Builds the purchase of a checked row straight from its bytes, or says to take the string path. */
export type RowPurchaseReader = (
  row: RowView,
  customerId: string,
  customerKey: number | undefined,
) => RefilledPurchase | undefined;

/**
 * The byte-level twin of the core's purchase reader for the rows that are clean, which are
 * nearly all of them: timestamps, amounts, tiers and quantities are parsed from the bytes, and
 * low-cardinality texts (products, families, kinds, segment values) are decoded once each. A row
 * with anything to report gives undefined, and the caller hands it to the core's reader, which
 * words the issues, so both paths accept exactly the same rows (the tests hold them to it).
 *
 * @example
 * const read = createRowPurchaseReader(sink);
 * const purchase = read(row, 'C000042', 41) ?? slowPath(row);
 */
export function createRowPurchaseReader(sink: PurchaseFileSink): RowPurchaseReader | undefined {
  const { zone, file, catalog } = sink.reader;
  // Every date format reads ISO dates as ISO, so the byte parser of ISO serves them all (other
  // dates take the string path). Plain digits are the same number in either number format, but
  // with a decimal comma `1.234` is 1234: those amounts take the string path.
  const decimalPoint = sink.formats.number === 'point';
  // A catalog is looked up by the decoded product id: leave those files to the string path.
  if (catalog !== undefined) return undefined;
  const {
    timeCol,
    productCol,
    amountCol,
    quantityCol,
    tierCol,
    familyCol,
    kindCol,
    orderCol,
    segmentColumns,
  } = purchaseColumns(sink.reader);
  const values = createByteInterner();

  // The trimmed range of a field; `ascii` says whether it can be read from the bytes.
  let start = 0;
  let end = 0;
  let ascii = true;
  const field: TrimmedField = { start: 0, end: 0, ascii: true };
  const locate = (row: RowView, column: number) => {
    locateTrimmed(row, column, field);
    start = field.start;
    end = field.end;
    ascii = field.ascii;
  };
  // A short, repeated text: decoded once per distinct value.
  const textAt = (row: RowView, column: number): string => {
    locate(row, column);
    if (!ascii) return fieldText(row, column).trim();
    return values.textOf(row.buf, start, end);
  };
  const hasPoint = (buf: Uint8Array): boolean => {
    for (let k = start; k < end; k++) if (buf[k] === 46) return true;
    return false;
  };
  const kinds = new Map<string, Purchase['kind'] | null>();
  // PURCHASES_HELD purchase objects, refilled in turn: the run copies one if it keeps it (see
  // pushPurchase), and a caller may hold as many back (HeldPurchases) before it pushes them.
  const held = Array.from({ length: PURCHASES_HELD }, () =>
    blankPurchase(
      segmentColumns.map(() => ''),
      file,
    ),
  );
  let turn = 0;

  return (row, customerId, customerKey) => {
    if (customerId === '') return undefined;
    const purchase = held[turn]!;
    const segment = purchase.segment as string[];
    const buf = row.buf;
    locate(row, timeCol);
    const purchasedAt = ascii ? parseTimestampBytes(buf, start, end, zone) : Number.NaN;
    if (Number.isNaN(purchasedAt)) return undefined;
    const productId = textAt(row, productCol);
    if (productId === '') return undefined;
    let amount = Number.NaN;
    if (amountCol >= 0) {
      locate(row, amountCol);
      if (end > start) {
        amount = ascii && (decimalPoint || !hasPoint(buf)) ? parseAmountBytes(buf, start, end) : Number.NaN;
        if (Number.isNaN(amount)) return undefined;
      }
    }
    let quantity = 1;
    if (quantityCol >= 0) {
      locate(row, quantityCol);
      if (end > start) {
        quantity = ascii ? wholeNumberAt(buf, start, end) : Number.NaN;
        if (Number.isNaN(quantity)) return undefined;
      }
    }
    let tier = Number.NaN;
    if (tierCol >= 0) {
      locate(row, tierCol);
      if (end > start) {
        tier = ascii ? wholeNumberAt(buf, start, end) : Number.NaN;
        if (Number.isNaN(tier)) return undefined;
      }
    }
    let kind: Purchase['kind'];
    if (kindCol >= 0) {
      const text = textAt(row, kindCol);
      if (text !== '') {
        let known = kinds.get(text);
        if (known === undefined) {
          known = parsePurchaseKind(text) ?? null;
          kinds.set(text, known);
        }
        if (known === null) return undefined;
        kind = known;
      }
    }
    // An ASCII order id of up to 15 bytes is handed over as the words the engine compares, its
    // string made only if something reads it: a string a line cost about 7% of a 10M-line run.
    let orderId: string | undefined;
    let orderStart = -1;
    let orderEnd = -1;
    if (orderCol >= 0) {
      locate(row, orderCol);
      if (end > start) {
        if (!ascii) orderId = fieldText(row, orderCol).trim();
        else if (end - start <= MAX_SHORT_ORDER_ID) {
          orderStart = start;
          orderEnd = end;
        } else orderId = latin1Text(buf, start, end);
      }
    }
    for (let i = 0; i < segmentColumns.length; i++) {
      const column = segmentColumns[i]!;
      segment[i] = column >= 0 ? textAt(row, column) || UNKNOWN_VALUE : '';
    }
    purchase.customerId = customerId;
    purchase.purchasedAt = purchasedAt;
    purchase.productId = productId;
    purchase.family = familyCol >= 0 ? textAt(row, familyCol) : '';
    purchase.tier = tier;
    purchase.amount = amount;
    purchase.quantity = quantity;
    purchase.position = row.byteOffset;
    purchase.line = row.line;
    if (orderStart >= 0) purchase.setOrderIdBytes(buf, orderStart, orderEnd);
    else purchase.orderId = orderId;
    purchase.kind = kind;
    purchase.customerKey = customerKey;
    turn = (turn + 1) % PURCHASES_HELD;
    return purchase;
  };
}
