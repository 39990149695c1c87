/**
 * The purchase header written by `generateSample`, in order.
 *
 * @example
 * SAMPLE_COLUMNS.join(',') // 'order_id,customer_id,purchased_at,product_id,family,tier,quantity,amount,channel'
 */
export const SAMPLE_COLUMNS: readonly string[] = Object.freeze([
  'order_id',
  'customer_id',
  'purchased_at',
  'product_id',
  'family',
  'tier',
  'quantity',
  'amount',
  'channel',
]);

/**
 * The customers-file header written by `generateSampleCustomers`, in order.
 *
 * @example
 * SAMPLE_CUSTOMER_COLUMNS.join(',') // 'customer_id,region,industry,size'
 */
export const SAMPLE_CUSTOMER_COLUMNS: readonly string[] = Object.freeze([
  'customer_id',
  'region',
  'industry',
  'size',
]);
