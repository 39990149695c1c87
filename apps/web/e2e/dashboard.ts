import type { Locator, Page } from 'playwright-core';

/** The tile of a rate (a button: it opens the drill-down), found by the metric's name. */
export const rateTile = (page: Page, metric = 'Customer upsell rate'): Locator =>
  page.getByRole('button', { name: new RegExp(`^${metric}`) });

/** The tiles' heading, `Latest period: 2024-Q4`. */
export const latestHeading = (page: Page): Locator => page.getByRole('heading', { name: /^Latest period: / });

/**
 * Waits until the dashboard's tiles show numbers for a current (not placeholder) result and
 * returns the latest period and the rate tile's text, e.g. `{ period: '2024-Q4', rate: '12.3%' }`.
 */
export async function readTiles(
  page: Page,
  period: RegExp = /.+/,
): Promise<{ period: string; rate: string }> {
  const heading = latestHeading(page).filter({ hasText: period });
  await heading.waitFor();
  await page.getByText('Updating…').waitFor({ state: 'detached' });
  const value = rateTile(page).locator('.tile-value');
  await value.filter({ hasText: /^\d+\.\d%$/ }).waitFor();
  const headingText = (await heading.textContent()) ?? '';
  return { period: headingText.replace('Latest period: ', ''), rate: (await value.textContent()) ?? '' };
}

/** A fraction as the UI shows it: one decimal, `12.3%`. */
export const asPercent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;

/** A count as the UI shows it: `1,234`. */
export const asCount = (count: number) => count.toLocaleString('en-US');
