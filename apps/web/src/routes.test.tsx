import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Routes } from './routes.tsx';
import { apiError, renderWithApi } from './testing/render-with-api.tsx';

describe('Routes', () => {
  it('sends / to the datasets, replacing the history entry', async () => {
    renderWithApi(<Routes />, { path: '/', responses: { 'dataset.list': [] } });
    expect(await screen.findByRole('heading', { name: 'Datasets' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/datasets');
  });

  it('opens the upload of a file into an existing dataset', async () => {
    renderWithApi(<Routes />, {
      path: '/datasets/my%20shop/append',
      role: 'analyst',
      responses: { 'dataset.byId': (input: { id: string }) => ({ name: input.id, files: [] }) },
    });
    // The upload page loads lazily: its first import in a busy test run may take more than a second.
    expect(
      await screen.findByRole('heading', { name: 'Import a file into my shop' }, { timeout: 10_000 }),
    ).toBeInTheDocument();
  });

  it('says when nothing lives at a path', async () => {
    renderWithApi(<Routes />, { path: '/nowhere/at/all' });
    await waitFor(() => expect(screen.getByRole('heading', { name: 'No page here' })).toBeInTheDocument());
    expect(screen.getByRole('link', { name: 'Go to the datasets' })).toHaveAttribute('href', '/datasets');
  });

  it.each([
    ['dashboard', '/datasets/nope'],
    ['compare page', '/datasets/nope/compare'],
  ])('shows a not-found page with a way back for a missing dataset’s %s', async (_page, path) => {
    const { calls } = renderWithApi(<Routes />, {
      path,
      responses: { 'dataset.byId': apiError('NOT_FOUND', 'no dataset "nope"') },
    });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'No such dataset' }, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(screen.getByText(/There is no dataset named/)).toHaveTextContent('nope');
    expect(screen.getByRole('link', { name: 'Go to the datasets' })).toHaveAttribute('href', '/datasets');
    // One question for the gate and the page together.
    expect(calls.filter((call) => call.path === 'dataset.byId')).toHaveLength(1);
  });
});
