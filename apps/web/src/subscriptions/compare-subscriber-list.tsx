import type { SubscriptionCustomer } from '@upsell/core';
import { SubscriptionCustomerList } from './subscription-customer-list.tsx';

/** Props of {@link CompareSubscriberList}. */
export interface CompareSubscriberListProps {
  /** The subscribers one side counts and the other does not. */
  customers: readonly SubscriptionCustomer[];
  /** The same subscribers as the other side reads them (those eligible there). */
  other: readonly SubscriptionCustomer[];
  /** The side that counts them. */
  counted: 'A' | 'B';
  currency: string | null | undefined;
}

/**
 * The subscribers counted by one subscription upsell rate and not the other, each with their
 * MRR and movements in the period (the same under both: the rule decides which movements
 * qualify), and whether the other side has them eligible but not qualifying, or not eligible.
 */
export function CompareSubscriberList({ customers, other, counted, currency }: CompareSubscriberListProps) {
  const notCounted = counted === 'A' ? 'B' : 'A';
  const eligibleThere = new Set(other.map((c) => c.customerId));
  return (
    <SubscriptionCustomerList
      customers={customers}
      figure="qualifying"
      currency={currency}
      note={(customer) => (
        <span className="tag">
          {`counted by ${counted}, ${eligibleThere.has(customer.customerId) ? `not by ${notCounted}` : `not eligible under ${notCounted}`}`}
        </span>
      )}
    />
  );
}
