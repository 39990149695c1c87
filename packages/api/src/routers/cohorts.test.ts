import { testBackends } from '@upsell/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApi, seedDataset, type TestApi } from '../testing/index.ts';

describe.each(testBackends().filter((b) => b.name === 'pglite'))('metric.cohorts on $name', (backend) => {
  let api: TestApi;
  let viewer: ReturnType<TestApi['caller']>;
  let admin: ReturnType<TestApi['caller']>;
  beforeEach(async () => {
    api = await openTestApi({ backend });
    viewer = api.caller(api.tokens.viewer);
    admin = api.caller(api.tokens.admin);
    await seedDataset(admin, 'shop');
  });
  afterEach(() => api.close());

  it('gives the month cohorts and the days to first upsell of the tiers example, worked by hand', async () => {
    // A (online) from 2024-01-05, upsold 2024-03-02: 57 days, two months on. B (sales) from
    // 2024-01-20, upsold 2024-03-09: 49 days. C (online) from 2024-02-14, never: censored at
    // the last line, 2024-03-09, after 24 days.
    const report = await viewer.metric.cohorts({
      dataset: 'shop',
      definition: { period: 'month', by: ['channel'] },
    });
    expect(report).toMatchObject({ asOf: '2024-03-09', periodsSince: 3, datasetVersion: 1, cached: false });
    expect(report.cohorts).toEqual([
      { cohort: '2024-01', customers: 2, upsold: [0, 0, 2], share: [0, 0, 1] },
      { cohort: '2024-02', customers: 1, upsold: [0, 0], share: [0, 0] },
    ]);
    // All: 3 at risk at 24 (C censored), 2 at 49 (S = 1/2), 1 at 57 (S = 0).
    expect(report.timeToFirstUpsell.map((t) => [t.segment, t.q1, t.median, t.q3])).toEqual([
      [{}, 49, 49, 57],
      [{ channel: 'online' }, 57, 57, 57],
      [{ channel: 'sales' }, 49, 49, 49],
    ]);
    expect(report.timeToFirstUpsell[0]!.curve.map((s) => [s.time, s.atRisk, s.survival])).toEqual([
      [24, 3, 1],
      [49, 2, 0.5],
      [57, 1, 0],
    ]);
    expect(
      (await viewer.metric.cohorts({ dataset: 'shop', definition: { period: 'month', by: ['channel'] } }))
        .cached,
    ).toBe(true);
  });

  it('refuses an unknown dataset and a bad definition', async () => {
    await expect(viewer.metric.cohorts({ dataset: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      viewer.metric.cohorts({
        dataset: 'shop',
        definition: { period: 'month', from: '2024-03', to: '2024-01' },
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
