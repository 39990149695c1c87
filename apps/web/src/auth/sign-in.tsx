import { createUpsellClient, isUpsellClientError } from '@upsell/client';
import { type FormEvent, useEffect, useState } from 'react';
import type { Session } from './session.tsx';
import { tokenStorage } from './token-storage.ts';

type SignedIn = Omit<Session, 'signOut'>;

async function check(token: string): Promise<SignedIn> {
  const client = createUpsellClient({ url: window.location.origin, token });
  const me = await client.token.me.query();
  return { token, tokenId: me.id, name: me.name, role: me.role };
}

/** Sign in with an API token (the server prints the first admin token at its first start). */
export function SignIn({ onSignedIn }: { onSignedIn: (session: SignedIn) => void }) {
  const [token, setToken] = useState('');
  const [remember, setRemember] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  // A token kept from before signs in by itself.
  useEffect(() => {
    const kept = tokenStorage.read();
    if (!kept) return;
    setBusy(true);
    check(kept)
      .then(onSignedIn, () => tokenStorage.clear())
      .finally(() => setBusy(false));
  }, [onSignedIn]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const session = await check(token.trim());
      tokenStorage.write(session.token, remember);
      onSignedIn(session);
    } catch (caught) {
      setError(
        isUpsellClientError(caught) && caught.data?.code === 'UNAUTHORIZED'
          ? 'That token is not known or was revoked. Check it and try again.'
          : `Could not reach the server: ${(caught as Error).message}`,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <h1>Upsell</h1>
      <p>How many of your existing customers buy more, and why.</p>
      <form onSubmit={submit} aria-describedby={error ? 'sign-in-error' : undefined}>
        <label htmlFor="token">API token</label>
        <input
          id="token"
          type="password"
          autoComplete="current-password"
          value={token}
          onChange={(event) => setToken(event.target.value)}
          required
        />
        <label className="inline">
          <input type="checkbox" checked={remember} onChange={(event) => setRemember(event.target.checked)} />
          Stay signed in on this browser
        </label>
        <button type="submit" disabled={busy || token.trim() === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {error && (
          <p id="sign-in-error" role="alert" className="error">
            {error}
          </p>
        )}
      </form>
      <p className="hint">
        The server prints an admin token the first time it starts (<code>pnpm start</code>). An admin can
        create tokens for others under Tokens.
      </p>
    </main>
  );
}
