import { screen, within } from '@testing-library/react';
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

const readAs = () =>
  within(screen.getByRole('region', { name: 'Columns and the subscription fields they are read as' }))
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[1]?.textContent);

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
      'a dimension to segment by',
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
