import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type RenderResult, render } from '@testing-library/react';
import { createUpsellClient } from '@upsell/client';
import type { ReactElement } from 'react';
import { TRPCProvider } from '../api/trpc.ts';
import { type Session, SessionProvider } from '../auth/session.tsx';
import { fakeFetch } from './fake-fetch.ts';
import type { FakeCall, FakeResponses } from './fake-responses.ts';
import { installFakeXhr } from './fake-xhr.ts';

export { apiError, type FakeCall, type FakeResponse, type FakeResponses } from './fake-responses.ts';

/** Options of {@link renderWithApi}. */
export interface RenderWithApiOptions {
  /** The signed-in role. Default: `admin`. */
  role?: Session['role'];
  /** What each procedure answers, by its path: a value, a function of the input, or {@link apiError}. */
  responses?: FakeResponses;
  /** The URL to start at (path and query). Default: `/`. */
  path?: string;
}

/** What {@link renderWithApi} returns: Testing Library's result, the calls made and the query client. */
export interface RenderWithApiResult extends RenderResult {
  /** Every procedure call, in order: `{ path: 'dataset.create', input: { name: 'shop' } }`. */
  calls: FakeCall[];
  queryClient: QueryClient;
}

/**
 * Renders `ui` signed in as `role`, with a real tRPC client whose `fetch` (and `XMLHttpRequest`,
 * for uploads) answers from `responses`. A procedure with no response answers an error that
 * names it, so a missing fake shows on the page.
 *
 * @example
 * const { calls } = renderWithApi(<DatasetsPage />, { role: 'viewer', responses: { 'dataset.list': [] } });
 * await screen.findByText(/no datasets yet/i);
 */
export function renderWithApi(ui: ReactElement, options: RenderWithApiOptions = {}): RenderWithApiResult {
  const role = options.role ?? 'admin';
  const responses = options.responses ?? {};
  const calls: FakeCall[] = [];
  window.history.replaceState(null, '', options.path ?? '/');
  installFakeXhr(responses, calls);
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: { retry: false, staleTime: Number.POSITIVE_INFINITY },
      mutations: { retry: false },
    },
  });
  const token = `test-${role}-token`;
  const trpcClient = createUpsellClient({
    url: window.location.origin,
    token,
    fetch: fakeFetch(responses, calls),
  });
  const session: Session = { token, tokenId: `${token}-id`, name: `test ${role}`, role, signOut: () => {} };
  const result = render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <SessionProvider session={session}>{ui}</SessionProvider>
      </TRPCProvider>
    </QueryClientProvider>,
  );
  return { ...result, calls, queryClient };
}
