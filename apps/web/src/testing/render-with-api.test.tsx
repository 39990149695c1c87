import { useMutation, useQuery } from '@tanstack/react-query';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { useTRPC } from '../api/trpc.ts';
import { useSession } from '../auth/session.tsx';
import { apiError, renderWithApi } from './render-with-api.tsx';

function Probe() {
  const trpc = useTRPC();
  const { role } = useSession();
  const list = useQuery(trpc.dataset.list.queryOptions());
  const me = useQuery(trpc.token.me.queryOptions());
  const create = useMutation(trpc.dataset.create.mutationOptions());
  return (
    <div>
      <p>role {role}</p>
      <p>{list.isSuccess ? `datasets ${list.data.map((d) => d.name).join(',')}` : ''}</p>
      <p>{me.isError ? `me failed: ${me.error.message}` : ''}</p>
      <button type="button" onClick={() => create.mutate({ name: 'shop' })}>
        create
      </button>
      <p>{create.isSuccess ? `created ${create.data.name}` : ''}</p>
      <p>{create.isError ? `create failed: ${create.error.message}` : ''}</p>
    </div>
  );
}

describe('renderWithApi', () => {
  it('answers queries and mutations from the map and records the calls', async () => {
    const { calls } = renderWithApi(<Probe />, {
      role: 'viewer',
      responses: {
        'dataset.list': [{ name: 'a' }, { name: 'b' }],
        'token.me': apiError('UNAUTHORIZED', 'revoked'),
        'dataset.create': (input: { name: string }) => ({ name: input.name }),
      },
    });
    expect(screen.getByText('role viewer')).toBeInTheDocument();
    expect(await screen.findByText('datasets a,b')).toBeInTheDocument();
    expect(await screen.findByText('me failed: revoked')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'create' }));
    expect(await screen.findByText('created shop')).toBeInTheDocument();
    expect(calls).toContainEqual({ path: 'dataset.create', input: { name: 'shop' } });
  });

  it('answers a procedure it has no response for with an error naming it', async () => {
    renderWithApi(<Probe />, { responses: { 'token.me': {} } });
    expect(await screen.findByRole('button', { name: 'create' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'create' }));
    expect(
      await screen.findByText('create failed: renderWithApi: no response for "dataset.create"'),
    ).toBeInTheDocument();
  });
});
