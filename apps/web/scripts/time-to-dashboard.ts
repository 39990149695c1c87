import type { Browser } from 'playwright-core';
import { signIn } from '../e2e/sign-in.ts';

/** One measured load of a dashboard, in milliseconds from the navigation's start. */
export interface DashboardLoad {
  /** The HTML's first byte. */
  responseStart: number;
  /** DOMContentLoaded: the entry module has run. */
  domContentLoaded: number;
  /** The rate tile shows its number. */
  tiles: number;
  /** What the page fetched before the tiles showed, in order: scripts, styles and API calls. */
  requests: { name: string; start: number; end: number }[];
}

/** Options of {@link timeToDashboard}. */
export interface TimeToDashboardOptions {
  /** The dashboard's URL, e.g. `http://127.0.0.1:4000/datasets/big`. */
  url: string;
  token: string;
  runs: number;
  /** Empty the browser's HTTP cache before each run (a first visit's download of the scripts). */
  coldCache: boolean;
}

// Set in the page before any of its scripts: the moment the rate tile first shows a percentage.
const WATCH_TILES = `(() => {
  const seen = () => {
    const value = document.querySelector('.tile-rate .tile-value');
    if (value && /\\d%$/.test(value.textContent || '')) {
      window.__tilesShownAt = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(seen);
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

/**
 * Opens the dashboard `runs` times in one signed-in tab (the token kept in the tab's session
 * storage, as after signing in once) and times each load, from the navigation's start to the
 * rate tile's number. The server should have the definition's result cached already.
 */
export async function timeToDashboard(
  browser: Browser,
  options: TimeToDashboardOptions,
): Promise<DashboardLoad[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await context.addInitScript({ content: WATCH_TILES });
    const page = await context.newPage();
    await page.goto(options.url);
    await signIn(page, options.token);
    const cdp = await context.newCDPSession(page);
    const loads: DashboardLoad[] = [];
    for (let run = 0; run < options.runs; run++) {
      if (options.coldCache) await cdp.send('Network.clearBrowserCache');
      await page.goto('about:blank');
      await page.goto(options.url, { waitUntil: 'commit' });
      await page.waitForFunction(() => '__tilesShownAt' in window, undefined, { timeout: 60_000 });
      loads.push(
        await page.evaluate(() => {
          const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
          const tiles = (window as unknown as { __tilesShownAt: number }).__tilesShownAt;
          const requests = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
            .filter((entry) => entry.startTime <= tiles)
            .map((entry) => {
              const url = new URL(entry.name);
              return { name: url.pathname, start: entry.startTime, end: entry.responseEnd };
            });
          return {
            responseStart: navigation?.responseStart ?? Number.NaN,
            domContentLoaded: navigation?.domContentLoadedEventEnd ?? Number.NaN,
            tiles,
            requests,
          };
        }),
      );
    }
    return loads;
  } finally {
    await context.close();
  }
}
