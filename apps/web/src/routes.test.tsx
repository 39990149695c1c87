import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Routes } from './routes.tsx';
import { renderWithApi } from './testing/render-with-api.tsx';

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
});
