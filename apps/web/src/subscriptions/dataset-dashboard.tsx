import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTRPC } from '../api/trpc.ts';

/** Props of {@link DatasetDashboard}. */
export interface DatasetDashboardProps {
  name: string;
  /** The purchase dashboard: shown until the dataset says it is a subscription dataset. */
  purchases: ReactNode;
  /** The subscription dashboard (lazy: its code loads only for a subscription dataset). */
  subscriptions: ReactNode;
}

/**
 * A dataset's dashboard by its kind: a subscription dataset opens its own. The purchase
 * dashboard renders while the summary is on its way (it asks for its numbers in the same round
 * trip, which keeps a purchase dashboard within its 1 s), so nothing waits on the kind.
 *
 * @example
 * <DatasetDashboard name="saas" purchases={<DashboardPage name="saas" />} subscriptions={<SubscriptionDashboardPage name="saas" />} />
 */
export function DatasetDashboard({ name, purchases, subscriptions }: DatasetDashboardProps) {
  const trpc = useTRPC();
  const dataset = useQuery(trpc.dataset.byId.queryOptions({ id: name }));
  return dataset.data?.kind === 'subscriptions' ? subscriptions : purchases;
}
