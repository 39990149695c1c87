import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './artifacts.ts';
import { describeViolations, seriousViolations } from './axe.ts';
import { e2eSkipped, launchChromium } from './browser.ts';
import { apiClient, openPage } from './session.ts';

const DATASET = 'worked-example-states';
const FILE = new URL('../../../examples/subscriptions/worked-example-states.csv', import.meta.url);

/** Money as the page writes it (`$30.00`, `+$20.00`, `−$10.00`), as a number. */
const money = (text: string | null) => Number((text ?? '').replace('\u2212', '-').replace(/[^\d.-]/g, ''));

/** The rows of the table a section shows: each row's header and cells' text. */
async function tableRows(page: Page, section: string) {
  const region = page.getByRole('region', { name: new RegExp(`^${section}`) });
  await region.getByRole('button', { name: 'Table', exact: true }).click();
  const rows = region.locator('table tbody tr');
  await rows.first().waitFor();
  return rows.evaluateAll((trs) =>
    trs.map((tr) => ({
      head: tr.querySelector('th')?.textContent ?? '',
      cells: [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
    })),
  );
}

describe.skipIf(e2eSkipped())('the subscription dashboard in chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('imports the worked example: the preview says subscription history of states, the report its rows', async () => {
    const { page, close } = await openPage(browser, '/datasets/new');
    await page.getByRole('heading', { level: 1, name: 'Upload a file' }).waitFor();
    await page.getByLabel('Choose a CSV, NDJSON or Excel file').setInputFiles({
      name: `${DATASET}.csv`,
      mimeType: 'text/csv',
      buffer: await readFile(FILE),
    });
    await page.getByRole('heading', { name: 'Subscription history (states)' }).waitFor();
    const readAs = page.getByRole('region', { name: 'Columns and the subscription fields they are read as' });
    const chosen = readAs
      .getByRole('combobox')
      .evaluateAll((selects) => selects.map((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent));
    expect(await chosen).toEqual([
      'customer_id (required)',
      'subscription_id (required)',
      'plan_id (required)',
      'tier',
      'starts_at (required)',
      'ends_at',
      'amount (required)',
      'interval',
      'quantity',
    ]);
    await screenshot(page, 'subscription-upload-preview');
    await page.getByRole('button', { name: 'Upload and import' }).click();
    await page.getByRole('heading', { name: 'Import report' }).waitFor({ timeout: 60_000 });
    const dataset = await apiClient().dataset.byId.query({ id: DATASET });
    expect(dataset).toMatchObject({ kind: 'subscriptions', accepted: 8, rejected: 0 });
    await page.getByRole('link', { name: `Open the dashboard of ${DATASET}` }).click();
    await page.getByRole('heading', { name: /^MRR bridge, May 2024/ }).waitFor({ timeout: 60_000 });
    await close();
  });

  it('opens the subscription dashboard asking only what a subscription dataset answers (no refused request)', async () => {
    const { page, close } = await openPage(browser, '/datasets');
    const asked: string[] = [];
    const refused: string[] = [];
    page.on('response', async (response) => {
      const { pathname } = new URL(response.url());
      if (!pathname.startsWith('/trpc/')) return;
      const procedures = decodeURIComponent(pathname.slice('/trpc/'.length)).split(',');
      asked.push(...procedures);
      const body = await response.text().catch(() => '');
      if (response.status() >= 400 || /"error"/.test(body)) refused.push(`${procedures.join(',')} ${body}`);
    });
    await page.getByRole('link', { name: DATASET, exact: true }).click();
    await page.getByRole('heading', { name: /^MRR bridge, May 2024/ }).waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    expect(refused).toEqual([]);
    expect(asked).toContain('metric.movements');
    expect(asked).not.toContain('metric.customers');
    expect(asked).not.toContain('target.list');
    await close();
  });

  it("draws March's waterfall with the figures of metric.movements, and its tiles", async () => {
    const { page, close } = await openPage(browser, `/datasets/${DATASET}?at=2024-03`);
    await page.getByRole('heading', { name: /^MRR bridge, Mar 2024/ }).waitFor({ timeout: 60_000 });
    await screenshot(page, 'subscription-dashboard');
    const result = await apiClient().metric.movements.query({
      dataset: DATASET,
      definition: { period: 'month' },
    });
    const march = result.rows.find(
      (row) => row.period === '2024-03' && Object.keys(row.segment).length === 0,
    );
    expect(march).toBeDefined();
    if (!march) return;
    // The steps, worked out here from the API's row: start, new, reactivation, each cause of the
    // expansion that is not 0, contraction and churn as losses, end.
    const causes = Object.entries(march.expansion_by_cause).filter(([, value]) => value !== 0);
    const expected = [
      march.mrr_start,
      march.new,
      march.reactivation,
      ...causes.map(([, value]) => value),
      0 - march.contraction,
      0 - march.churn,
      march.mrr_end,
    ];
    const steps = await tableRows(page, 'MRR bridge');
    expect(steps.map((step) => money(step.cells[0] ?? ''))).toEqual(expected);
    expect(steps.map((step) => step.head)).toEqual([
      'MRR at the start',
      'New',
      'Reactivation',
      'Expansion: upgrade',
      'Expansion: add-on',
      'Expansion: seats',
      'Contraction',
      'Churn',
      'MRR at the end',
    ]);
    // The worked example of SUBSCRIPTIONS.md: 30 + 20 + 5 + 20 = 75.
    expect(expected).toEqual([30, 0, 0, 20, 5, 20, 0, 0, 75]);
    const mrrTile = page.getByRole('button', { name: /^MRR/ }).locator('.tile-value');
    expect(money(await mrrTile.textContent())).toBe(march.mrr_end);
    const rate = page.getByRole('button', { name: /^Subscription upsell rate/ }).locator('.tile-value');
    await expect.poll(() => rate.textContent()).toBe('66.7%');
    expect(describeViolations(await seriousViolations(page))).toEqual([]);
    await close();
  });

  it('opens the customers behind a bar: the drill-down total equals the bar it came from', async () => {
    const { page, close } = await openPage(browser, `/datasets/${DATASET}?at=2024-04`);
    await page.getByRole('heading', { name: /^MRR bridge, Apr 2024/ }).waitFor({ timeout: 60_000 });
    const result = await apiClient().metric.movements.query({
      dataset: DATASET,
      definition: { period: 'month' },
    });
    const april = result.rows.find(
      (row) => row.period === '2024-04' && Object.keys(row.segment).length === 0,
    );
    expect(april?.churn).toBe(10);

    // The churn bar of the waterfall, by its colour (the chart's only red bar in April).
    const bridge = page.getByRole('region', { name: /^MRR bridge/ });
    await bridge.locator('path.recharts-rectangle[fill="#c0392b"]').click();
    const dialog = page.getByRole('dialog', {
      name: /^Customers behind Churned MRR, Apr 2024, All customers/,
    });
    const total = dialog.getByTestId('drill-total');
    await total.waitFor();
    expect(money(await total.locator('.drill-value').textContent())).toBe(april?.churn);
    expect(await total.textContent()).toContain('It is the figure the dashboard shows.');
    const page1 = await apiClient().metric.movementCustomers.query({
      dataset: DATASET,
      period: '2024-04',
      figure: 'churn',
    });
    expect(page1.value).toBe(april?.churn);
    expect(await dialog.locator('.customer-list > li strong').first().textContent()).toBe('B');
    await screenshot(page, 'subscription-drill-down', { fullPage: false });
    expect(describeViolations(await seriousViolations(page))).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // March's expansion from the movements table: 45.00, two customers.
    await page.goto(page.url().replace('at=2024-04', 'at=2024-03'));
    const steps = await tableRows(page, 'Movements by month');
    expect(steps.length).toBe(result.rows.filter((row) => Object.keys(row.segment).length === 0).length);
    await page
      .getByRole('button', { name: /^Expansion \$45\.00, Mar 2024: the customers behind it/ })
      .click();
    const expansion = page.getByRole('dialog', { name: /^Customers behind Expansion MRR, Mar 2024/ });
    await expansion.getByTestId('drill-total').waitFor();
    expect(money(await expansion.locator('.drill-value').textContent())).toBe(45);
    expect(await expansion.getByRole('status').first().textContent()).toMatch(/^1–2 of 2 customers/);
    await close();
  });

  it('compares expansion with the upgrade rate: the rows of metric.compare, and C counted by expansion only in March', async () => {
    const { page, close } = await openPage(browser, `/datasets/${DATASET}/compare`);
    await page.getByRole('heading', { name: 'Row by row' }).waitFor({ timeout: 60_000 });
    expect(
      await page.getByRole('form', { name: 'Definition A' }).getByLabel('Upsell rule').inputValue(),
    ).toBe('expansion');
    expect(
      await page.getByRole('form', { name: 'Definition B' }).getByLabel('Upsell rule').inputValue(),
    ).toBe('upgrade');
    const compared = await apiClient().metric.compare.query({
      dataset: DATASET,
      a: { metric: 'subscription-upsell-rate', period: 'month' },
      b: { metric: 'subscription-upsell-rate', rule: 'upgrade', period: 'month' },
    });
    const table = page.getByRole('table').filter({ hasText: 'Difference' });
    expect(await table.locator('tbody tr').count()).toBe(compared.rows.length);
    const section = page.getByRole('region', { name: 'Counted in one and not the other' });
    await section.getByLabel('Period', { exact: true }).selectOption('2024-03');
    await section.getByRole('button', { name: 'Counted by A, not by B (1)' }).waitFor({ timeout: 60_000 });
    const subscriber = section.locator('.customer-list > li').filter({ hasText: 'counted by A, not by B' });
    await subscriber.waitFor();
    expect(await subscriber.locator('strong').first().textContent()).toBe('C');
    expect(describeViolations(await seriousViolations(page))).toEqual([]);
    await screenshot(page, 'subscription-compare');
    await page.setViewportSize({ width: 375, height: 812 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'subscription-compare-375px');
    await close();
  });

  it('fits a 375 px phone', async () => {
    const { page, close } = await openPage(browser, `/datasets/${DATASET}?at=2024-03`, {
      width: 375,
      height: 812,
    });
    await page.getByRole('heading', { name: /^MRR bridge, Mar 2024/ }).waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'subscription-dashboard-375px');
    await close();
  });
});
