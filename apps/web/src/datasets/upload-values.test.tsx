import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithApi } from '../testing/render-with-api.tsx';
import { UploadPage } from './upload-page.tsx';

const file = (lines: string[], name = 'orders.csv') =>
  new File([lines.join('\n')], name, { type: 'text/csv' });

async function chooseFile(chosen: File) {
  await userEvent.upload(screen.getByLabelText(/^Choose a CSV/), chosen);
  await screen.findByText('First values');
}

const readTable = () => screen.getByRole('region', { name: 'How the first rows are read' });
const uploadButton = () => screen.getByRole('button', { name: 'Upload and import' });

describe('the upload preview reads values, not just headers', () => {
  it('asks whether US-looking dates are day-first or month-first, then shows them as read', async () => {
    renderWithApi(<UploadPage />, { role: 'analyst', responses: { 'dataset.list': [] } });
    await chooseFile(
      file([
        'customer_id,purchased_at,product_id,amount',
        'c1,03/07/2024,basic,$10.00',
        'c2,04/08/2024 2:05 PM,pro,"$1,250.00"',
      ]),
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The dates in “purchased_at” can be read as day-first or month-first (e.g. 03/07/2024, 04/08/2024 2:05 PM): choose which one the file means.',
    );
    expect(screen.getByText('Choose how the file writes its dates.')).toBeInTheDocument();
    expect(uploadButton()).toBeDisabled();

    await userEvent.selectOptions(screen.getByLabelText('Dates'), 'mdy');
    const rows = within(readTable()).getAllByRole('row').slice(1);
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      ),
    ).toEqual([
      ['2', '7 Mar 2024', '$10.00', 'OK'],
      ['3', '8 Apr 2024, 14:05', '$1,250.00', 'OK'],
    ]);
    expect(screen.getByText(/Of the first 2 rows, 2 are read and 0 would be rejected/)).toBeInTheDocument();
    expect(uploadButton()).toBeEnabled();
  });

  it('sends the formats chosen in the form with the import, and none left to detection', async () => {
    const { calls } = renderWithApi(<UploadPage />, {
      role: 'analyst',
      responses: {
        'dataset.list': [],
        'dataset.upload': { uploadId: 'upload-1', bytes: 10, sha256: 'ab'.repeat(32) },
        'dataset.create': {},
        'dataset.import': () => new Promise(() => {}),
        'dataset.importProgress': [],
      },
    });
    await chooseFile(
      file([
        'customer_id,purchased_at,product_id,amount',
        'c1,03/07/2024,basic,10',
        'c2,04/08/2024,basic,10',
      ]),
    );
    await userEvent.selectOptions(screen.getByLabelText('Dates'), 'dmy');
    await userEvent.click(uploadButton());
    await waitFor(() => expect(calls.map((call) => call.path)).toContain('dataset.import'));
    const input = calls.find((call) => call.path === 'dataset.import')?.input;
    expect(input).toMatchObject({ dateFormat: 'dmy' });
    expect(input).not.toHaveProperty('numberFormat');
  });

  it('detects a European export and names what it found', async () => {
    renderWithApi(<UploadPage />, { role: 'analyst', responses: { 'dataset.list': [] } });
    await chooseFile(
      file([
        'customer_id;purchased_at;product_id;amount',
        'c1;25.12.2024;basic;1.234,50 EUR',
        'c2;3.1.2025;pro;12,50 EUR',
      ]),
    );
    expect(screen.getByLabelText('Dates')).toHaveDisplayValue('Detect from the file (day-first)');
    expect(screen.getByLabelText('Amounts')).toHaveDisplayValue('Detect from the file (decimal comma)');
    expect(screen.getByText('In EUR, as the amounts say.')).toBeInTheDocument();
    const cells = within(readTable())
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(cells).toEqual(['2', '25 Dec 2024', '€1,234.50', 'OK', '3', '3 Jan 2025', '€12.50', 'OK']);
  });

  it('counts the sample rows that would be rejected and asks before importing a file most of whose rows fail', async () => {
    const { calls } = renderWithApi(<UploadPage />, { role: 'analyst', responses: { 'dataset.list': [] } });
    await chooseFile(
      file([
        'customer_id,purchased_at,product_id,amount',
        'c1,2024-01-05,basic,10',
        'c2,yesterday,basic,10',
        'c3,tomorrow,basic,10',
      ]),
    );
    expect(screen.getByText(/Of the first 3 rows, 1 is read and 2 would be rejected/)).toBeInTheDocument();
    expect(screen.getByText(/“purchased_at”: 2 rows \(line 3: purchased_at "yesterday"/)).toBeInTheDocument();
    await waitFor(() => expect(uploadButton()).toBeEnabled());
    await userEvent.click(uploadButton());
    const dialog = await screen.findByRole('alertdialog', {
      name: 'Import a file most of whose rows would be rejected?',
    });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(calls.map((call) => call.path)).not.toContain('dataset.upload');

    await userEvent.click(uploadButton());
    const again = await screen.findByRole('alertdialog');
    await userEvent.click(within(again).getByRole('button', { name: 'Import anyway' }));
    await waitFor(() => expect(calls.map((call) => call.path)).toContain('dataset.upload'));
  });
});
