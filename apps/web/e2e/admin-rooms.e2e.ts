import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './artifacts.ts';
import { e2eSkipped, launchChromium } from './browser.ts';
import { rateTile, readTiles } from './dashboard.ts';
import { apiClient, openPage } from './session.ts';

const DEMO = 'demo';

/**
 * The admin UI's rooms besides the dashboard itself (issue 10): the drill-down's order and
 * dates, compare's default B, chart and customers of one and not the other, the datasets list's
 * latest rates, the not-found pages and the tokens page.
 */
describe.skipIf(e2eSkipped())('the admin UI’s other rooms in chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists the numerator’s customers first in the drill-down, with dates in human form, and at 375 px too', async () => {
    for (const width of [1280, 375]) {
      const { page, close } = await openPage(browser, `/datasets/${DEMO}`, { width, height: 812 });
      const { period } = await readTiles(page);
      await rateTile(page).click();
      const dialog = page.getByRole('dialog');
      await dialog
        .getByRole('status')
        .filter({ hasText: /of [\d,]+ customers/ })
        .waitFor();
      const api = await apiClient().metric.customers.query({ dataset: DEMO, period, limit: 20 });
      const numerator = api.row?.numerator ?? 0;
      const tags = await dialog.locator('.customer-list > li .customer-head .tag').first().allTextContents();
      expect(tags[0]).toBe(numerator > 0 ? 'In the numerator' : 'Denominator only');
      const heads = await dialog
        .locator('.customer-list > li')
        .evaluateAll((items) => items.map((item) => item.classList.contains('in-numerator')));
      // Every page starts with the numerator: true ... true, then false ... false.
      expect(heads).toEqual([...heads].sort((x, y) => Number(y) - Number(x)));
      expect(heads.filter(Boolean).length).toBe(Math.min(numerator, heads.length));
      const when = await dialog.locator('.lines-table time').first().textContent();
      expect(when).toMatch(/^(\d{1,2} [A-Z][a-z]{2} \d{4}|[A-Z][a-z]{2} \d{1,2}, \d{4}), \d{2}:\d{2}$/);
      if (width === 375) {
        // The dialog scrolls, not the page sideways, and the reason is in view, not cut.
        const reason = dialog.locator('.lines-table td.reason').first();
        const box = await reason.boundingBox();
        expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(375);
        await screenshot(page, 'drill-down-375px', { fullPage: false });
      }
      await close();
    }
  });

  it('compares A with a meaningful B by default: a chart, and the customers counted by one and not the other', async () => {
    const { page, close } = await openPage(browser, `/datasets/${DEMO}/compare`);
    await page.getByRole('heading', { name: 'Row by row' }).waitFor({ timeout: 60_000 });
    const b = page.getByRole('form', { name: 'Definition B' });
    expect(await b.getByLabel('Upsell rule').inputValue()).toBe('additional');
    await page.getByText('Why this B:').waitFor();
    await page.getByRole('figure', { name: 'A and B by period' }).waitFor();
    const section = page.getByRole('region', { name: 'Counted in one and not the other' });
    const period = await section.getByLabel('Period', { exact: true }).inputValue();
    const counts = await apiClient().metric.compareCustomers.query({
      dataset: DEMO,
      a: { rule: 'auto', by: [] },
      b: { rule: 'additional', by: [] },
      period,
      side: 'b-only',
      limit: 20,
    });
    const onlyB = section.getByRole('button', {
      name: `Counted by B, not by A (${counts.bOnly.toLocaleString('en-US')})`,
    });
    await onlyB.click();
    expect(await onlyB.getAttribute('aria-pressed')).toBe('true');
    if (counts.bOnly > 0) {
      const first = counts.page.customers?.[0]?.customerId ?? '';
      await section.locator('.customer-list > li').first().filter({ hasText: first }).waitFor();
    }
    await screenshot(page, 'compare-default-b');
    await close();
  });

  it('shows each dataset’s latest rate and a sparkline in the list, as the API’s headline says', async () => {
    const { page, close } = await openPage(browser, '/datasets');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: DEMO, exact: true }) });
    const headline = await apiClient().dataset.headline.query({ id: DEMO });
    const rate = `${((headline.latest?.rate ?? 0) * 100).toFixed(1)}%`;
    await row.locator('.dataset-headline-rate').filter({ hasText: rate }).waitFor({ timeout: 60_000 });
    expect(await row.locator('.band-word').textContent()).toContain(headline.latest?.band ?? '');
    expect(await row.locator('svg.sparkline').count()).toBe(headline.trend.length > 1 ? 1 : 0);
    await close();
  });

  it('shows a not-found page for a missing dataset and an unknown path, with the way back', async () => {
    const { page, close } = await openPage(browser, '/datasets/no-such-dataset');
    await page.getByRole('heading', { level: 1, name: 'No such dataset' }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'not-found-dataset');
    await page.getByRole('link', { name: 'Go to the datasets' }).click();
    await page.getByRole('heading', { level: 1, name: 'Datasets' }).waitFor();
    await page.goto(new URL('/no/such/page', page.url()).href);
    await page.getByRole('heading', { level: 1, name: 'No page here' }).waitFor();
    await close();
  });

  it('offers no revoke control on the signed-in token when it is the last admin token, and names it in the header', async () => {
    const { page, close } = await openPage(browser, '/tokens');
    await page.getByRole('heading', { level: 1, name: 'Tokens' }).waitFor();
    const me = await apiClient().token.me.query();
    const admins = (await apiClient().token.list.query()).filter((t) => t.role === 'admin' && !t.revokedAt);
    const own = page.getByRole('row').filter({ hasText: 'you are signed in with it' });
    await own.waitFor();
    const revoke = own.getByRole('button', { name: /^Revoke/ });
    if (admins.length === 1) {
      expect(await revoke.count()).toBe(0);
      await own.getByText('Not revocable: the last admin token').waitFor();
      await page.getByText(/You are signed in with the only admin token/).waitFor();
    } else {
      expect(await revoke.count()).toBe(1);
    }
    const header = page.getByRole('banner');
    expect(await header.locator('.role-badge').textContent()).toContain(me.role);
    expect(await header.locator('.who-name').getAttribute('title')).toBe(
      `Signed in with the token “${me.name}”`,
    );
    await screenshot(page, 'tokens-last-admin');
    await close();
  });
});
