/** Labels a source system may put on a purchase line (column `kind`). */
export const PURCHASE_KINDS = [
  'new',
  'upsell',
  'upgrade',
  'cross_sell',
  'add_on',
  'renewal',
  'repeat',
] as const;
export type PurchaseKind = (typeof PURCHASE_KINDS)[number];

const KIND_BY_TEXT = new Map<string, PurchaseKind>(PURCHASE_KINDS.map((kind) => [kind, kind]));

/**
 * Reads a kind label, forgiving case, spaces and hyphens (`Cross-sell` -> `cross_sell`).
 * Returns undefined for an unknown label.
 *
 * @example
 * parsePurchaseKind('Add-On') // 'add_on'
 */
export function parsePurchaseKind(text: string): PurchaseKind | undefined {
  return (
    KIND_BY_TEXT.get(
      text
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, '_'),
    ) ?? (text === 'crosssell' ? 'cross_sell' : undefined)
  );
}
