import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { UploadPage } from '../datasets/upload-page.tsx';
import { renderWithApi } from '../testing/render-with-api.tsx';
import { readSubscriptionHeader } from './subscription-file-reading.ts';

const STATES = [
  'customer_id,subscription_id,plan_id,tier,starts_at,ends_at,amount,interval,quantity,region',
  'A,a1,basic,1,2024-01-05,2024-03-10,10.00,month,1,EU',
  'A,a1,pro,2,2024-03-10,,30.00,month,1,EU',
].join('\n');

/** The head of a billing system's subscription-item export (examples/subscriptions/billing-export.csv's columns, fewer). */
const BILLING = [
  'Customer ID,Subscription ID,Subscription Item ID,Price ID,Amount,Effective From (UTC),Effective Until (UTC)',
  'cus_1,sub_1,si_1,price_starter,29.00,2024-01-03 09:12:44,2024-03-03 09:12:44',
].join('\n');

const EVENTS = ['customer,subscription,plan,type,date,amount', 'A,a1,basic,start,2024-01-05,10.00'].join(
  '\n',
);

async function preview(text: string) {
  renderWithApi(<UploadPage />, { role: 'analyst', responses: { 'dataset.list': [] } });
  await userEvent.upload(
    screen.getByLabelText('Choose a CSV, NDJSON or Excel file'),
    new File([text], 'subscriptions.csv', { type: 'text/csv' }),
  );
}

const columns = () =>
  within(screen.getByRole('region', { name: 'Columns and the subscription fields they are read as' }));

/** Each column's chosen field as its select shows it. */
const readAs = () =>
  columns()
    .getAllByRole('combobox')
    .map((select) => (select as HTMLSelectElement).selectedOptions[0]?.textContent);

describe('the upload preview of a subscription file', () => {
  it('says it is subscription history of states and how each column is read', async () => {
    await preview(STATES);
    expect(await screen.findByRole('heading', { name: 'Subscription history (states)' })).toBeInTheDocument();
    expect(readAs()).toEqual([
      'customer_id (required)',
      'subscription_id (required)',
      'plan_id (required)',
      'tier',
      'starts_at (required)',
      'ends_at',
      'amount (required)',
      'interval',
      'quantity',
      'none (a dimension to segment by)',
    ]);
    expect(screen.queryByText('Dates and amounts')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Upload and import' })).toBeEnabled();
  });

  it('reads a file of events by its aliases', async () => {
    await preview(EVENTS);
    expect(await screen.findByRole('heading', { name: 'Subscription history (events)' })).toBeInTheDocument();
    expect(readAs()).toEqual([
      'customer_id (required)',
      'subscription_id (required)',
      'plan_id (required)',
      'event (required)',
      'effective_at (required)',
      'amount (required)',
    ]);
  });

  it('says which column is missing and does not upload', async () => {
    await preview('customer_id,subscription_id,plan_id,starts_at\nA,a1,basic,2024-01-05');
    expect(await screen.findByText(/no amount column: looked for "amount", "price"/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Upload and import' })).toBeDisabled();
  });

  it('lets the columns of a billing export be chosen, and sends them as the import’s map', async () => {
    const { calls } = renderWithApi(<UploadPage />, {
      role: 'analyst',
      responses: {
        'dataset.list': [],
        'dataset.upload': { uploadId: 'upload-1', bytes: BILLING.length, sha256: 'ab'.repeat(32) },
        'dataset.create': { id: 'ds_9', name: 'billing' },
        'dataset.import': () => new Promise(() => {}),
      },
    });
    await userEvent.upload(
      screen.getByLabelText('Choose a CSV, NDJSON or Excel file'),
      new File([BILLING], 'billing.csv', { type: 'text/csv' }),
    );
    expect(await screen.findByText(/no starts_at column/)).toBeInTheDocument();
    // Found by name even so: the customer, the subscription (the header's Subscription ID), the amount.
    expect(readAs()).toEqual([
      'customer_id (required)',
      'subscription_id (required)',
      'none (a dimension to segment by)',
      'plan_id (required)',
      'amount (required)',
      'none (a dimension to segment by)',
      'none (a dimension to segment by)',
    ]);
    expect(screen.getByRole('button', { name: 'Upload and import' })).toBeDisabled();
    const choose = (column: string, field: string) =>
      userEvent.selectOptions(columns().getByRole('combobox', { name: `Read column “${column}” as` }), field);
    await choose('Subscription Item ID', 'subscription_id');
    // The item is now the subscription: the Subscription ID column is read as the same field too.
    expect(
      await columns().findByText(
        'subscription_id is already read from “Subscription ID”: a field comes from one column only.',
      ),
    ).toBeInTheDocument();
    await choose('Subscription ID', '');
    await choose('Effective From (UTC)', 'starts_at');
    await choose('Effective Until (UTC)', 'ends_at');
    expect(await screen.findByRole('heading', { name: 'Subscription history (states)' })).toBeInTheDocument();
    const upload = screen.getByRole('button', { name: 'Upload and import' });
    expect(upload).toBeEnabled();
    await userEvent.click(upload);
    await waitFor(() => expect(calls.map((call) => call.path)).toContain('dataset.import'));
    expect(calls.find((call) => call.path === 'dataset.import')?.input).toMatchObject({
      map: {
        customer_id: 'Customer ID',
        subscription_id: 'Subscription Item ID',
        plan_id: 'Price ID',
        amount: 'Amount',
        starts_at: 'Effective From (UTC)',
        ends_at: 'Effective Until (UTC)',
      },
    });
  });

  it('says a column named like a field is read as it unless another column is chosen for that field', async () => {
    await preview(STATES);
    await screen.findByRole('heading', { name: 'Subscription history (states)' });
    await userEvent.selectOptions(columns().getByRole('combobox', { name: 'Read column “tier” as' }), '');
    expect(
      await columns().findByText(
        'The import reads this column as tier by its name: choose tier for it, or another column for tier.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Upload and import' })).toBeDisabled();
  });

  it('sends no map when the columns are those found by name', async () => {
    const { calls } = renderWithApi(<UploadPage />, {
      role: 'analyst',
      responses: {
        'dataset.list': [],
        'dataset.upload': { uploadId: 'upload-1', bytes: STATES.length, sha256: 'ab'.repeat(32) },
        'dataset.create': { id: 'ds_9' },
        'dataset.import': () => new Promise(() => {}),
      },
    });
    await userEvent.upload(
      screen.getByLabelText('Choose a CSV, NDJSON or Excel file'),
      new File([STATES], 'subscriptions.csv', { type: 'text/csv' }),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Upload and import' }));
    await waitFor(() => expect(calls.map((call) => call.path)).toContain('dataset.import'));
    expect(calls.find((call) => call.path === 'dataset.import')?.input).not.toHaveProperty('map');
  });
});

describe('readSubscriptionHeader', () => {
  it('gives each column its field, and the shape', () => {
    expect(
      readSubscriptionHeader(['customer_id', 'subscription_id', 'plan_id', 'starts_at', 'amount', 'region']),
    ).toEqual({
      shape: 'states',
      fields: ['customer_id', 'subscription_id', 'plan_id', 'starts_at', 'amount', undefined],
      problem: undefined,
    });
  });

  it('keeps the core’s words for a column that is not there', () => {
    const reading = readSubscriptionHeader(['customer', 'subscription', 'plan', 'type', 'date']);
    expect(reading.shape).toBe('events');
    expect(reading.problem).toMatch(/^no amount column/);
  });
});
