import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { useTRPC } from '../api/trpc.ts';
import { Loading } from '../ui/loading.tsx';

/** Props of {@link DatasetDashboard}. */
export interface DatasetDashboardProps {
  name: string;
  /** The purchase page (dashboard or compare): shown once the dataset says it holds purchases. */
  purchases: ReactNode;
  /** The subscription page (lazy: its code loads only for a subscription dataset). */
  subscriptions: ReactNode;
  /**
   * Starts loading the purchase page's code while the summary is on its way, so the page's
   * chunk and the summary travel at once and a purchase dashboard waits no longer than when it
   * asked for its numbers before the kind was known.
   */
  prefetch?: () => unknown;
}

/**
 * A dataset's page by its kind: a subscription dataset opens its own. Nothing of either page
 * renders until the summary names the kind, so neither asks for numbers the server would refuse
 * for the other kind (a purchase metric of a subscription dataset is a KIND_MISMATCH). If the
 * summary fails, the purchase page shows the failure with its retry (and asks for nothing more).
 *
 * @example
 * <DatasetDashboard name="saas" purchases={<DashboardPage name="saas" />} subscriptions={<SubscriptionDashboardPage name="saas" />} />
 */
export function DatasetDashboard({ name, purchases, subscriptions, prefetch }: DatasetDashboardProps) {
  const trpc = useTRPC();
  const dataset = useQuery(trpc.dataset.byId.queryOptions({ id: name }));
  useEffect(() => {
    prefetch?.();
  }, [prefetch]);
  if (dataset.isPending) return <Loading label={`Loading the dataset ${name}…`} />;
  return dataset.data?.kind === 'subscriptions' ? subscriptions : purchases;
}
