/**
 * Puts `prefix` before the subscription id (the second column) of every row of a subscription
 * sample. Every sample numbers a customer's subscriptions S1, S2, ...: appended as they are, they
 * would be the dataset's running subscriptions again and overlap them; prefixed, they are new
 * subscriptions of the same customers (add-ons, in the bridge an expansion).
 *
 * @example
 * prefixSubscriptionIds('customer_id,subscription_id\nC1,S1\n', 'A7-');
 * // 'customer_id,subscription_id\nC1,A7-S1\n'
 */
export function prefixSubscriptionIds(csv: string, prefix: string): string {
  if (!csv.startsWith('customer_id,subscription_id,')) {
    throw new Error(
      `prefixSubscriptionIds: the first columns are not customer_id,subscription_id: "${csv.slice(0, 80)}"`,
    );
  }
  const headerEnd = csv.indexOf('\n') + 1;
  if (headerEnd === 0) return csv;
  return csv.slice(0, headerEnd) + csv.slice(headerEnd).replace(/^([^,\n]*),(?=.)/gm, `$1,${prefix}`);
}
