import type { Locator, Page } from 'playwright-core';

/** The tile of a rate (a button: it opens the drill-down), found by the metric's name. */
export const rateTile = (page: Page, metric = 'Customer upsell rate'): Locator =>
  page.getByRole('button', { name: new RegExp(`^${metric}`) });

/** The tiles' heading, `Latest period: Q4 2024`. */
export const latestHeading = (page: Page): Locator => page.getByRole('heading', { name: /^Latest period: / });

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A period label as the dashboard says it, written here on its own (not with the UI's code) so
 * the tests check the UI's words: `2024-Q4` -> `Q4 2024`, `2024-03` -> `Mar 2024`, `2024-W10` ->
 * `W10 2024`, `2024-03-07` -> `7 Mar 2024`.
 */
export function shownPeriod(period: string): string {
  const fiscal = /^(FY\d{4})-(Q[1-4])$/.exec(period);
  if (fiscal) return `${fiscal[2]} ${fiscal[1]}`;
  const [year, part, day] = period.split('-');
  if (part === undefined) return period === 'all' ? 'All time' : period;
  if (/^[QW]/.test(part)) return `${part} ${year}`;
  const month = MONTHS[Number(part) - 1];
  return day === undefined ? `${month} ${year}` : `${Number(day)} ${month} ${year}`;
}

/** The period label behind the dashboard's words: `Q4 2024` -> `2024-Q4` (the inverse of {@link shownPeriod}). */
export function periodOf(shown: string): string {
  if (shown === 'All time') return 'all';
  const words = shown.split(' ');
  if (words.length === 2 && /^[QW]/.test(words[0] ?? '')) return `${words[1]}-${words[0]}`;
  if (/^FY\d{4}$/.test(shown)) return shown;
  const month = (name: string | undefined) => String(MONTHS.indexOf(name ?? '') + 1).padStart(2, '0');
  if (words.length === 2) return `${words[1]}-${month(words[0])}`;
  if (words.length === 3) return `${words[2]}-${month(words[1])}-${(words[0] ?? '').padStart(2, '0')}`;
  return shown;
}

/**
 * Waits until the dashboard's tiles show numbers for a current (not placeholder) result whose
 * latest period matches `period` (a period label, as the API writes it), and returns the period
 * label and the rate tile's text, e.g. `{ period: '2024-Q4', rate: '12.3%' }`.
 */
export async function readTiles(
  page: Page,
  period: RegExp = /.+/,
): Promise<{ period: string; rate: string }> {
  const heading = latestHeading(page);
  await heading.waitFor();
  const latest = async () => periodOf(((await heading.textContent()) ?? '').replace('Latest period: ', ''));
  for (let waited = 0; !period.test(await latest()); waited += 100) {
    if (waited > 60_000) throw new Error(`the latest period stayed ${await latest()}, not ${period}`);
    await page.waitForTimeout(100);
  }
  await page.getByText('Updating…').waitFor({ state: 'detached' });
  const value = rateTile(page).locator('.tile-value');
  await value.filter({ hasText: /^\d+\.\d%$/ }).waitFor();
  return { period: await latest(), rate: (await value.textContent()) ?? '' };
}

/** Opens the definition form from its one-line summary (if it is not open yet). */
export async function openDefinition(page: Page): Promise<void> {
  const edit = page.getByRole('button', { name: 'Edit the definition' });
  if (await edit.isVisible()) await edit.click();
  await page.getByRole('form', { name: 'Definition' }).waitFor();
}

/** A fraction as the UI shows it: one decimal, `12.3%`. */
export const asPercent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;

/** A count as the UI shows it: `1,234`. */
export const asCount = (count: number) => count.toLocaleString('en-US');
