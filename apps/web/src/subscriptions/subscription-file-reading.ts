import {
  isUpsellError,
  mapSubscriptionColumns,
  SUBSCRIPTION_SHAPES,
  type SubscriptionField,
  type SubscriptionShape,
} from '@upsell/core';

/** How the server will read a subscription file's header: its shape and each column's field. */
export interface SubscriptionFileReading {
  /** `states` (one row per state) or `events` (one row per change). */
  shape: SubscriptionShape | undefined;
  /** Per column: the subscription field read from it, or undefined (a dimension to segment by). */
  fields: (SubscriptionField | undefined)[];
  /** Why the file cannot be imported as it is (a required column missing, two candidates), in the core's words. */
  problem: string | undefined;
}

/**
 * Reads a subscription file's header as the import will, with the core's
 * `mapSubscriptionColumns` (no `map`: the columns are found by name and alias).
 *
 * @example
 * readSubscriptionHeader(['customer_id', 'subscription_id', 'plan_id', 'starts_at', 'amount', 'region'])
 * // { shape: 'states', fields: ['customer_id', 'subscription_id', 'plan_id', 'starts_at', 'amount', undefined], problem: undefined }
 */
export function readSubscriptionHeader(header: readonly string[]): SubscriptionFileReading {
  const fields: (SubscriptionField | undefined)[] = header.map(() => undefined);
  try {
    const mapping = mapSubscriptionColumns(header);
    for (const [field, index] of Object.entries(mapping.fields) as [SubscriptionField, number][]) {
      fields[index] = field;
    }
    return { shape: mapping.shape, fields, problem: undefined };
  } catch (error) {
    if (!isUpsellError(error)) throw error;
    const shape = error.details?.shape;
    return {
      shape: SUBSCRIPTION_SHAPES.find((known) => known === shape),
      fields,
      problem: error.message,
    };
  }
}
