import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { UploadPage } from '../datasets/upload-page.tsx';
import { renderWithApi } from '../testing/render-with-api.tsx';
import { readFxFile } from './fx-file-reading.ts';
import { SubscriptionDashboardPage } from './subscription-dashboard-page.tsx';
import { SAAS } from './testing/worked-example.ts';

const RATES = [
  'date,currency,rate',
  '2024-01-01,EUR,1.0850',
  '2024-01-01,GBP,1.2700',
  '2024-02-01,EUR,abc',
].join('\n');

const ratesFile = () => new File([RATES], 'fx-rates.csv', { type: 'text/csv' });

const fxResult = {
  duplicate: false,
  file: {
    id: 'file-fx',
    kind: 'fx',
    sequence: 2,
    version: 2,
    fileName: 'fx-rates.csv',
    format: 'csv',
    bytes: RATES.length,
    sha256: 'cd'.repeat(32),
    rows: 3,
    accepted: 2,
    rejected: 1,
    columns: ['date', 'currency', 'rate'],
    createdAt: '2024-04-01T00:00:00.000Z',
  },
  dataset: { ...SAAS, version: 2 },
  notes: [],
};

const summary = (kind: 'purchases' | 'subscriptions' | null, currency: string | null) => ({
  ...SAAS,
  kind,
  currency,
  files: kind === 'subscriptions' ? [{ ...fxResult.file, kind: 'subscriptions' }] : [],
});

const REJECTED = {
  total: 1,
  rows: [
    {
      fileId: 'file-fx',
      file: 'fx-rates.csv',
      line: 4,
      column: 3,
      columnName: 'rate',
      reason: 'rate "abc" is not a decimal number > 0 (units of USD per 1 unit of the currency)',
    },
  ],
};

async function chooseRates() {
  await userEvent.upload(await screen.findByLabelText('Choose a CSV, NDJSON or Excel file'), ratesFile());
}

describe('uploading an exchange-rates file', () => {
  it('is recognised on a subscription dataset’s page, sent as fx, and reported with its rejected rows', async () => {
    const { calls } = renderWithApi(<UploadPage appendTo="saas" />, {
      role: 'analyst',
      responses: {
        'dataset.byId': summary('subscriptions', 'EUR'),
        'dataset.upload': { uploadId: 'upload-fx', bytes: RATES.length, sha256: 'cd'.repeat(32) },
        'dataset.importFx': fxResult,
        'dataset.importProgress': [],
        'dataset.errors': REJECTED,
      },
    });
    await chooseRates();
    // The reporting currency is the dataset's; its own rows (none here) are left out of the list.
    expect(
      await screen.findByRole('heading', { name: 'Exchange rates (EUR per unit of GBP)' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/fx-rates\.csv:4:3 \(rate\): rate "abc" is not a decimal/)).toBeInTheDocument();
    expect(screen.queryByText(/read with the dataset’s column mapping/)).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Upload the exchange rates' }));
    await screen.findByRole('heading', { name: 'Import report' });
    expect(calls.find((call) => call.path === 'dataset.importFx')?.input).toEqual({
      dataset: 'saas',
      uploadId: 'upload-fx',
      fileName: 'fx-rates.csv',
    });
    expect(calls.some((call) => call.path === 'dataset.append' || call.path === 'dataset.import')).toBe(
      false,
    );
    expect(screen.getByText('Rows read').closest('dl')).toHaveTextContent('Rows read3Accepted2Rejected1');
    expect(screen.getByText(/They are its exchange rates/)).toBeInTheDocument();
    expect(await screen.findByRole('table', { name: /Rejected rows 1–1 of 1/ })).toBeInTheDocument();
  });

  it('names USD and every currency for a new dataset, which is created as a subscription dataset', async () => {
    const { calls } = renderWithApi(<UploadPage />, {
      role: 'analyst',
      responses: {
        'dataset.list': [],
        'dataset.upload': { uploadId: 'upload-fx', bytes: RATES.length, sha256: 'cd'.repeat(32) },
        'dataset.create': summary(null, null),
        'dataset.importFx': fxResult,
        'dataset.importProgress': [],
        'dataset.errors': REJECTED,
      },
    });
    await chooseRates();
    expect(
      await screen.findByRole('heading', { name: 'Exchange rates (USD per unit of EUR, GBP)' }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Upload the exchange rates' }));
    await screen.findByRole('heading', { name: 'Import report' });
    expect(calls.find((call) => call.path === 'dataset.create')?.input).toEqual({
      name: 'fx-rates',
      kind: 'subscriptions',
    });
    expect(calls.find((call) => call.path === 'dataset.importFx')?.input).toMatchObject({
      dataset: 'fx-rates',
    });
  });

  it('is not a rates file on a purchase dataset’s page: the columns are mapped as purchases', async () => {
    renderWithApi(<UploadPage appendTo="shop" />, {
      role: 'analyst',
      responses: { 'dataset.byId': summary('purchases', 'USD') },
    });
    await chooseRates();
    await screen.findByText('First values');
    expect(screen.queryByRole('heading', { name: /Exchange rates/ })).not.toBeInTheDocument();
  });
});

describe('readFxFile', () => {
  const rows = (...lines: string[][]) => lines.map((fields, at) => ({ line: at + 2, fields }));

  it('lists the currencies with a rate and the rows that would be rejected', () => {
    const read = readFxFile(
      ['Rate_Date', 'Code', 'Exchange_Rate'],
      rows(['2024-01-01', 'eur', '1.08'], ['2024-01-01', 'EURO', '1.2']),
      'USD',
      'rates.csv',
    );
    expect(read?.currencies).toEqual(['EUR']);
    expect(read?.issues).toEqual([
      expect.objectContaining({ file: 'rates.csv', line: 3, column: 2, columnName: 'Code' }),
    ]);
  });

  it('is undefined for a file that is not rates: a column missing, purchases, or subscription history', () => {
    expect(readFxFile(['date', 'currency'], [], 'USD')).toBeUndefined();
    expect(readFxFile(['customer_id', 'purchased_at', 'product_id', 'amount'], [], 'USD')).toBeUndefined();
    expect(
      readFxFile(
        ['customer_id', 'subscription_id', 'plan_id', 'date', 'currency', 'rate', 'amount'],
        [],
        'USD',
      ),
    ).toBeUndefined();
  });
});

describe('the way to the rates upload and a subscription dataset’s compare page', () => {
  it('offers "Upload exchange rates" on the subscription dashboard', async () => {
    renderWithApi(<SubscriptionDashboardPage name="saas" />, {
      role: 'analyst',
      path: '/datasets/saas',
      responses: {
        'dataset.byId': { ...SAAS, accepted: 0, rows: 0 },
        'metric.movements': () => new Promise(() => {}),
        'metric.query': () => new Promise(() => {}),
      },
    });
    expect(await screen.findByRole('link', { name: 'Upload exchange rates' })).toHaveAttribute(
      'href',
      '/datasets/saas/append',
    );
  });
});
