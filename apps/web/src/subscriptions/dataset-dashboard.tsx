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
  // `kind` arrives with the server's subscription datasets (issue 11); a summary without it is purchases.
  const kind = (dataset.data as { kind?: 'purchases' | 'subscriptions' } | undefined)?.kind;
  return kind === 'subscriptions' ? subscriptions : purchases;
}
