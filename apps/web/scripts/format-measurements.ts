import type { FirstLoad, LoadedFile } from './first-load-js.ts';
import type { DashboardLoad } from './time-to-dashboard.ts';

/** The issue's targets. */
export const TARGETS = { firstLoadJsGzipBytes: 300_000, dashboardMs: 1000 } as const;

/** `PASS` when a target is met, `MISS` when not. */
export const verdict = (met: boolean): 'PASS' | 'MISS' => (met ? 'PASS' : 'MISS');

/** Bytes in kilobytes of 1000, one decimal: `93.6 kB`. */
export const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

const ms = (value: number) => `${Math.round(value)} ms`;

/**
 * The middle value (the mean of the two middle ones for an even count).
 *
 * @example
 * median([5, 1, 3]) // 3
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median: no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const fileLine = (file: LoadedFile) =>
  `    ${file.path.padEnd(44)} ${kB(file.bytes).padStart(9)} ${kB(file.gzipBytes).padStart(9)} gzipped`;

/** The first-load report: each file, the total against the target, the CSS, the lazy chunks. */
export function formatFirstLoad(load: FirstLoad, dashboardLinkGzipBytes: number | undefined): string[] {
  const met = load.jsGzipBytes <= TARGETS.firstLoadJsGzipBytes;
  return [
    'First-load JavaScript: what index.html loads at start (entry + static imports), gzip level 6',
    ...load.js.map(fileLine),
    `  total: ${kB(load.jsGzipBytes)} gzipped (target <= ${kB(TARGETS.firstLoadJsGzipBytes)}) ${verdict(met)}`,
    `  CSS besides, not counted: ${load.css.map((file) => `${file.path} ${kB(file.gzipBytes)} gzipped`).join(', ')}`,
    ...(dashboardLinkGzipBytes === undefined
      ? []
      : [`  opening a dashboard link adds its lazy chunk: ${kB(dashboardLinkGzipBytes)} gzipped in all`]),
    '  lazy chunks, loaded when their page first opens:',
    ...load.lazy.map(fileLine),
  ];
}

/** A series of dashboard loads: median and max, each run, and the requests of the median run. */
export function formatDashboardLoads(
  title: string,
  loads: readonly DashboardLoad[],
  judged: boolean,
): string[] {
  const tiles = loads.map((load) => load.tiles);
  const middle = median(tiles);
  const target = judged
    ? ` (target <= ${ms(TARGETS.dashboardMs)}) ${verdict(middle <= TARGETS.dashboardMs)}`
    : '';
  const typical = loads.findIndex((load) => load.tiles === middle);
  const shown = loads[typical === -1 ? 0 : typical];
  return [
    `  ${title}: median ${ms(middle)}, max ${ms(Math.max(...tiles))}${target}`,
    ...loads.map(
      (load, i) =>
        `    run ${i + 1}: tiles ${ms(load.tiles)} (HTML first byte ${ms(load.responseStart)}, DOMContentLoaded ${ms(load.domContentLoaded)})`,
    ),
    ...(shown
      ? [
          `    what run ${loads.indexOf(shown) + 1} fetched before the tiles showed (start -> end):`,
          ...shown.requests.map(
            (request) =>
              `      ${ms(request.start).padStart(7)} -> ${ms(request.end).padStart(7)}  ${request.name}`,
          ),
        ]
      : []),
  ];
}
