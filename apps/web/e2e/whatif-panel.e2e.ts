import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, screenshot } from './artifacts.ts';
import { describeViolations, seriousViolations } from './axe.ts';
import { e2eSkipped, launchChromium } from './browser.ts';
import { readTiles } from './dashboard.ts';
import { apiClient, openPage } from './session.ts';

const DEMO = 'demo';

/** The figure the panel shows per year (its `data-value`, the unrounded projection). */
async function shownPerYear(page: Page): Promise<number> {
  const figure = page.locator('.whatif-year');
  await figure.waitFor();
  return Number(await figure.getAttribute('data-value'));
}

describe.skipIf(e2eSkipped())('the what-if panel (issue 13)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("shows metric.whatif's figure per year for the target in the URL, and follows the slider", async () => {
    const { page, close } = await openPage(browser, `/datasets/${DEMO}?whatif=22`);
    await readTiles(page);
    const client = apiClient();
    const at22 = await client.metric.whatif.query({ dataset: DEMO, definition: {}, target: 0.22 });
    expect(at22.perYear).not.toBeNull();
    expect(await shownPerYear(page)).toBe(at22.perYear!.value);
    const strong = page.locator('.whatif-year strong');
    expect(await strong.textContent()).toContain(
      at22.perYear!.value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    );
    expect(Number(await page.locator('.whatif-period').getAttribute('data-value'))).toBe(
      at22.periods.at(-1)!.projectedExtra.value,
    );

    // One step right on the keyboard: 22.5%, kept in the URL.
    const slider = page.getByRole('slider', { name: 'Target rate' });
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForURL(/whatif=22\.5/);
    const at225 = await client.metric.whatif.query({ dataset: DEMO, definition: {}, target: 0.225 });
    await page.locator(`.whatif-year[data-value="${at225.perYear!.value}"]`).waitFor();
    expect(at225.perYear!.value).toBeGreaterThan(at22.perYear!.value);

    await page.getByText('Assumptions').click();
    expect(describeViolations(await seriousViolations(page))).toEqual([]);
    await page.locator('.whatif').scrollIntoViewIfNeeded();
    await screenshot(page, 'whatif-panel-1280px');
    await page.locator('.whatif').screenshot({ path: join(ARTIFACTS, 'whatif-panel-only-1280px.png') });
    await close();
  });

  it("shows metric.whatif's expansion MRR and ARR on the subscription dashboard", async () => {
    const dataset = 'demo-subscriptions';
    const { page, close } = await openPage(browser, `/datasets/${dataset}?whatif=30`);
    const year = page.locator('.whatif-year');
    await year.waitFor({ timeout: 60_000 });
    const whatIf = await apiClient().metric.whatif.query({
      dataset,
      definition: {
        metric: 'subscription-upsell-rate',
        rule: 'expansion',
        eligible: 'existing',
        period: 'month',
        industry: 'saas',
      },
      target: 0.3,
    });
    expect(whatIf.money).toBe('mrr');
    expect(Number(await year.getAttribute('data-value'))).toBe(whatIf.perYear!.value);
    expect(Number(await page.locator('.whatif-arr').getAttribute('data-value'))).toBe(whatIf.arr!.value);
    await page
      .locator('.whatif')
      .screenshot({ path: join(ARTIFACTS, 'whatif-panel-subscriptions-1280px.png') });
    await close();
  });

  it('fits a 375 px phone', async () => {
    const { page, close } = await openPage(browser, `/datasets/${DEMO}?whatif=22`, {
      width: 375,
      height: 812,
    });
    await readTiles(page);
    await page.locator('.whatif-year').waitFor();
    const overflow = await page
      .locator('.dashboard')
      .evaluate((dashboard) => dashboard.scrollWidth - dashboard.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByText('Assumptions').click();
    await screenshot(page, 'whatif-panel-375px');
    await page.locator('.whatif').screenshot({ path: join(ARTIFACTS, 'whatif-panel-only-375px.png') });
    await close();
  });
});
