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

// Labels are compared without case, underscores, spaces or hyphens: `Cross-sell`, `crosssell`, `Up-sell`.
const squeeze = (text: string) => text.toLowerCase().replace(/[\s_-]+/g, '');
const KIND_BY_TEXT = new Map<string, PurchaseKind>(PURCHASE_KINDS.map((kind) => [squeeze(kind), kind]));

/**
 * Reads a kind label, forgiving case, spaces, underscores and hyphens (`Add-On` -> `add_on`).
 * Returns undefined for an unknown label.
 *
 * @example
 * parsePurchaseKind('Add-On') // 'add_on'
 */
export function parsePurchaseKind(text: string): PurchaseKind | undefined {
  return KIND_BY_TEXT.get(squeeze(text));
}
