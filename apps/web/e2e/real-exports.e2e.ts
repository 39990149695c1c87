import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './artifacts.ts';
import { e2eSkipped, launchChromium } from './browser.ts';
import { rateTile, readTiles } from './dashboard.ts';
import { apiClient, openPage, url } from './session.ts';

const example = (name: string) => new URL(`../../../examples/${name}`, import.meta.url).pathname;

/** The preview's reading of its sample rows: [line, purchased at, amount, read] per row. */
async function readings(page: Page): Promise<string[][]> {
  const table = page.getByRole('region', { name: 'How the first rows are read' });
  await table.waitFor();
  const rows = await table.locator('tbody tr').all();
  return Promise.all(rows.map((row) => row.locator('td').allTextContents()));
}

async function chooseFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.goto(url('/datasets/new'));
  await page.getByRole('heading', { level: 1, name: 'Upload a file' }).waitFor();
  await page.getByLabel('Choose a CSV, NDJSON or Excel file').setInputFiles(file);
  await page.getByRole('heading', { name: 'Dates and amounts' }).waitFor();
}

async function importAndOpen(page: Page, dataset: string, rows: number) {
  await page.getByRole('button', { name: 'Upload and import' }).click();
  await page.getByRole('heading', { name: 'Import report' }).waitFor({ timeout: 60_000 });
  const imported = await apiClient().dataset.byId.query({ id: dataset });
  expect([imported.accepted, imported.rejected]).toEqual([rows, 0]);
  await page.getByRole('link', { name: `Open the dashboard of ${dataset}` }).click();
  await page.waitForURL(url(`/datasets/${dataset}`));
  await readTiles(page);
  return imported;
}

// Issue 10's test of done: a new user brings a US-dated CSV, a European semicolon CSV with
// decimal commas and an Excel workbook, sees them read correctly in the preview, imports them and
// lands on a dashboard whose first screen answers "how are we doing", on a desktop and a phone.
describe.skipIf(e2eSkipped())('real exports, from the upload to the dashboard', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reads a US export: month-first dates with a 12-hour clock, dollar amounts', async () => {
    const { page, close } = await openPage(browser, '/datasets');
    await chooseFile(page, {
      name: 'us-dates.csv',
      mimeType: 'text/csv',
      buffer: readFileSync(example('us-dates.csv')),
    });
    expect(await page.getByLabel('Dates').inputValue()).toBe('auto');
    expect(await page.getByLabel('Dates').locator('option:checked').textContent()).toBe(
      'Detect from the file (month-first)',
    );
    const read = await readings(page);
    expect(read[0]).toEqual(['2', '15 Jan 2024, 09:30', '$19.99', 'OK']);
    expect(read[6]).toEqual(['8', '18 Mar 2024, 14:05', '$1,049.00', 'OK']);
    await page.getByText('Of the first 8 rows, 8 are read and 0 would be rejected.').waitFor();
    await screenshot(page, 'upload-us-dates');
    const dataset = await importAndOpen(page, 'us-dates', 8);
    expect(dataset.dateRange?.first).toBe('2024-01-15T09:30:00.000Z');
    expect(dataset.currency).toBe('USD');
    await close();
  });

  it('reads a European semicolon export: day-first dates, decimal commas, euros', async () => {
    const { page, close } = await openPage(browser, '/datasets');
    await chooseFile(page, {
      name: 'european.csv',
      mimeType: 'text/csv',
      buffer: readFileSync(example('european.csv')),
    });
    expect(await page.getByLabel('Amounts').locator('option:checked').textContent()).toBe(
      'Detect from the file (decimal comma)',
    );
    const read = await readings(page);
    expect(read[0]).toEqual(['2', '15 Jan 2024, 09:30', '€19.90', 'OK']);
    await page.getByText('In EUR, as the amounts say.').waitFor();
    await screenshot(page, 'upload-european');
    const dataset = await importAndOpen(page, 'european', 8);
    expect(dataset.currency).toBe('EUR');
    await close();
  });

  it('reads an Excel workbook and lands on its dashboard, headline first on a phone', async () => {
    const { page, close } = await openPage(browser, '/datasets', { width: 375, height: 812 });
    await chooseFile(page, {
      name: 'shop.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: readFileSync(example('shop.xlsx')),
    });
    await page.getByText('Of the first 200 rows, 200 are read and 0 would be rejected.').waitFor();
    await importAndOpen(page, 'shop', 300);
    const tile = await rateTile(page).boundingBox();
    expect(tile).not.toBeNull();
    expect(tile!.y + tile!.height).toBeLessThanOrEqual(812);
    await screenshot(page, 'dashboard-shop-xlsx-phone');
    await close();
  });

  it('asks whether ambiguous dates are day-first or month-first, and imports them as chosen', async () => {
    const { page, close } = await openPage(browser, '/datasets');
    const csv = [
      'customer_id,purchased_at,product_id,tier,amount',
      'c1,03/07/2024,basic,1,10.00',
      'c1,04/08/2024,pro,2,20.00',
      'c2,05/09/2024,basic,1,10.00',
    ].join('\n');
    await chooseFile(page, { name: 'ambiguous.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('alert').filter({ hasText: 'can be read as day-first or month-first' }).waitFor();
    expect(await page.getByRole('button', { name: 'Upload and import' }).isDisabled()).toBe(true);
    await page.getByLabel('Dates').selectOption('mdy');
    expect((await readings(page))[0]).toEqual(['2', '7 Mar 2024', '10.00', 'OK']);
    const dataset = await importAndOpen(page, 'ambiguous', 3);
    expect(dataset.dateRange).toEqual({
      first: '2024-03-07T00:00:00.000Z',
      last: '2024-05-09T00:00:00.000Z',
    });
    await close();
  });
});
