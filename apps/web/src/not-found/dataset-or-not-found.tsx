import { useQuery } from '@tanstack/react-query';
import { isUpsellClientError } from '@upsell/client';
import type { ReactNode } from 'react';
import { useTRPC } from '../api/trpc.ts';
import { NotFoundPage } from './not-found-page.tsx';

/**
 * A dataset's page (`children`), or a not-found page when the server says there is no dataset
 * of that name. The page renders at once and asks for the same `dataset.byId` query, which is
 * asked once for both; any other failure is the page's to show.
 *
 * @example
 * <DatasetOrNotFound name="shop"><DashboardPage name="shop" /></DatasetOrNotFound>
 */
export function DatasetOrNotFound({ name, children }: { name: string; children: ReactNode }) {
  const trpc = useTRPC();
  const dataset = useQuery(trpc.dataset.byId.queryOptions({ id: name }));
  const missing = isUpsellClientError(dataset.error) && dataset.error.data?.code === 'NOT_FOUND';
  if (!missing) return children;
  return (
    <NotFoundPage title="No such dataset">
      <p>
        There is no dataset named <strong>{name}</strong>. It may have been deleted or renamed, or the link
        has a typo.
      </p>
    </NotFoundPage>
  );
}
