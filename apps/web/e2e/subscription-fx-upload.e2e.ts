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

  it('creates a subscription dataset from the rates file, then takes the history: no row rejected', async () => {
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

    // The billing export needs --map (the UI reads subscription columns by name): the worked example goes in.
    await page.goto(new URL(`/datasets/${DATASET}/append`, page.url()).href);
    await page.getByLabel('Choose a CSV, NDJSON or Excel file').setInputFiles({
      name: 'worked-example-states.csv',
      mimeType: 'text/csv',
      buffer: await readFile(examples('worked-example-states.csv')),
    });
    await page.getByRole('heading', { name: 'Subscription history (states)' }).waitFor();
    await page.getByRole('button', { name: /^Upload and (import|append)$/ }).click();
    await page.getByRole('heading', { name: 'Import report' }).waitFor({ timeout: 60_000 });
    const dataset = await apiClient().dataset.byId.query({ id: DATASET });
    expect(dataset).toMatchObject({ kind: 'subscriptions', accepted: 8, rejected: 0 });

    await page.goto(new URL(`/datasets/${DATASET}/compare`, page.url()).href);
    await page.getByRole('heading', { level: 1, name: 'Compare is for purchase datasets' }).waitFor();
    await screenshot(page, 'subscription-compare-notice');
    await page.setViewportSize({ width: 375, height: 800 });
    await screenshot(page, 'subscription-compare-notice-375px');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('link', { name: `Back to the dashboard of ${DATASET}` }).click();
    await page.getByRole('link', { name: 'Upload exchange rates' }).waitFor({ timeout: 60_000 });
    await page.getByRole('heading', { name: /^MRR bridge/ }).waitFor({ timeout: 60_000 });
    await screenshot(page, 'subscription-dashboard-rates-link', { fullPage: false });
    await page.setViewportSize({ width: 375, height: 800 });
    await screenshot(page, 'subscription-dashboard-rates-link-375px', { fullPage: false });
    await close();
  });
});
