import { generateSample } from '@upsell/sample';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './artifacts.ts';
import { describeViolations, seriousViolations } from './axe.ts';
import { e2eSkipped, launchChromium } from './browser.ts';
import { rateTile, readTiles } from './dashboard.ts';
import { openPage } from './session.ts';

/** A page in a given state: where to open it, how to get it there, and its window. */
interface PageState {
  name: string;
  path: string;
  ready(page: Page): Promise<void>;
  signIn?: boolean;
  width?: number;
}

const heading = (name: string) => async (page: Page) => {
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page
    .getByRole('status')
    .filter({ hasText: /^Loading/ })
    .waitFor({ state: 'detached' });
};

// The alerts page loads three lists: ready when the last one's heading is there and none is loading.
const alerts = async (page: Page) => {
  await page.getByRole('heading', { level: 1, name: 'Alerts' }).waitFor();
  await page.getByRole('heading', { name: 'Deliveries' }).waitFor();
  await page.waitForFunction(() => !document.body.textContent?.includes('Loading the'));
};

const dashboard = async (page: Page) => {
  await readTiles(page);
};

// Compare with its default B: the chart and the customers counted by one and not the other.
const compare = async (page: Page) => {
  await page.getByRole('heading', { name: 'Row by row' }).waitFor();
  await page.getByRole('figure', { name: 'A and B by period' }).waitFor();
  await page
    .getByRole('region', { name: 'Counted in one and not the other' })
    .getByRole('button', { name: /^Counted by A, not by B/ })
    .waitFor({ timeout: 60_000 });
};

const chooseFile = async (page: Page, name: string, rows: number) => {
  const csv = Buffer.from([...generateSample({ rows, seed: 11 })].join(''));
  await page
    .getByLabel('Choose a CSV, NDJSON or Excel file')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: csv });
  await page.getByRole('heading', { name: 'First rows' }).waitFor();
};

const STATES: PageState[] = [
  {
    name: 'sign-in',
    path: '/',
    signIn: false,
    ready: async (page) => void (await page.getByLabel('API token').waitFor()),
  },
  { name: 'datasets', path: '/datasets', ready: heading('Datasets') },
  { name: 'datasets at 375 px', path: '/datasets', width: 375, ready: heading('Datasets') },
  { name: 'upload', path: '/datasets/new', ready: heading('Upload a file') },
  {
    name: 'upload with a preview',
    path: '/datasets/new',
    ready: async (page) => chooseFile(page, 'a11y-preview.csv', 200),
  },
  {
    name: 'import report',
    path: '/datasets/new',
    ready: async (page) => {
      await chooseFile(page, 'a11y-report.csv', 300);
      await page.getByRole('button', { name: 'Upload and import' }).click();
      await page.getByRole('heading', { name: 'Import report' }).waitFor();
    },
  },
  { name: 'dashboard', path: '/datasets/demo', ready: dashboard },
  { name: 'dashboard at 375 px', path: '/datasets/demo', width: 375, ready: dashboard },
  {
    name: 'dashboard with the trend as a table',
    path: '/datasets/demo',
    ready: async (page) => {
      await dashboard(page);
      await page.getByRole('button', { name: 'Table', exact: true }).first().click();
      await page.getByRole('table').first().waitFor();
    },
  },
  {
    name: 'dashboard segmented by channel',
    path: '/datasets/demo?by=channel',
    ready: async (page) => {
      await dashboard(page);
      await page
        .getByRole('heading', { name: /channel/i })
        .first()
        .waitFor();
      await page.getByText('Computing…').waitFor({ state: 'detached' });
    },
  },
  {
    name: 'drill-down',
    path: '/datasets/demo',
    ready: async (page) => {
      await dashboard(page);
      await rateTile(page).click();
      await page
        .getByRole('dialog')
        // The pager (the summary above it says "of ... customers" too, once the row has loaded).
        .getByRole('status')
        .filter({ hasText: /of [\d,]+ customers/ })
        .waitFor();
    },
  },
  {
    name: 'compare',
    path: '/datasets/demo/compare',
    ready: compare,
  },
  { name: 'compare at 375 px', path: '/datasets/demo/compare', width: 375, ready: compare },
  {
    name: 'datasets with their latest rates',
    path: '/datasets',
    ready: async (page) => {
      await heading('Datasets')(page);
      await page.locator('.dataset-headline-rate').first().waitFor({ timeout: 60_000 });
    },
  },
  { name: 'a missing dataset', path: '/datasets/no-such-dataset', ready: heading('No such dataset') },
  { name: 'an unknown path', path: '/no/such/page', ready: heading('No page here') },
  { name: 'definitions', path: '/definitions', ready: heading('Definitions') },
  { name: 'targets', path: '/targets', ready: heading('Targets') },
  { name: 'tokens', path: '/tokens', ready: heading('Tokens') },
  { name: 'alerts', path: '/alerts', ready: alerts },
  { name: 'alerts at 375 px', path: '/alerts', width: 375, ready: alerts },
];

describe.skipIf(e2eSkipped())('accessibility (axe-core): no serious or critical violations', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(STATES)('on $name', async (state) => {
    const { page, close } = await openPage(browser, state.path, {
      signIn: state.signIn ?? true,
      width: state.width ?? 1280,
    });
    await state.ready(page);
    const violations = await seriousViolations(page);
    if (violations.length > 0) await screenshot(page, `axe-${state.name.replace(/\W+/g, '-')}`);
    expect(describeViolations(violations)).toEqual([]);
    await close();
  });
});
