import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithApi } from '../testing/render-with-api.tsx';
import { ImportReport, type ImportResult } from './import-report.tsx';

const file: ImportResult['file'] = {
  id: 'file-1',
  kind: 'purchases',
  sequence: 2,
  version: 2,
  fileName: 'april.csv',
  format: 'csv',
  bytes: 1000,
  sha256: 'ab'.repeat(32),
  rows: 200,
  accepted: 80,
  rejected: 120,
  columns: [],
  createdAt: '2024-04-01T00:00:00.000Z',
};
const dataset: ImportResult['dataset'] = {
  id: 'id-shop',
  name: 'shop',
  version: 2,
  kind: 'purchases',
  createdAt: '2024-04-01T00:00:00.000Z',
  rows: 500,
  accepted: 380,
  rejected: 120,
  customers: 42,
  columns: [],
  dateRange: null,
  currency: null,
  tiers: [],
  families: [],
  dimensions: [],
  files: [],
};
const result: ImportResult = { duplicate: false, file, dataset, notes: [] };

const issue = (line: number) => ({
  fileId: 'file-1',
  file: 'april.csv',
  line,
  column: 4,
  columnName: 'Revenue',
  reason: `amount "x${line}" is not a decimal number`,
});

describe('ImportReport', () => {
  it('lists the rejected rows with line, column and reason, a page at a time', async () => {
    const { calls } = renderWithApi(<ImportReport result={result} />, {
      responses: {
        'dataset.errors': (input: { offset: number; limit: number }) => ({
          total: 120,
          rows: Array.from({ length: Math.min(input.limit, 120 - input.offset) }, (_, k) =>
            issue(input.offset + k + 2),
          ),
        }),
      },
    });
    expect(screen.getByText('Rejected').nextSibling).toHaveTextContent('120');
    const table = await screen.findByRole('table', { name: 'Rejected rows 1–50 of 120' });
    const first = within(table).getAllByRole('row')[1]!;
    expect(
      within(first)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['2', 'Revenue (4)', 'amount "x2" is not a decimal number']);
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('table', { name: 'Rejected rows 51–100 of 120' })).toBeInTheDocument();
    expect(screen.getByText('Page 2 of 3')).toBeInTheDocument();
    expect(calls.filter((call) => call.path === 'dataset.errors').map((call) => call.input)).toEqual([
      { id: 'id-shop', fileId: 'file-1', offset: 0, limit: 50 },
      { id: 'id-shop', fileId: 'file-1', offset: 50, limit: 50 },
    ]);
  });

  it('says a duplicate file changed nothing, and asks for no rejected rows when there are none', () => {
    const { calls } = renderWithApi(
      <ImportReport result={{ ...result, duplicate: true, file: { ...file, rejected: 0, accepted: 200 } }} />,
    );
    expect(screen.getByRole('heading', { name: 'Already imported' })).toBeInTheDocument();
    expect(screen.getByText(/nothing changed/)).toBeInTheDocument();
    expect(screen.getByText('Duplicate file').nextSibling).toHaveTextContent('yes');
    expect(calls).toEqual([]);
  });

  it("says what the dataset's description left out of the file", () => {
    const note = '100,001 dimension columns: the first 50 are listed (any column can still be segmented by)';
    renderWithApi(<ImportReport result={{ ...result, file: { ...file, rejected: 0 }, notes: [note] }} />);
    expect(
      screen.getByRole('heading', { name: "Left out of the dataset's description" }),
    ).toBeInTheDocument();
    expect(screen.getByText(note)).toBeInTheDocument();
  });
});
