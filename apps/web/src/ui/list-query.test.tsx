import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ListQuery, type ListQueryState } from './list-query.tsx';

const state = (over: Partial<ListQueryState<string>>): ListQueryState<string> => ({
  isPending: false,
  isError: false,
  error: null,
  data: [],
  refetch: vi.fn(),
  ...over,
});
const rows = (items: readonly string[]) => (
  <ul>
    {items.map((item) => (
      <li key={item}>{item}</li>
    ))}
  </ul>
);

describe('ListQuery', () => {
  it('says it is loading the list by name', () => {
    render(
      <ListQuery query={state({ isPending: true, data: undefined })} what="targets">
        {rows}
      </ListQuery>,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Loading the targets…');
  });

  it('shows the failure with a retry that refetches', async () => {
    const refetch = vi.fn();
    render(
      <ListQuery query={state({ isError: true, error: new Error('down'), refetch })} what="tokens">
        {rows}
      </ListQuery>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Could not load the tokens');
    await userEvent.click(screen.getByRole('button', { name: /try again/i }));
    expect(refetch).toHaveBeenCalled();
  });

  it('shows the empty state when given one, else the rows (even none)', () => {
    const { rerender } = render(
      <ListQuery
        query={state({})}
        what="datasets"
        empty={{ title: 'No datasets yet', body: <p>Upload one.</p> }}
      >
        {rows}
      </ListQuery>,
    );
    expect(screen.getByText('No datasets yet')).toBeInTheDocument();
    rerender(
      <ListQuery query={state({ data: ['a', 'b'] })} what="datasets">
        {rows}
      </ListQuery>,
    );
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['a', 'b']);
  });
});
