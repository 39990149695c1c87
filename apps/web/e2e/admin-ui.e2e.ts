import { generateSample } from '@upsell/sample';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { screenshot } from './artifacts.ts';
import { e2eSkipped, launchChromium } from './browser.ts';
import {
  asCount,
  asPercent,
  latestHeading,
  openDefinition,
  rateTile,
  readTiles,
  shownPeriod,
} from './dashboard.ts';
import { definitionFromUrl } from './definition-from-url.ts';
import { apiClient, openPage, url } from './session.ts';

const DEMO = 'demo';

describe.skipIf(e2eSkipped())('the admin UI in chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('signs in with the token, and refuses a wrong one', async () => {
    const { page, close } = await openPage(browser, '/datasets', { signIn: false });
    await screenshot(page, 'sign-in');
    await page.getByLabel('API token').fill('not-a-token-that-the-server-knows');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'not known' }).waitFor();

    await page.getByLabel('API token').fill(inject('adminToken'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Datasets' }).waitFor();
    await page.getByRole('link', { name: DEMO, exact: true }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).toEqual([
      'Datasets',
      'Definitions',
      'Targets',
      'Alerts',
      'Tokens',
    ]);
    await screenshot(page, 'datasets');
    await close();
  });

  it('uploads a sample file, shows the import report, then the dashboard of the new dataset', async () => {
    const rows = 2000;
    const csv = Buffer.from([...generateSample({ rows, seed: 7 })].join(''));
    const { page, close } = await openPage(browser, '/datasets');
    await page.getByRole('link', { name: 'Upload a file' }).click();
    await page.getByRole('heading', { level: 1, name: 'Upload a file' }).waitFor();
    await screenshot(page, 'upload-empty');

    await page
      .getByLabel('Choose a CSV, NDJSON or Excel file')
      .setInputFiles({ name: 'e2e-shop.csv', mimeType: 'text/csv', buffer: csv });
    await page.getByRole('heading', { name: 'Columns' }).waitFor();
    await page.getByRole('heading', { name: 'First rows' }).waitFor();
    expect(await page.getByLabel('Dataset name').inputValue()).toBe('e2e-shop');
    await screenshot(page, 'upload-preview');

    await page.getByRole('button', { name: 'Upload and import' }).click();
    await page.getByRole('heading', { name: 'Import report' }).waitFor({ timeout: 60_000 });
    const figure = (term: string) =>
      page.locator('dt', { hasText: new RegExp(`^${term}$`) }).locator('xpath=following-sibling::dd[1]');
    expect(await figure('Rows read').textContent()).toBe(asCount(rows));
    expect(await figure('Accepted').textContent()).toBe(asCount(rows));
    expect(await figure('Rejected').textContent()).toBe('0');
    const imported = await apiClient().dataset.byId.query({ id: 'e2e-shop' });
    expect(imported.accepted).toBe(rows);
    expect(await figure('Customers in the dataset').textContent()).toBe(asCount(imported.customers));
    await screenshot(page, 'import-report');

    await page.getByRole('link', { name: 'Open the dashboard of e2e-shop' }).click();
    await page.waitForURL(url('/datasets/e2e-shop'));
    await readTiles(page);
    await close();
  });

  it("shows the latest period's rate on its tile exactly as the API computes it for the URL's definition", async () => {
    const { page, close } = await openPage(browser, `/datasets/${DEMO}`);
    const tiles = await readTiles(page);
    await screenshot(page, 'dashboard');

    const result = await apiClient().metric.query.query({
      dataset: DEMO,
      definition: definitionFromUrl(page.url()),
    });
    const latest = result.rows.at(-1)!;
    expect(tiles).toEqual({ period: latest.period, rate: asPercent(latest.rate) });
    expect(await rateTile(page).textContent()).toContain(
      `${asCount(latest.numerator)} of ${asCount(latest.denominator)} customers`,
    );
    await close();
  });

  it('opens the drill-down of the rate tile: the customers behind its denominator, searchable', async () => {
    const { page, close } = await openPage(browser, `/datasets/${DEMO}`);
    const tiles = await readTiles(page);
    const result = await apiClient().metric.query.query({ dataset: DEMO, definition: {} });
    const latest = result.rows.at(-1)!;

    await rateTile(page).click();
    const dialog = page.getByRole('dialog', {
      name: `Customers behind ${shownPeriod(tiles.period)}, All customers`,
    });
    const pager = dialog.getByRole('status').filter({ hasText: /of [\d,]+ customers/ });
    await pager.waitFor();
    expect(await pager.textContent()).toMatch(
      new RegExp(`^1–20 of ${asCount(latest.denominator)} customers`),
    );
    // The numerator's customers come first.
    await expect
      .poll(() => dialog.getByText('In the numerator', { exact: true }).count())
      .toBe(Math.min(20, latest.numerator));
    await screenshot(page, 'drill-down', { fullPage: false });

    const first = (await dialog.getByRole('listitem').first().locator('strong').textContent()) ?? '';
    await dialog.getByLabel('Search by customer, product or order id').fill(first);
    await dialog
      .getByRole('status')
      .filter({ hasText: `1–1 of 1 customers matching “${first}”` })
      .waitFor();

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await rateTile(page).evaluate((tile) => tile === document.activeElement)).toBe(true);
    await close();
  });

  it('keeps a changed period in the URL: a reload shows the same view', async () => {
    const { page, close } = await openPage(browser, `/datasets/${DEMO}`);
    await readTiles(page, /Q\d$/);
    await openDefinition(page);
    await page.getByLabel('Period', { exact: true }).selectOption('month');
    await page.waitForURL(/[?&]period=month(&|$)/);
    const monthly = await readTiles(page, /\d{4}-\d{2}$/);
    const result = await apiClient().metric.query.query({
      dataset: DEMO,
      definition: definitionFromUrl(page.url()),
    });
    expect(monthly).toEqual({
      period: result.rows.at(-1)!.period,
      rate: asPercent(result.rows.at(-1)!.rate),
    });
    await screenshot(page, 'dashboard-by-month');

    const before = page.url();
    await page.reload();
    expect(page.url()).toBe(before);
    expect(await readTiles(page, /\d{4}-\d{2}$/)).toEqual(monthly);
    await openDefinition(page);
    expect(await page.getByLabel('Period', { exact: true }).inputValue()).toBe('month');
    expect(await latestHeading(page).textContent()).toBe(`Latest period: ${shownPeriod(monthly.period)}`);
    await close();
  });

  it("switches to fiscal quarters: the tile shows Q1 FY2025-style labels with the API's rate for fy", async () => {
    const { page, close } = await openPage(browser, `/datasets/${DEMO}`);
    const calendar = await readTiles(page, /^\d{4}-Q\d$/);
    await openDefinition(page);
    await page.getByLabel('Fiscal year', { exact: true }).selectOption({ label: 'Starts in October' });
    await page.waitForURL(/[?&]fy=10(&|$)/);
    const fiscal = await readTiles(page, /^FY\d{4}-Q\d$/);
    const result = await apiClient().metric.query.query({
      dataset: DEMO,
      definition: definitionFromUrl(page.url()),
    });
    expect(result.definition.fiscalYearStart).toBe(10);
    expect(fiscal).toEqual({ period: result.rows.at(-1)!.period, rate: asPercent(result.rows.at(-1)!.rate) });
    // October-start quarters are the calendar's, relabelled: the same latest quarter, the same rate.
    const [, year, quarter] = /^FY(\d{4})-Q(\d)$/.exec(fiscal.period)!;
    expect(quarter === '1' ? `${Number(year) - 1}-Q4` : `${year}-Q${Number(quarter) - 1}`).toBe(
      calendar.period,
    );
    expect(fiscal.rate).toBe(calendar.rate);
    await screenshot(page, 'dashboard-fiscal');
    await close();
  });

  it('compares two definitions over the same dataset', async () => {
    const { page, close } = await openPage(browser, `/datasets/${DEMO}`);
    await readTiles(page);
    await page.getByRole('link', { name: 'Compare two definitions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Compare two definitions' }).waitFor();
    await page.getByRole('heading', { name: 'Row by row' }).waitFor();
    await page
      .getByRole('group', { name: 'Definition B' })
      .getByLabel('Metric')
      .selectOption('purchase-upsell-rate');
    await page.waitForURL(/[?&]b\.metric=purchase-upsell-rate(&|$)/);
    await page.getByText('Updating…').waitFor({ state: 'detached' });
    const table = page.getByRole('table');
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBeGreaterThan(2);
    await screenshot(page, 'compare');
    await close();
  });

  it('lists the datasets on a 375 px wide window without scrolling the page sideways', async () => {
    const { page, close } = await openPage(browser, '/datasets', { width: 375, height: 812 });
    await page.getByRole('link', { name: DEMO, exact: true }).waitFor();
    await screenshot(page, 'datasets-375px');
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      window: window.innerWidth,
    }));
    expect(widths.page).toBeLessThanOrEqual(widths.window);

    await page.getByRole('link', { name: DEMO, exact: true }).click();
    await readTiles(page);
    await screenshot(page, 'dashboard-375px');
    await close();
  });

  it.each([
    ['definitions', 'Definitions'],
    ['targets', 'Targets'],
    ['tokens', 'Tokens'],
  ])('opens the %s page', async (path, heading) => {
    const { page, close } = await openPage(browser, `/${path}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /Loading/ })
      .waitFor({ state: 'detached' });
    await screenshot(page, path);
    await close();
  });
});
