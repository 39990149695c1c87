import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { uploadFile } from '@upsell/client/node';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, screenshot } from './artifacts.ts';
import { describeViolations, seriousViolations } from './axe.ts';
import { e2eSkipped, launchChromium } from './browser.ts';
import { readTiles } from './dashboard.ts';
import { apiClient, openPage } from './session.ts';

const DEMO = 'demo';

/** SUBSCRIPTIONS.md's worked example, imported through the API under a name of this file's own. */
const STATES = 'cohort-states';
const STATES_FILE = new URL('../../../examples/subscriptions/worked-example-states.csv', import.meta.url);

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

  describe('of a subscription dataset (the worked example)', () => {
    beforeAll(async () => {
      const client = apiClient();
      await client.dataset.create.mutate({ name: STATES });
      const upload = await uploadFile(client, fileURLToPath(STATES_FILE));
      const imported = await client.dataset.import.mutate({
        dataset: STATES,
        uploadId: upload.uploadId,
        fileName: 'worked-example-states.csv',
      });
      expect(imported.dataset).toMatchObject({ kind: 'subscriptions', accepted: 8 });
    });

    for (const width of [1280, 375]) {
      it(`shows at ${width} px the cohorts by first subscription and, chosen, their net revenue retention (axe clean at 1280, nothing wider than the window at 375)`, async () => {
        const { page, close } = await openPage(browser, `/datasets/${STATES}`, { width, height: 900 });
        await page.getByRole('heading', { name: /^MRR bridge, May 2024/ }).waitFor({ timeout: 60_000 });
        const section = page.getByRole('region', { name: 'Cohorts and time to first upsell' });
        await section
          .getByText(/^When do subscribers buy more, and how much revenue does each cohort keep\?/)
          .waitFor();
        await section.getByRole('button', { name: 'Show cohorts' }).click();
        // Share upsold first: A, January's one upsold customer of three, upgraded in March.
        await section
          .getByRole('cell', { name: 'Jan 2024 cohort, 2 periods since: 33.3% upsold (1 of 3)' })
          .waitFor();
        await section.getByRole('button', { name: 'Net revenue retention' }).click();
        expect(
          await section.getByRole('button', { name: 'Net revenue retention' }).getAttribute('aria-pressed'),
        ).toBe('true');
        // January's cohort: A at 30 after its upgrade and B at 10, of the 30 the three started with.
        const cell = section.getByRole('cell', {
          name: 'Jan 2024 cohort, 2 periods since: 133.3% net revenue retention ($40.00 of $30.00 starting MRR)',
        });
        await cell.waitFor();
        expect(await cell.textContent()).toBe('133.3%');
        // C's seats and add-on: 35 of 10.
        expect(
          await section
            .getByRole('cell', { name: /^Feb 2024 cohort, 1 period since: 350\.0% net revenue retention/ })
            .textContent(),
        ).toBe('350.0%');
        await section
          .getByRole('heading', { name: 'Days from first subscription to first upsell' })
          .waitFor();
        // C upsold 43 days after its first subscription, A 65: the median is 65.
        expect(
          await section.locator('.first-upsell-table tbody tr').first().locator('td').nth(4).textContent(),
        ).toBe('65');
        if (width === 375) {
          const overflow = await page
            .locator('.dashboard')
            .evaluate((dashboard) => dashboard.scrollWidth - dashboard.clientWidth);
          expect(overflow).toBeLessThanOrEqual(0);
        } else {
          expect(describeViolations(await seriousViolations(page))).toEqual([]);
        }
        await section.scrollIntoViewIfNeeded();
        await section.screenshot({
          path: join(ARTIFACTS, `subscription-cohorts-nrr-${width}px.png`),
          animations: 'disabled',
        });
        await close();
      });
    }
  });
});
