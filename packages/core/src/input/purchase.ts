import { z } from 'zod';
import { PURCHASE_KINDS } from './purchase-kind.ts';

/**
 * One purchase line as the engine sees it, after reading and checking a row. Times are UTC
 * milliseconds; amounts are integer units of 1/10,000 (see `AMOUNT_SCALE`).
 */
export const PurchaseSchema = z.object({
  customerId: z.string().min(1),
  purchasedAt: z.number().finite(),
  productId: z.string().min(1),
  /** Order id, or undefined: then lines with the same `purchasedAt` form the order. */
  orderId: z.string().min(1).optional(),
  /** Product family; '' when the input has none (one family). */
  family: z.string(),
  /** Tier rank (1 = entry), or NaN when unknown. */
  tier: z.number(),
  /** Line revenue in units of 1/10,000, or NaN when the input has no amount. */
  amount: z.number(),
  quantity: z.number().min(0),
  kind: z.enum(PURCHASE_KINDS).optional(),
  /** Values of the purchase columns the result is segmented by, in `by` order ('' for customer attributes). */
  segment: z.array(z.string()),
  /**
   * A reader's dense number for the customer id (0, 1, 2, ... in order of first sight), when it
   * has one; it spares the engine a lookup by string. The same id must always get the same key.
   */
  customerKey: z.number().int().min(0).optional(),
  /** Position in the input (file, then byte or row): breaks ties between orders at the same time. */
  position: z.number(),
  /** 1-based file index and line number, for drill-downs. */
  file: z.number().int(),
  line: z.number().int(),
});

export type Purchase = z.infer<typeof PurchaseSchema>;
