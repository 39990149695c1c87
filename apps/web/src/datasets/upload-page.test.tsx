import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, renderWithApi } from '../testing/render-with-api.tsx';
import { UploadPage } from './upload-page.tsx';

const CSV = [
  'Client,Order Date,SKU,Revenue,Channel',
  'A,2024-01-05,basic,10.00,online',
  'B,2024-13-01,basic,10.00,shop',
  'A,2024-03-05,pro,20.00,online',
].join('\n');

const csvFile = (text = CSV, name = 'shop export.csv') => new File([text], name, { type: 'text/csv' });

const summary = (name: string) => ({
  id: `id-${name}`,
  name,
  version: 1,
  createdAt: '2024-04-01T00:00:00.000Z',
  rows: 3,
  accepted: 2,
  rejected: 1,
  customers: 1,
  columns: ['Client', 'Order Date', 'SKU', 'Revenue', 'Channel'],
  dateRange: { first: '2024-01-05T00:00:00.000Z', last: '2024-03-05T00:00:00.000Z' },
  tiers: [],
  families: [],
  dimensions: [],
  files: [],
});

const importResult = {
  duplicate: false,
  file: {
    id: 'file-1',
    kind: 'purchases',
    sequence: 1,
    version: 1,
    fileName: 'shop export.csv',
    format: 'csv',
    bytes: CSV.length,
    sha256: 'ab'.repeat(32),
    rows: 3,
    accepted: 2,
    rejected: 1,
    columns: [],
    createdAt: '2024-04-01T00:00:00.000Z',
  },
  dataset: summary('shop-export'),
  notes: [],
};

const columnSelect = (name: string) => screen.getByRole('combobox', { name: `Read column “${name}” as` });

async function chooseFile(file: File) {
  await userEvent.upload(screen.getByLabelText('Choose a CSV, NDJSON or Excel file'), file);
  await screen.findByText('First values');
}

describe('UploadPage', () => {
  it('previews the first rows with the field detected for each column', async () => {
    renderWithApi(<UploadPage />, { role: 'analyst', responses: { 'dataset.list': [] } });
    await chooseFile(csvFile());
    const rows = within(
      screen.getByRole('region', { name: 'Columns and the fields they are read as' }),
    ).getAllByRole('row');
    expect(rows.slice(1).map((row) => within(row).getAllByRole('cell')[1]?.textContent)).toEqual([
      'none',
      'purchased_at',
      'product_id',
      'amount',
      'none',
    ]);
    expect(columnSelect('Order Date')).toHaveValue('purchased_at');
    expect(columnSelect('Channel')).toHaveValue('');
    expect(
      screen.getByText(
        'No column is named customer_id or one of its aliases: choose the column that holds it.',
      ),
    ).toBeInTheDocument();
    const preview = screen.getByRole('region', { name: 'First rows of the file' });
    expect(within(preview).getAllByRole('row')).toHaveLength(4);
    expect(within(preview).getByText('2024-13-01')).toBeInTheDocument();
    expect(screen.getByLabelText('Dataset name')).toHaveValue('shop-export');
  });

  it('explains why a mapping cannot be imported, and accepts it once fixed', async () => {
    renderWithApi(<UploadPage />, { role: 'analyst', responses: { 'dataset.list': [] } });
    await chooseFile(csvFile());
    const submit = screen.getByRole('button', { name: 'Upload and import' });
    expect(submit).toBeDisabled();
    expect(screen.getByText('Choose the column that holds customer_id (required).')).toBeInTheDocument();

    await userEvent.selectOptions(columnSelect('Channel'), 'purchased_at');
    expect(columnSelect('Channel')).toHaveAccessibleDescription(
      'purchased_at is already read from “Order Date”: a field comes from one column only.',
    );
    expect(columnSelect('Channel')).toHaveAttribute('aria-invalid', 'true');

    await userEvent.selectOptions(columnSelect('Channel'), '');
    await userEvent.selectOptions(columnSelect('Client'), 'customer_id');
    expect(screen.queryByText(/Choose the column that holds/)).not.toBeInTheDocument();
    expect(columnSelect('Channel')).not.toHaveAttribute('aria-invalid');
    expect(submit).toBeEnabled();
  });

  it('refuses to leave out a column the server reads by its name', async () => {
    renderWithApi(<UploadPage />, { role: 'analyst', responses: { 'dataset.list': [] } });
    await chooseFile(csvFile(CSV.replace('Client', 'customer')));
    await userEvent.selectOptions(columnSelect('Revenue'), '');
    expect(columnSelect('Revenue')).toHaveAccessibleDescription(
      'The server reads “Revenue” as amount by its name: map it as amount, or rename the column in the file.',
    );
    expect(screen.getByRole('button', { name: 'Upload and import' })).toBeDisabled();
  });

  it('imports the sheet chosen from a workbook of several, read in the browser first', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Notes').addRows([['note'], ['read me']]);
    workbook.addWorksheet('Orders').addRows([
      ['Client ID', 'Order Date', 'SKU', 'Revenue'],
      ['A', new Date(Date.UTC(2024, 0, 5)), 'basic', 10],
      ['A', new Date(Date.UTC(2024, 2, 5)), 'pro', 20],
    ]);
    const file = new File([new Uint8Array(await workbook.xlsx.writeBuffer())], 'orders.xlsx');
    const { calls } = renderWithApi(<UploadPage />, {
      role: 'analyst',
      responses: {
        'dataset.list': [],
        'dataset.upload': { uploadId: 'upload-1', bytes: file.size, sha256: 'ab'.repeat(32) },
        'dataset.create': summary('orders'),
        'dataset.import': importResult,
        'dataset.importProgress': [],
        'dataset.errors': { total: 0, rows: [] },
      },
    });
    await chooseFile(file);
    const sheet = screen.getByRole('combobox', { name: 'Sheet' });
    expect(sheet).toHaveValue('Notes');
    await userEvent.selectOptions(sheet, 'Orders');
    await screen.findByRole('combobox', { name: 'Read column “Client ID” as' });
    expect(screen.getByText('2024-01-05')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Upload and import' }));
    await screen.findByRole('heading', { name: 'Import report' });
    expect(calls.find((call) => call.path === 'dataset.import')?.input).toMatchObject({
      fileName: 'orders.xlsx',
      format: 'xlsx',
      sheet: 'Orders',
    });
  });

  it('uploads the file, creates the dataset, imports with the chosen map and shows the report', async () => {
    const { calls } = renderWithApi(<UploadPage />, {
      role: 'analyst',
      responses: {
        'dataset.list': [],
        'dataset.upload': { uploadId: 'upload-1', bytes: CSV.length, sha256: 'ab'.repeat(32) },
        'dataset.create': summary('shop-export'),
        'dataset.import': importResult,
        'dataset.importProgress': [],
        'dataset.errors': {
          total: 1,
          rows: [
            {
              fileId: 'file-1',
              file: 'shop export.csv',
              line: 3,
              column: 2,
              columnName: 'Order Date',
              reason: 'purchased_at "2024-13-01" is not an ISO 8601 date',
            },
          ],
        },
      },
    });
    await chooseFile(csvFile());
    await userEvent.selectOptions(columnSelect('Client'), 'customer_id');
    await userEvent.click(screen.getByRole('button', { name: 'Upload and import' }));

    const report = await screen.findByRole('heading', { name: 'Import report' });
    await waitFor(() => expect(report).toHaveFocus());
    const upload = calls.find((call) => call.path === 'dataset.upload');
    expect(upload?.input).toBeInstanceOf(File);
    expect(upload?.headers).toEqual({
      'content-type': 'application/octet-stream',
      authorization: 'Bearer test-analyst-token',
    });
    expect(calls.find((call) => call.path === 'dataset.create')?.input).toEqual({ name: 'shop-export' });
    expect(calls.find((call) => call.path === 'dataset.import')?.input).toEqual({
      dataset: 'shop-export',
      uploadId: 'upload-1',
      fileName: 'shop export.csv',
      format: 'csv',
      map: { customer_id: 'Client', purchased_at: 'Order Date', product_id: 'SKU', amount: 'Revenue' },
    });
    const figures = screen.getByText('Rows read').closest('dl');
    expect(figures).toHaveTextContent('Rows read3Accepted2Rejected1Duplicate fileno');
    const rejected = await screen.findByRole('table', { name: /Rejected rows 1–1 of 1/ });
    const [, row] = within(rejected).getAllByRole('row');
    expect(
      within(row!)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['3', 'Order Date (2)', 'purchased_at "2024-13-01" is not an ISO 8601 date']);
    expect(calls.find((call) => call.path === 'dataset.errors')?.input).toEqual({
      id: 'id-shop-export',
      fileId: 'file-1',
      offset: 0,
      limit: 50,
    });
    expect(screen.getByRole('link', { name: 'Open the dashboard of shop-export' })).toHaveAttribute(
      'href',
      '/datasets/shop-export',
    );
  });

  it('shows the upload done and the server’s import progress while the import runs', async () => {
    let finish: (value: unknown) => void = () => {};
    renderWithApi(<UploadPage />, {
      role: 'analyst',
      responses: {
        'dataset.list': [],
        'dataset.upload': { uploadId: 'upload-5', bytes: 1, sha256: 'ab'.repeat(32) },
        'dataset.create': summary('shop'),
        'dataset.importProgress': [
          {
            importId: 'other',
            datasetId: 'x',
            fileName: 'x.csv',
            bytesRead: 1,
            bytesTotal: 2,
            rowsRead: 0,
            startedAt: '',
          },
          {
            importId: 'upload-5',
            datasetId: 'id-shop',
            fileName: 'shop.csv',
            bytesRead: 60,
            bytesTotal: 120,
            rowsRead: 0,
            startedAt: '',
          },
        ],
        'dataset.import': () => new Promise((resolve) => (finish = resolve)),
        'dataset.errors': { total: 0, rows: [] },
      },
    });
    await chooseFile(csvFile(CSV.replace('Client', 'customer'), 'shop.csv'));
    await userEvent.click(screen.getByRole('button', { name: 'Upload and import' }));
    const importing = await screen.findByRole('progressbar', { name: 'Importing shop.csv' });
    await waitFor(() => expect(importing).toHaveAttribute('value', '60'));
    expect(importing).toHaveAttribute('max', '120');
    const uploading = screen.getByRole('progressbar', { name: 'Uploading shop.csv' });
    expect(uploading.getAttribute('value')).toBe(uploading.getAttribute('max'));
    expect(screen.getByText(/^50% · reading and checking every row/)).toBeInTheDocument();
    finish({ ...importResult, file: { ...importResult.file, rejected: 0 } });
    await screen.findByRole('heading', { name: 'Import report' });
  });

  it('sends no map when the detected columns are kept', async () => {
    const { calls } = renderWithApi(<UploadPage />, {
      role: 'analyst',
      responses: {
        'dataset.list': [],
        'dataset.upload': { uploadId: 'upload-2', bytes: 1, sha256: 'cd'.repeat(32) },
        'dataset.create': summary('shop'),
        'dataset.import': { ...importResult, file: { ...importResult.file, rejected: 0, accepted: 3 } },
        'dataset.importProgress': [],
      },
    });
    await chooseFile(csvFile(CSV.replace('Client', 'customer'), 'shop.csv'));
    await userEvent.click(screen.getByRole('button', { name: 'Upload and import' }));
    await screen.findByRole('heading', { name: 'Import report' });
    expect(calls.find((call) => call.path === 'dataset.import')?.input).not.toHaveProperty('map');
  });

  it('shows a failed import with the server’s reason, and retries without uploading or creating again', async () => {
    let attempts = 0;
    const { calls } = renderWithApi(<UploadPage />, {
      role: 'analyst',
      responses: {
        'dataset.list': [],
        'dataset.upload': { uploadId: 'upload-3', bytes: 1, sha256: 'ef'.repeat(32) },
        'dataset.create': summary('shop'),
        'dataset.importProgress': [],
        'dataset.import': () =>
          ++attempts === 1 ? apiError('BAD_REQUEST', 'rule tier needs a tier column') : importResult,
        'dataset.errors': { total: 0, rows: [] },
      },
    });
    await chooseFile(csvFile(CSV.replace('Client', 'customer'), 'shop.csv'));
    await userEvent.click(screen.getByRole('button', { name: 'Upload and import' }));
    expect(await screen.findByText('rule tier needs a tier column')).toBeInTheDocument();
    expect(screen.getByText('The import of shop.csv failed')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByRole('heading', { name: 'Import report' });
    expect(calls.filter((call) => call.path === 'dataset.upload')).toHaveLength(1);
    expect(calls.filter((call) => call.path === 'dataset.create')).toHaveLength(1);
    expect(calls.filter((call) => call.path === 'dataset.import')).toHaveLength(2);
  });

  it('says a dataset name is taken and offers to append to it', async () => {
    renderWithApi(<UploadPage />, { role: 'analyst', responses: { 'dataset.list': [summary('shop')] } });
    await chooseFile(csvFile(CSV, 'shop.csv'));
    await waitFor(() =>
      expect(screen.getByRole('link', { name: 'append this file to it' })).toHaveAttribute(
        'href',
        '/datasets/shop/append',
      ),
    );
    expect(screen.getByRole('button', { name: 'Upload and import' })).toBeDisabled();
  });

  it('appends to a dataset with purchases, with its mapping', async () => {
    const dataset = { ...summary('shop'), files: [importResult.file] };
    const { calls } = renderWithApi(<UploadPage appendTo="shop" />, {
      role: 'admin',
      responses: {
        'dataset.byId': dataset,
        'dataset.upload': { uploadId: 'upload-4', bytes: 1, sha256: 'ef'.repeat(32) },
        'dataset.append': importResult,
        'dataset.importProgress': [],
        'dataset.errors': { total: 0, rows: [] },
      },
    });
    expect(await screen.findByRole('heading', { name: 'Append a file to shop' })).toBeInTheDocument();
    await chooseFile(csvFile());
    expect(columnSelect('Client')).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Upload and append' }));
    await screen.findByRole('heading', { name: 'Import report' });
    expect(calls.map((call) => call.path)).not.toContain('dataset.create');
    expect(calls.find((call) => call.path === 'dataset.append')?.input).toEqual({
      dataset: 'shop',
      uploadId: 'upload-4',
      fileName: 'shop export.csv',
      format: 'csv',
    });
  });

  it('reads an NDJSON file by its keys', async () => {
    renderWithApi(<UploadPage />, { role: 'analyst', responses: { 'dataset.list': [] } });
    const ndjson =
      '{"customer_id":"A","date":"2024-01-05","sku":"basic","region":"EU"}\n{"customer_id":"B","date":"2024-01-06","sku":"pro"}\n';
    await chooseFile(new File([ndjson], 'orders.ndjson'));
    expect(screen.getByText(/Read as NDJSON/)).toBeInTheDocument();
    expect(columnSelect('customer_id')).toHaveValue('customer_id');
    expect(columnSelect('date')).toHaveValue('purchased_at');
    expect(columnSelect('region')).toHaveValue('');
    expect(screen.getByRole('button', { name: 'Upload and import' })).toBeEnabled();
  });

  it('tells a viewer that uploading needs another role, with no upload form', () => {
    renderWithApi(<UploadPage />, { role: 'viewer' });
    expect(
      screen.getByText(/Uploading needs the analyst or admin role; you are signed in as a viewer/),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText('Choose a CSV, NDJSON or Excel file')).not.toBeInTheDocument();
  });
});
