import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './artifacts.ts';
import { e2eSkipped, launchChromium } from './browser.ts';
import { apiClient, openPage } from './session.ts';

const DATASET = 'fx-rates-first';
const examples = (name: string) => new URL(`../../../examples/subscriptions/${name}`, import.meta.url);

describe.skipIf(e2eSkipped())('exchange rates uploaded through the UI', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('creates a subscription dataset from the rates file, then takes a billing export with its columns chosen: no row rejected', async () => {
    const { page, close } = await openPage(browser, '/datasets/new');
    await page.getByRole('heading', { level: 1, name: 'Upload a file' }).waitFor();
    await page.getByLabel('Choose a CSV, NDJSON or Excel file').setInputFiles({
      name: `${DATASET}.csv`,
      mimeType: 'text/csv',
      buffer: await readFile(examples('fx-rates.csv')),
    });
    await page.getByRole('heading', { name: 'Exchange rates (USD per unit of EUR, GBP)' }).waitFor();
    await screenshot(page, 'subscription-fx-preview');
    await page.setViewportSize({ width: 375, height: 800 });
    await screenshot(page, 'subscription-fx-preview-375px');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Upload the exchange rates' }).click();
    await page.getByRole('heading', { name: 'Import report' }).waitFor({ timeout: 60_000 });
    await screenshot(page, 'subscription-fx-report');
    const rates = await apiClient().dataset.byId.query({ id: DATASET });
    expect(rates.kind).toBe('subscriptions');
    expect(rates.files.map((file) => [file.kind, file.rejected])).toEqual([['fx', 0]]);

    // The billing export names its columns its own way: they are chosen in the preview (the CLI's --map).
    await page.goto(new URL(`/datasets/${DATASET}/append`, page.url()).href);
    await page.getByLabel('Choose a CSV, NDJSON or Excel file').setInputFiles({
      name: 'billing-export.csv',
      mimeType: 'text/csv',
      buffer: await readFile(examples('billing-export.csv')),
    });
    await page
      .getByText(/no starts_at column/)
      .first()
      .waitFor();
    const readAs = (column: string) => page.getByRole('combobox', { name: `Read column “${column}” as` });
    await readAs('Subscription Item ID').selectOption('subscription_id');
    await readAs('Subscription ID').selectOption('');
    await readAs('Effective From (UTC)').selectOption('starts_at');
    await readAs('Effective Until (UTC)').selectOption('ends_at');
    await page.getByRole('heading', { name: 'Subscription history (states)' }).waitFor();
    await screenshot(page, 'subscription-upload-mapping');
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'subscription-upload-mapping-375px');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: /^Upload and (import|append)$/ }).click();
    await page.getByRole('heading', { name: 'Import report' }).waitFor({ timeout: 60_000 });
    const dataset = await apiClient().dataset.byId.query({ id: DATASET });
    // As `upsell validate billing-export.csv --map ... --fx fx-rates.csv` reads it: 18 rows, none rejected.
    expect(dataset).toMatchObject({ kind: 'subscriptions', accepted: 18, rejected: 0 });
    const bridge = await apiClient().metric.movements.query({
      dataset: DATASET,
      definition: { period: 'month' },
    });
    // `upsell mrr billing-export.csv --fx fx-rates.csv --map ... --format csv`: the same bridge.
    expect(
      bridge.rows.map((row) => `${row.period} ${row.mrr_start} ${row.new} ${row.expansion} ${row.mrr_end}`),
    ).toEqual([
      '2024-01 0 1219.83 0 1219.83',
      '2024-02 1219.83 197.67 0 1417.5',
      '2024-03 1417.5 88.62 118 1624.12',
      '2024-04 1624.12 0 107.9 1703.02',
      '2024-05 1703.02 0 5.13 1659.14',
      '2024-06 1659.14 49 0 1559.47',
      '2024-07 1559.47 0 0 1559.47',
      '2024-08 1559.47 0 0 1659.7',
    ]);

    await page.goto(new URL(`/datasets/${DATASET}/compare`, page.url()).href);
    await page.getByRole('heading', { level: 1, name: 'Compare two definitions' }).waitFor();
    await page.getByRole('heading', { name: 'Row by row' }).waitFor({ timeout: 60_000 });
    await page.locator('.breadcrumb').getByRole('link', { name: DATASET }).click();
    await page.getByRole('link', { name: 'Upload exchange rates' }).waitFor({ timeout: 60_000 });
    await page.getByRole('heading', { name: /^MRR bridge/ }).waitFor({ timeout: 60_000 });
    await screenshot(page, 'subscription-dashboard-rates-link', { fullPage: false });
    await page.setViewportSize({ width: 375, height: 800 });
    await screenshot(page, 'subscription-dashboard-rates-link-375px', { fullPage: false });
    await close();
  });
});
