import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createUpsellClient } from '@upsell/client';
import { useMemo, useState } from 'react';
import { retryQuery, retryQueryDelay } from './api/query-retry.ts';
import { TRPCProvider } from './api/trpc.ts';
import { type Session, SessionProvider } from './auth/session.tsx';
import { SignIn } from './auth/sign-in.tsx';
import { tokenStorage } from './auth/token-storage.ts';
import { Layout } from './layout/layout.tsx';
import { Routes } from './routes.tsx';

/** Signed in or not; signed in, the API client carries the token. */
export function App() {
  const [signedIn, setSignedIn] = useState<Omit<Session, 'signOut'> | undefined>();
  const queryClient = useMemo(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            staleTime: 30_000,
            retry: retryQuery,
            retryDelay: retryQueryDelay,
            refetchOnWindowFocus: false,
          },
        },
      }),
    [],
  );
  const token = signedIn?.token;
  const trpcClient = useMemo(() => createUpsellClient({ url: window.location.origin, token }), [token]);
  const signOut = () => {
    tokenStorage.clear();
    queryClient.clear();
    setSignedIn(undefined);
  };
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {signedIn ? (
          <SessionProvider session={{ ...signedIn, signOut }}>
            <Layout>
              <Routes />
            </Layout>
          </SessionProvider>
        ) : (
          <SignIn onSignedIn={setSignedIn} />
        )}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
