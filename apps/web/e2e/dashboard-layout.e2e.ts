import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './artifacts.ts';
import { describeViolations, seriousViolations } from './axe.ts';
import { e2eSkipped, launchChromium } from './browser.ts';
import { openDefinition, rateTile, readTiles, shownPeriod } from './dashboard.ts';
import { apiClient, openPage } from './session.ts';

const DEMO = 'demo';

describe.skipIf(e2eSkipped())('the dashboard, numbers first (issue 10)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the headline rate on the first screen of a 375 px phone, nothing wider than the window', async () => {
    const { page, close } = await openPage(browser, `/datasets/${DEMO}`, { width: 375, height: 812 });
    await readTiles(page);
    const value = await rateTile(page).locator('.tile-value').boundingBox();
    expect(value).not.toBeNull();
    expect(value!.y + value!.height).toBeLessThanOrEqual(812);
    const overflow = await page
      .locator('.dashboard')
      .evaluate((dashboard) => dashboard.scrollWidth - dashboard.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'dashboard-first-screen-375px', { fullPage: false });
    await close();
  });

  it('says the definition in one line above the tiles, and opens the form from Edit, axe clean', async () => {
    const { page, close } = await openPage(browser, `/datasets/${DEMO}`);
    await readTiles(page);
    const result = await apiClient().metric.query.query({ dataset: DEMO, definition: {} });
    const line = page.getByText(
      `Customer upsell rate, ${result.definition.rule} rule, all customers, by quarter, UTC`,
      { exact: true },
    );
    await line.waitFor();
    const lineBox = await line.boundingBox();
    const tilesBox = await page.locator('.tiles').boundingBox();
    expect(lineBox!.y).toBeLessThan(tilesBox!.y);
    expect(await page.getByRole('form', { name: 'Definition' }).count()).toBe(0);

    const edit = page.getByRole('button', { name: 'Edit the definition' });
    expect(await edit.getAttribute('aria-expanded')).toBe('false');
    await edit.focus();
    await page.keyboard.press('Enter');
    await openDefinition(page);
    expect(
      await page.getByRole('button', { name: 'Done editing the definition' }).getAttribute('aria-expanded'),
    ).toBe('true');
    expect(describeViolations(await seriousViolations(page))).toEqual([]);
    await screenshot(page, 'dashboard-definition-open');
    await close();
  });

  it('shows upsell revenue compact, the full figure in its title, as the API computes it', async () => {
    const { page, close } = await openPage(browser, `/datasets/${DEMO}`);
    await readTiles(page);
    const result = await apiClient().metric.query.query({ dataset: DEMO, definition: {} });
    const revenue = result.rows.at(-1)?.revenue;
    expect(revenue).toBeTruthy();
    const value = page.getByRole('button', { name: /^Upsell revenue/ }).locator('.tile-value .money');
    const full = revenue!.upsell.toLocaleString('en-US', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    expect(await value.getAttribute('title')).toBe(full);
    expect(await value.textContent()).toMatch(/^\d+(\.\d)?[KMB]$/);
    await close();
  });

  it('shows the segments by period beside the bars; a cell says its rate and opens its drill-down', async () => {
    const { page, close } = await openPage(browser, `/datasets/${DEMO}?by=channel`);
    await readTiles(page);
    const result = await apiClient().metric.query.query({ dataset: DEMO, definition: { by: ['channel'] } });
    const heatmap = page.getByRole('table', { name: /by segment and period/ });
    await heatmap.waitFor();
    const latest = result.rows.at(-1)!;
    const channel = latest.segment.channel!;
    const cell = heatmap.getByRole('button', {
      name: new RegExp(`^${channel}, ${shownPeriod(latest.period)}: ${(latest.rate * 100).toFixed(1)}%`),
    });
    expect(await cell.textContent()).toMatch(/^\d+\.\d%\??$/);
    // Beside the bars on a wide window.
    const bars = await page.locator('.segment-views figure').boundingBox();
    const table = await heatmap.boundingBox();
    expect(table!.x).toBeGreaterThan(bars!.x + bars!.width - 1);
    await screenshot(page, 'dashboard-segments-heatmap');
    await cell.click();
    await page
      .getByRole('dialog', { name: `Customers behind ${shownPeriod(latest.period)}, ${channel}` })
      .waitFor();
    await close();
  });
});
