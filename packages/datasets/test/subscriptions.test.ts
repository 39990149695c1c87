import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileStream } from '@upsell/compute';
import { isUpsellError, type MrrMovementsRow } from '@upsell/core';
import type { Database } from '@upsell/db';
import { testBackends } from '@upsell/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDatasetStoreError } from '../src/dataset-store-error.ts';
import { createDatasetStore, type DatasetFileKind, type DatasetStore } from '../src/index.ts';

// Subscription datasets through the store (issue 11): the spec's worked example (SUBSCRIPTIONS.md)
// imported, its kind told by its columns, its bridge and rates exactly the spec's.
const examples = join(import.meta.dirname, '../../../examples');
const WORKED = join(examples, 'subscriptions/worked-example-states.csv');
const SHOP = join(examples, 'shop.csv');
const OWNER = 'a-token-id';

const SPEC_BRIDGE = [
  ['2024-01', 0, 30, 0, 0, 0, 0, 30],
  ['2024-02', 30, 10, 0, 0, 0, 10, 30],
  ['2024-03', 30, 0, 0, 45, 0, 0, 75],
  ['2024-04', 75, 0, 0, 0, 0, 10, 65],
  ['2024-05', 65, 0, 10, 0, 0, 0, 75],
];

/** A bridge's figures per month, in SPEC_BRIDGE's order. */
const bridgeFigures = (bridge: { rows: readonly MrrMovementsRow[] }) =>
  bridge.rows.map((r) => [
    r.period,
    r.mrr_start,
    r.new,
    r.reactivation,
    r.expansion,
    r.contraction,
    r.churn,
    r.mrr_end,
  ]);

/** Every file under a directory, recursively. */
async function keptFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe.each(testBackends())('subscription datasets on $name', (backend) => {
  let database: Database;
  let dataDir: string;
  let store: DatasetStore;
  const importFile = async (
    dataset: string,
    path: string,
    mode: 'import' | 'append' = 'import',
    kind?: DatasetFileKind,
  ) => {
    const { uploadId } = await store.receiveUpload(fileStream(path), { owner: OWNER });
    return store.importFile({
      datasetId: dataset,
      uploadId,
      owner: OWNER,
      fileName: path.split('/').at(-1)!,
      mode,
      ...(kind ? { kind } : {}),
    });
  };
  const write = async (name: string, text: string) => {
    const path = join(dataDir, name);
    await writeFile(path, text);
    return path;
  };

  beforeEach(async () => {
    database = await backend.open();
    dataDir = await mkdtemp(join(tmpdir(), 'upsell-store-subs-'));
    store = await createDatasetStore({ db: database.db, dataDir, threads: 1 });
  });
  afterEach(async () => {
    await store.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("tells a subscription file by its columns, and gives the spec's bridge and rates", async () => {
    const created = await store.create('saas');
    expect(created.kind).toBeNull();
    const { dataset, file } = await importFile(created.id, WORKED);
    expect(file.kind).toBe('subscriptions');
    expect(dataset).toMatchObject({
      kind: 'subscriptions',
      currency: 'USD',
      rows: 8,
      accepted: 8,
      rejected: 0,
      customers: 4,
      dateRange: { first: '2024-01-05T00:00:00.000Z', last: '2024-05-01T00:00:00.000Z' },
    });
    const bridge = await store.movements('saas', { period: 'month' });
    expect(bridgeFigures(bridge)).toEqual(SPEC_BRIDGE);
    expect(bridge.rows[2]!.expansion_by_cause).toEqual({
      upgrade: 20,
      downgrade: 0,
      add_on: 5,
      cancellation: 0,
      quantity: 20,
      price: 0,
    });
    expect(bridge.rows[1]!.nrr).toBeCloseTo(20 / 30, 6);
    expect(bridge.input).toEqual({ rows: 8, accepted: 8, rejected: 0 });
    expect(bridge.cached).toBe(false);
    expect((await store.movements('saas', { period: 'month' })).cached).toBe(true);
    // Fiscal quarters (from April) after calendar months: January to March 2024 is FY2024-Q4.
    const fiscal = await store.movements('saas', { period: 'quarter', fiscalYearStart: 4 });
    expect(fiscal.rows.map((r) => [r.period, r.mrr_start, r.mrr_end])).toEqual([
      ['FY2024-Q4', 0, 75],
      ['FY2025-Q1', 75, 75],
    ]);
    const calendar = await store.movements('saas', { period: 'quarter' });
    expect(calendar.rows.map((r) => r.period)).toEqual(['2024-Q1', '2024-Q2']);
    const fiscalRate = await store.query('saas', {
      metric: 'subscription-upsell-rate',
      period: 'quarter',
      fiscalYearStart: 4,
    });
    expect(fiscalRate.rows.map((r) => r.period)).toEqual(['FY2025-Q1']);
    const rate = await store.query('saas', { metric: 'subscription-upsell-rate', period: 'month' });
    expect(rate.definition.rule).toBe('expansion');
    expect(rate.rows.map((r) => [r.period, r.numerator, r.denominator])).toEqual([
      ['2024-02', 0, 3],
      ['2024-03', 2, 3],
      ['2024-04', 0, 3],
      ['2024-05', 0, 2],
    ]);
    const upgrade = await store.query('saas', {
      metric: 'subscription-upsell-rate',
      rule: 'upgrade',
      period: 'month',
    });
    expect(upgrade.rows.find((r) => r.period === '2024-03')).toMatchObject({ numerator: 1, denominator: 3 });
  });

  it('reads the events shape of the worked example into the same bridge', async () => {
    const events = join(examples, 'subscriptions/worked-example-events.csv');
    const { dataset, file } = await importFile((await store.create('events')).id, events);
    expect(file.kind).toBe('subscriptions');
    expect(dataset.rejected).toBe(0);
    const bridge = await store.movements('events', { period: 'month' });
    expect(bridgeFigures(bridge)).toEqual(SPEC_BRIDGE);
  });

  it('explains a bridge figure with customers whose movements add up to it', async () => {
    const { dataset } = await importFile((await store.create('saas')).id, WORKED);
    const drill = await store.movementCustomers(
      dataset.id,
      { period: 'month' },
      { period: '2024-03', figure: 'expansion' },
      {},
    );
    expect(drill.value).toBe(45);
    expect(drill.customers.map((c) => c.customerId)).toEqual(['A', 'C']);
    const sum = drill.customers.flatMap((c) => c.movements).reduce((total, m) => total + m.value, 0);
    expect(sum).toBe(45);
    const qualifying = await store.movementCustomers(
      dataset.id,
      { period: 'month' },
      { period: '2024-03', figure: 'qualifying' },
      { limit: 1 },
    );
    expect(qualifying.total).toBe(2);
    expect(qualifying.customers.map((c) => c.customerId)).toEqual(['A']);
  });

  it('refuses a file of the other kind, and metrics and drill-downs of the other kind, naming both', async () => {
    const saas = (await importFile((await store.create('saas')).id, WORKED)).dataset;
    const shop = (await importFile((await store.create('shop')).id, SHOP)).dataset;
    expect(shop.kind).toBe('purchases');
    const refused = await importFile(saas.id, SHOP, 'append').catch((e: unknown) => e);
    expect(isDatasetStoreError(refused, 'KIND_MISMATCH')).toBe(true);
    expect((refused as Error).message).toBe(
      'dataset "saas" holds subscriptions, and shop.csv is a purchases file: import it into a purchases dataset',
    );
    const other = await importFile(shop.id, WORKED, 'append').catch((e: unknown) => e);
    expect(isDatasetStoreError(other, 'KIND_MISMATCH')).toBe(true);
    expect((other as Error).message).toContain(
      'holds purchases, and worked-example-states.csv is subscription history',
    );
    const purchaseMetric = await store.query('saas', { period: 'month' }).catch((e: unknown) => e);
    expect(isDatasetStoreError(purchaseMetric, 'KIND_MISMATCH')).toBe(true);
    expect((purchaseMetric as Error).message).toContain(
      'holds subscriptions: customer-upsell-rate is computed from purchase lines',
    );
    const subscriptionMetric = await store
      .query('shop', { metric: 'subscription-upsell-rate' })
      .catch((e: unknown) => e);
    expect((subscriptionMetric as Error).message).toContain(
      'holds purchases: subscription-upsell-rate is computed from subscription history',
    );
    const drill = await store
      .customers('saas', { period: 'month' }, { period: '2024-03' }, {})
      .catch((e: unknown) => e);
    expect((drill as Error).message).toContain('metric.movementCustomers');
    const bridge = await store.movements('shop', { period: 'month' }).catch((e: unknown) => e);
    expect(isDatasetStoreError(bridge, 'KIND_MISMATCH')).toBe(true);
    // Nothing was kept of the refused files.
    expect((await store.get('saas')).files.map((f) => f.kind)).toEqual(['subscriptions']);
  });

  it('keeps a dataset created for subscriptions to them, in its reporting currency', async () => {
    const created = await store.create('eur', { kind: 'subscriptions', currency: 'EUR' });
    expect(created).toMatchObject({ kind: 'subscriptions', currency: 'EUR' });
    const refused = await importFile(created.id, SHOP).catch((e: unknown) => e);
    expect(isDatasetStoreError(refused, 'KIND_MISMATCH')).toBe(true);
    expect((await store.get('eur')).version).toBe(0);
  });

  it('converts with an FX rates file, and reports the bad rows of both files with line, column and reason', async () => {
    const subs = await write(
      'subs.csv',
      [
        'customer_id,subscription_id,plan_id,starts_at,amount,currency',
        'A,a1,basic,2024-01-05,10.00,EUR',
        'B,b1,basic,2024-01-06,-5,USD',
      ].join('\n'),
    );
    const dataset = await store.create('fx');
    const first = await importFile(dataset.id, subs);
    // Without rates, A's EUR state has none: rejected with its line and column.
    expect(first.file).toMatchObject({ rows: 2, accepted: 0, rejected: 2 });
    const errors = await store.rowErrors('fx', {});
    expect(errors.rows.map((r) => [r.line, r.columnName])).toEqual([
      [2, 'currency'],
      [3, 'amount'],
    ]);
    const rates = await write('rates.csv', 'date,currency,rate\n2024-01-01,EUR,1.10\n2024-01-01,E,2\n');
    const fx = await importFile(dataset.id, rates, 'append', 'fx');
    expect(fx.file).toMatchObject({ kind: 'fx', rows: 2, accepted: 1, rejected: 1 });
    const bridge = await store.movements('fx', { period: 'month' });
    expect(bridge.definition.currency).toBe('USD');
    expect(bridge.rows.map((r) => [r.period, r.new, r.mrr_end])).toEqual([['2024-01', 11, 11]]);
    const onPurchases = await store.create('shop');
    await importFile(onPurchases.id, SHOP);
    const refused = await importFile(onPurchases.id, rates, 'append', 'fx').catch((e: unknown) => e);
    expect(isDatasetStoreError(refused, 'KIND_MISMATCH')).toBe(true);
  });

  it('changes the numbers when later history is appended, and finds an overlap across files naming both lines', async () => {
    const { dataset } = await importFile((await store.create('saas')).id, WORKED);
    const june = await write(
      'june.csv',
      [
        'customer_id,subscription_id,plan_id,tier,starts_at,ends_at,amount,interval,quantity',
        'E,e1,basic,1,2024-06-03,,20.00,month,1',
        'A,a1,pro,2,2024-06-01,,50.00,month,1',
      ].join('\n'),
    );
    const appended = await importFile(dataset.id, june, 'append');
    // A's pro state from 2024-03-10 is still running: the June state overlaps it.
    expect(appended.file).toMatchObject({ rows: 2, accepted: 1, rejected: 1 });
    const [overlap] = (await store.rowErrors('saas', { fileId: appended.file.id })).rows;
    expect(overlap).toMatchObject({ line: 3 });
    expect(overlap!.reason).toMatch(/line 3/);
    expect(appended.dataset).toMatchObject({ version: 2, rows: 10, customers: 5 });
    const bridge = await store.movements('saas', { period: 'month' });
    expect(bridge.datasetVersion).toBe(2);
    expect(bridge.rows.at(-1)).toMatchObject({ period: '2024-06', mrr_start: 75, new: 20, mrr_end: 95 });
  });

  it('reads an append into the live computation: the files before it are not read again', async () => {
    const { dataset } = await importFile((await store.create('saas')).id, WORKED);
    const bridgeRows = async () => bridgeFigures(await store.movements('saas', { period: 'month' }));
    expect(await bridgeRows()).toEqual(SPEC_BRIDGE);
    const upgrade = { metric: 'subscription-upsell-rate', period: 'month', rule: 'upgrade' } as const;
    expect((await store.query('saas', upgrade)).rows[1]).toMatchObject({ period: '2024-03', numerator: 1 });
    // The kept copy of the worked example now holds its header alone: only a computation that
    // kept its rows still knows them (one reading the files again would find no state at all).
    const worked = await readFile(WORKED, 'utf8');
    for (const path of await keptFiles(dataDir)) {
      if ((await readFile(path, 'utf8')) === worked) await writeFile(path, `${worked.split('\n')[0]}\n`);
    }
    const june = await write(
      'june.csv',
      [
        'customer_id,subscription_id,plan_id,tier,starts_at,ends_at,amount,interval,quantity',
        'E,e1,basic,1,2024-06-03,,20.00,month,1',
        'C,c3,addon,1,2024-06-10,,5.00,month,1',
      ].join('\n'),
    );
    const appended = await importFile(dataset.id, june, 'append');
    expect(appended.file).toMatchObject({ rows: 2, accepted: 2, rejected: 0 });
    expect(appended.dataset).toMatchObject({ version: 2, rows: 10, customers: 5 });
    expect(appended.dataset.dateRange).toEqual({
      first: '2024-01-05T00:00:00.000Z',
      last: '2024-06-10T00:00:00.000Z',
    });
    // June: E new (20), C's add-on (5) an expansion.
    expect(await bridgeRows()).toEqual([...SPEC_BRIDGE, ['2024-06', 75, 20, 0, 5, 0, 0, 100]]);
    const after = await store.query('saas', upgrade);
    expect(after).toMatchObject({ datasetVersion: 2, cached: false });
    expect(after.rows.map((r) => [r.period, r.numerator, r.denominator])).toEqual([
      ['2024-02', 0, 3],
      ['2024-03', 1, 3],
      ['2024-04', 0, 3],
      ['2024-05', 0, 2],
      ['2024-06', 0, 3],
    ]);
  });

  it('refuses a second import into a subscription dataset and an NDJSON subscription file', async () => {
    const { dataset } = await importFile((await store.create('saas')).id, WORKED);
    const again = await write(
      'again.csv',
      'customer_id,subscription_id,plan_id,starts_at,amount\nZ,z1,p,2024-01-01,1\n',
    );
    const error = await importFile(dataset.id, again).catch((e: unknown) => e);
    expect(isDatasetStoreError(error, 'CONFLICT')).toBe(true);
    const ndjson = await write(
      'subs.ndjson',
      '{"customer_id":"Z","subscription_id":"z1","plan_id":"p","starts_at":"2024-01-01","amount":"1"}\n',
    );
    const refused = await importFile(dataset.id, ndjson, 'append').catch((e: unknown) => e);
    expect(isUpsellError(refused, 'INVALID_ARGUMENT')).toBe(true);
  });
});
