import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RouterOutputs } from '@upsell/client';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTRPC } from '../api/trpc.ts';
import { type Session, useCan, useSession } from '../auth/session.tsx';
import { DangerRowButton } from '../ui/danger-row-button.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { formatMoment } from '../ui/format.ts';
import { HiddenColumnHeader } from '../ui/hidden-column-header.tsx';
import { ListQuery } from '../ui/list-query.tsx';
import { MutationConfirmDialog } from '../ui/mutation-confirm-dialog.tsx';
import { TableScroll } from '../ui/table-scroll.tsx';

type TokenRow = RouterOutputs['token']['list'][number];
type Role = Session['role'];

const ROLE_HINTS: Record<Role, string> = {
  viewer: 'viewer: reads datasets, metrics, definitions and targets',
  analyst: 'analyst: also uploads files and saves definitions',
  admin: 'admin: also deletes datasets, sets targets and manages tokens',
};

/** `/tokens` (admins): every API token; create one (shown once) or revoke one. */
export function TokensPage() {
  const isAdmin = useCan('admin');
  if (!isAdmin) {
    return (
      <section className="page">
        <h1>Tokens</h1>
        <p className="panel">Only admins manage tokens. Ask an admin for a token for someone else.</p>
      </section>
    );
  }
  return <TokensAdmin />;
}

function TokensAdmin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const session = useSession();
  const tokens = useQuery(trpc.token.list.queryOptions());
  const [revoking, setRevoking] = useState<TokenRow>();
  const own = (row: TokenRow) => row.id === session.tokenId;
  const lastAdmin = (rows: readonly TokenRow[]) => lastActiveAdmin(rows)?.id;
  const revoke = useMutation(
    trpc.token.revoke.mutationOptions({
      onSuccess: async (row) => {
        setRevoking(undefined);
        if (own(row)) session.signOut();
        else await queryClient.invalidateQueries(trpc.token.pathFilter());
      },
    }),
  );

  return (
    <section className="page">
      <h1>Tokens</h1>
      <p className="hint">
        Each person or program gets its own token, so one can be revoked without touching the others. Tokens
        are stored hashed: only the first 8 characters of a generated token are kept to tell them apart, and
        none of a token chosen by hand (UPSELL_ADMIN_TOKEN).
      </p>
      <CreateToken />
      <ListQuery query={tokens} what="tokens">
        {(rows) => (
          <>
            {lastAdmin(rows) === session.tokenId && (
              <p className="hint">
                You are signed in with the only admin token, so it cannot be revoked here: without an admin
                token nobody could manage tokens. Create another admin token first.
              </p>
            )}
            <TableScroll label="Tokens">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Role</th>
                    <th scope="col">Starts with</th>
                    <th scope="col">Created</th>
                    <th scope="col">Last used</th>
                    <th scope="col">Revoked</th>
                    <HiddenColumnHeader label="Actions" />
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.id} className={row.revokedAt ? 'revoked' : undefined}>
                      <th scope="row">
                        {row.name}
                        {own(row) && <span className="sub">you are signed in with it</span>}
                      </th>
                      <td>{row.role}</td>
                      <td>{row.prefix ? <code>{row.prefix}…</code> : 'chosen by hand (not shown)'}</td>
                      <td>{formatMoment(row.createdAt)}</td>
                      <td>{row.lastUsedAt ? formatMoment(row.lastUsedAt) : 'never'}</td>
                      <td>{row.revokedAt ? formatMoment(row.revokedAt) : 'no'}</td>
                      <td className="row-actions">
                        {row.revokedAt ? null : row.id === lastAdmin(rows) ? (
                          <span className="hint">Not revocable: the last admin token</span>
                        ) : (
                          <DangerRowButton
                            action="Revoke"
                            subject={row.name}
                            onClick={() => setRevoking(row)}
                          />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </>
        )}
      </ListQuery>
      {revoking && (
        <MutationConfirmDialog
          title={`Revoke the token “${revoking.name}”?`}
          confirmLabel="Revoke token"
          mutation={revoke}
          onConfirm={() => revoke.mutate({ id: revoking.id })}
          onClose={() => setRevoking(undefined)}
        >
          <p>
            Whoever uses{' '}
            {revoking.prefix ? (
              <>
                the token starting with <code>{revoking.prefix}</code>
              </>
            ) : (
              'this token'
            )}{' '}
            ({revoking.role}) is refused from now on. This cannot be undone: they need a new token.
          </p>
          {own(revoking) && (
            <p className="field-error">You are signed in with this token: revoking it signs you out.</p>
          )}
        </MutationConfirmDialog>
      )}
    </section>
  );
}

/**
 * The one admin token still active, when there is exactly one: the API refuses to revoke it
 * (nobody could manage tokens after), so the page offers no control for it.
 */
export function lastActiveAdmin(rows: readonly TokenRow[]): TokenRow | undefined {
  const admins = rows.filter((row) => row.role === 'admin' && !row.revokedAt);
  return admins.length === 1 ? admins[0] : undefined;
}

function CreateToken() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [copied, setCopied] = useState<'yes' | 'failed'>();
  const shown = useRef<HTMLInputElement>(null);
  const create = useMutation(
    trpc.token.create.mutationOptions({
      onSuccess: async () => {
        setName('');
        setCopied(undefined);
        await queryClient.invalidateQueries(trpc.token.pathFilter());
      },
    }),
  );
  const created = create.data;

  useEffect(() => {
    if (created) shown.current?.select();
  }, [created]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '' || create.isPending) return;
    create.mutate({ name: name.trim(), role });
  };

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.token);
      setCopied('yes');
    } catch {
      shown.current?.select();
      setCopied('failed');
    }
  };

  if (created) {
    return (
      <section className="panel new-token" aria-labelledby={`${id}-shown`}>
        <h2 id={`${id}-shown`}>
          Token for {created.row.name} ({created.row.role})
        </h2>
        <p className="warning">
          Copy it now: this is the only time it is shown. The server keeps only its hash; if it is lost,
          revoke it and create another.
        </p>
        <div className="token-line">
          <label htmlFor={`${id}-token`} className="visually-hidden">
            The new token
          </label>
          <input id={`${id}-token`} ref={shown} readOnly value={created.token} spellCheck={false} />
          <button type="button" onClick={() => void copy()}>
            Copy
          </button>
        </div>
        <p role="status" className={copied === 'failed' ? 'field-error' : 'ok'}>
          {copied === 'yes'
            ? 'Copied to the clipboard.'
            : copied === 'failed'
              ? 'The browser did not allow copying: the token is selected, copy it with Ctrl+C (⌘C).'
              : ''}
        </p>
        <button type="button" className="primary" onClick={() => create.reset()}>
          I have copied it: hide the token
        </button>
      </section>
    );
  }

  return (
    <form className="panel form-grid" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Create a token</h2>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name (who or what uses it)</label>
        <input
          id={`${id}-name`}
          value={name}
          maxLength={100}
          onChange={(event) => setName(event.target.value)}
          autoComplete="off"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-role`}>Role</label>
        <select id={`${id}-role`} value={role} onChange={(event) => setRole(event.target.value as Role)}>
          {(Object.keys(ROLE_HINTS) as Role[]).map((value) => (
            <option key={value} value={value}>
              {ROLE_HINTS[value]}
            </option>
          ))}
        </select>
      </div>
      {create.error && <ErrorPanel title="Could not create the token" error={create.error} />}
      <div className="actions wide">
        <button type="submit" className="primary" disabled={name.trim() === '' || create.isPending}>
          {create.isPending ? 'Creating…' : 'Create token'}
        </button>
      </div>
    </form>
  );
}
