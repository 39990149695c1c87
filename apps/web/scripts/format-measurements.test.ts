import { describe, expect, it } from 'vitest';
import { formatDashboardLoads, median } from './format-measurements.ts';
import type { DashboardLoad } from './time-to-dashboard.ts';

describe('median', () => {
  it('is the middle value of an odd count, whatever the order', () => {
    expect(median([900, 100, 500])).toBe(500);
  });

  it('is the mean of the two middle values of an even count', () => {
    expect(median([1, 2, 3, 10])).toBe(2.5);
  });

  it('refuses no values', () => {
    expect(() => median([])).toThrow('median: no values');
  });
});

describe('formatDashboardLoads', () => {
  const load = (tiles: number): DashboardLoad => ({
    responseStart: 5,
    domContentLoaded: 50,
    tiles,
    requests: [{ name: '/trpc/metric.query', start: 100, end: 120 }],
  });

  it('judges the median against the 1 s target, not the max', () => {
    const [head] = formatDashboardLoads('cold', [load(400), load(2000), load(600)], true);
    expect(head).toBe('  cold: median 600 ms, max 2000 ms (target <= 1000 ms) PASS');
  });

  it('says MISS when the median is over the target', () => {
    const [head] = formatDashboardLoads('cold', [load(1200), load(1001), load(600)], true);
    expect(head).toBe('  cold: median 1001 ms, max 1200 ms (target <= 1000 ms) MISS');
  });

  it('shows the requests of the median run', () => {
    const lines = formatDashboardLoads('warm', [load(300), load(200), load(100)], false);
    expect(lines).toContain('    what run 2 fetched before the tiles showed (start -> end):');
    expect(lines.at(-1)).toBe('       100 ms ->  120 ms  /trpc/metric.query');
  });
});
