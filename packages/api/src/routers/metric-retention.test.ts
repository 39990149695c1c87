import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { computeRetention } from '@upsell/core';
import { testBackends } from '@upsell/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApi, seedDataset, type TestApi } from '../testing/index.ts';

const REPO_ROOT = join(import.meta.dirname, '../../../..');

// The example of docs/metrics.md, "Retention KPIs".
const EXAMPLE = `order_id,customer_id,purchased_at,product_id,amount,channel
a1,A,2024-01-05T10:00:00Z,p,10.00,web
a2,A,2024-01-20T10:00:00Z,p,20.00,web
a3,A,2024-02-10T10:00:00Z,p,30.00,web
b1,B,2024-01-10T10:00:00Z,p,50.00,web
b2,B,2024-03-15T10:00:00Z,p,40.00,web
c1,C,2024-02-01T10:00:00Z,p,25.00,shop
d1,D,2024-02-05T10:00:00Z,p,5.00,shop
d1,D,2024-02-05T10:00:00Z,q,5.00,shop
`;

describe.each(testBackends())('metric.retention on $name', (backend) => {
  let api: TestApi;
  let viewer: ReturnType<TestApi['caller']>;
  beforeEach(async () => {
    api = await openTestApi({ backend });
    viewer = api.caller(api.tokens.viewer);
    await seedDataset(api.caller(api.tokens.admin), 'shop', EXAMPLE);
  });
  afterEach(() => api.close());

  it('gives the KPIs of the docs example, as the core computes them from the file', async () => {
    const result = await viewer.metric.retention({
      dataset: 'shop',
      definition: { period: 'month', by: ['channel'] },
      inactiveAfterDays: 30,
    });
    const lines = EXAMPLE.trim()
      .split('\n')
      .map((l) => l.split(','));
    const expected = computeRetention([{ header: lines[0]!, rows: lines.slice(1) }], {
      definition: { period: 'month', by: ['channel'] },
      inactiveAfterDays: 30,
    });
    expect(result.rows).toEqual(expected.rows);
    expect(result).toMatchObject({ datasetVersion: 1, cached: false, definition: { inactiveAfterDays: 30 } });
    const march = await viewer.metric.retention({
      dataset: 'shop',
      definition: { period: 'month' },
      inactiveAfterDays: 30,
    });
    expect(march.rows.at(-1)?.churnRate).toEqual({ numerator: 3, denominator: 4, rate: 0.75 });
  });

  it('defaults to churn after 90 days and answers again from the cache', async () => {
    const first = await viewer.metric.retention({ dataset: 'shop', definition: { period: 'month' } });
    expect(first.definition.inactiveAfterDays).toBe(90);
    // Nobody goes 90 days without an order inside these three months.
    expect(first.rows.map((r) => r.churnRate?.numerator)).toEqual([0, 0, 0]);
    const again = await viewer.metric.retention({ dataset: 'shop', definition: { period: 'month' } });
    expect(again.cached).toBe(true);
  });

  it('lists the customers behind a KPI', async () => {
    const result = await viewer.metric.retention({
      dataset: 'shop',
      definition: { period: 'month', by: ['channel'] },
      inactiveAfterDays: 30,
      drill: { kind: 'churned', period: '2024-03', segment: { channel: 'shop' } },
    });
    expect(result.drill).toEqual({
      kind: 'churned',
      period: '2024-03',
      segment: { channel: 'shop' },
      customers: ['C', 'D'],
    });
  });

  it('refuses a subscription dataset with KIND_MISMATCH, naming what it has instead', async () => {
    const analyst = api.caller(api.tokens.analyst);
    await analyst.dataset.create({ name: 'saas' });
    const upload = await analyst.dataset.upload(
      new Blob([await readFile(join(REPO_ROOT, 'examples/subscriptions/worked-example-states.csv'))]),
    );
    await analyst.dataset.import({ dataset: 'saas', uploadId: upload.uploadId, fileName: 'states.csv' });
    await expect(viewer.metric.retention({ dataset: 'saas' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('NRR and GRR'),
    });
  });

  it('refuses a negative number of days', async () => {
    await expect(
      viewer.metric.retention({ dataset: 'shop', definition: {}, inactiveAfterDays: -1 }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
