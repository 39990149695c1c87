import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, screenshot } from './artifacts.ts';
import { describeViolations, seriousViolations } from './axe.ts';
import { e2eSkipped, launchChromium } from './browser.ts';
import { readTiles } from './dashboard.ts';
import { apiClient, openPage } from './session.ts';

const DEMO = 'demo';

describe.skipIf(e2eSkipped())('the cohort heatmap (issue 13)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const width of [1280, 375]) {
    it(`shows at ${width} px the cohorts metric.cohorts computes, a cell for a cell (axe clean at 1280, nothing wider than the window at 375)`, async () => {
      const { page, close } = await openPage(browser, `/datasets/${DEMO}?by=channel`, { width, height: 900 });
      await readTiles(page);
      await page.getByRole('button', { name: 'Show cohorts' }).click();
      const report = await apiClient().metric.cohorts.query({
        dataset: DEMO,
        definition: { by: ['channel'] },
      });
      const first = report.cohorts[0]!;
      const since = Math.min(2, first.share.length - 1);
      const share = first.share[since]!;
      // formatPeriod('2024-Q1') is 'Q1 2024'; the label names the cohort, the periods since and the counts.
      const [year, quarter] = first.cohort.split('-');
      const cell = page.getByRole('cell', {
        name: `${quarter} ${year} cohort, ${since} ${since === 1 ? 'period' : 'periods'} since: ${(share * 100).toFixed(1)}% upsold (${first.upsold[since]} of ${first.customers})`,
      });
      await cell.waitFor();
      expect(await cell.textContent()).toBe(`${(share * 100).toFixed(1)}%`);
      const medians = page.locator('.first-upsell-table tbody tr');
      expect(await medians.count()).toBe(report.timeToFirstUpsell.length);
      expect(await medians.first().locator('td').nth(4).textContent()).toBe(
        String(report.timeToFirstUpsell[0]!.median ?? '–'),
      );
      if (width === 375) {
        const overflow = await page
          .locator('.dashboard')
          .evaluate((dashboard) => dashboard.scrollWidth - dashboard.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
      } else {
        expect(describeViolations(await seriousViolations(page))).toEqual([]);
      }
      await page.locator('.cohorts').scrollIntoViewIfNeeded();
      await screenshot(page, `cohorts-${width}px`);
      await page
        .locator('.cohorts')
        .screenshot({ path: join(ARTIFACTS, `cohorts-section-${width}px.png`), animations: 'disabled' });
      await close();
    });
  }
});
