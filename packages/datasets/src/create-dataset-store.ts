import { availableParallelism } from 'node:os';
import { computeFiles, computeSubscriptionFiles } from '@upsell/compute';
import { DEFAULT_MAX_RESULT_ROWS, type DefinitionInput, UpsellError } from '@upsell/core';
import {
  createDataset,
  type DatasetRow,
  type Db,
  deleteDataset,
  findDatasetSource,
  listDatasetSources,
  listDatasets,
  listRowErrors,
  referencedStoredPaths,
} from '@upsell/db';
import { compareCustomers } from './compare-customers.ts';
import { compareResults } from './compare-results.ts';
import { compareSubscribers } from './compare-subscribers.ts';
import {
  createComputationSlots,
  DEFAULT_MAX_COMPUTATIONS,
  DEFAULT_MAX_QUEUED_COMPUTATIONS,
} from './computation-slots.ts';
import { connectedSummary, createConnectedDatasets } from './connected-datasets.ts';
import { createCustomerDrillDowns } from './customer-drill-down.ts';
import { createDatasetFilesCache } from './dataset-files-cache.ts';
import { createDatasetLookup } from './dataset-lookup.ts';
import type { DatasetFileKind, DatasetStore, ImportProgress } from './dataset-store.ts';
import { DatasetStoreError } from './dataset-store-error.ts';
import type { FileImporter } from './file-importer.ts';
import { createFileVault } from './file-vault.ts';
import { importCustomers } from './import-customers.ts';
import { importFile } from './import-file.ts';
import { importFx } from './import-fx.ts';
import { importPurchases } from './import-purchases.ts';
import { createImportQueue } from './import-queue.ts';
import { importSubscriptions } from './import-subscriptions.ts';
import { createKeptFileHolds } from './kept-file-holds.ts';
import { createLiveComputations } from './live-computations.ts';
import { createLiveSubscriptions } from './live-subscriptions.ts';
import { createCohortQueries } from './query-cohorts.ts';
import { createMetricQueries } from './query-metric.ts';
import { createRetentionQueries } from './query-retention.ts';
import type { SourceRunner } from './source-runner.ts';
import type { SecretKey } from './source-secret.ts';
import type { StoreContext } from './store-context.ts';
import { createSubscriptionQueries } from './subscription-queries.ts';
import { summarise } from './summarise-dataset.ts';
import { summaryOf } from './summary-of.ts';

/** Options of {@link createDatasetStore}. */
export interface DatasetStoreOptions {
  db: Db;
  /** Where uploads and the kept original files live. */
  dataDir: string;
  /** Worker threads for large files; default: the machine's cores. */
  threads?: number;
  /** Largest upload accepted, bytes; default 4 GiB. */
  maxUploadBytes?: number;
  /** Most rows one file may have; default 100 million. */
  maxRows?: number;
  /** Most bad rows one file may have (all are stored, each with its reason); default 100,000. */
  maxRowErrors?: number;
  /**
   * Live computations kept for incremental appends, of purchase datasets (each holds state per
   * customer) and as many of subscription datasets (each holds every subscription row); default 1.
   */
  liveComputations?: number;
  /**
   * Bytes of results and drill-downs kept in memory (a quarter for results, the rest for
   * drill-downs, least recently used out first); default 256 MiB.
   */
  cacheBytes?: number;
  /** Most rows (periods x segments) one result may have; default 50,000. */
  maxResultRows?: number;
  /** Most customers and lines one drill-down gathers; default 200,000. */
  maxDrillDownItems?: number;
  /** Heavy computations (queries, drill-downs, imports' passes) running at once; default 2. */
  maxComputations?: number;
  /** What reads connected datasets' sources (`@upsell/warehouse`); without it they cannot be registered or read. */
  sourceRunner?: SourceRunner;
  /** The key that seals connected datasets' URLs (UPSELL_SECRET_KEY). */
  secretKey?: SecretKey;
  /** The one directory DuckDB and Parquet sources are read from (UPSELL_SOURCE_ROOT). */
  sourceRoot?: string;
  /** The longest one statement may run at a source; default 60 s. */
  statementTimeoutMs?: number;
  /**
   * Computations waiting for one of those; beyond them, or after 15 s of waiting, a query fails
   * with BUSY (with the seconds to retry after); default 8. Imports wait whatever the queue.
   */
  maxQueuedComputations?: number;
}

/** A dataset's name trimmed, once it is one a dataset may have (else INVALID_ARGUMENT). */
function checkDatasetName(name: string): string {
  const trimmed = name.trim();
  if (!/^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,99}$/u.test(trimmed)) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `dataset name "${name}": use 1 to 100 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit`,
    );
  }
  return trimmed;
}

/**
 * The server's datasets: original files kept on disk under their SHA-256, metadata (files, row
 * errors, versions) in the database, numbers computed by the core over the kept files and cached
 * per dataset version and definition; live computations make appends cost only the new rows.
 *
 * This function only wires the rooms together: imports (one importer per file kind), metric
 * queries, drill-downs, and the caches of datasets and their files they share.
 *
 * @example
 * const store = await createDatasetStore({ db, dataDir: './data' });
 */
export async function createDatasetStore(options: DatasetStoreOptions): Promise<DatasetStore> {
  const { db } = options;
  const threads = options.threads ?? availableParallelism();
  const vault = createFileVault(options.dataDir, { maxUploadBytes: options.maxUploadBytes ?? 4 * 1024 ** 3 });
  await vault.open();
  await vault.collectGarbage(new Set(await referencedStoredPaths(db)));
  const slots = createComputationSlots({
    maxRunning: options.maxComputations ?? DEFAULT_MAX_COMPUTATIONS,
    maxQueued: options.maxQueuedComputations ?? DEFAULT_MAX_QUEUED_COMPUTATIONS,
  });
  const lives = createLiveComputations({ capacity: options.liveComputations ?? 1, threads, slots });
  const liveSubscriptions = createLiveSubscriptions({
    capacity: options.liveComputations ?? 1,
    threads,
    slots,
  });
  const holds = createKeptFileHolds();
  const connected = createConnectedDatasets({
    db,
    runner: options.sourceRunner,
    secretKey: options.secretKey,
    sourceRoot: options.sourceRoot,
    statementTimeoutMs: options.statementTimeoutMs,
    cacheBytes: Math.max(1, Math.floor((options.cacheBytes ?? 256 * 1024 ** 2) / 8)),
    maxResultRows: options.maxResultRows ?? DEFAULT_MAX_RESULT_ROWS,
  });
  // Only this server writes sources (as datasets): kept here, so that a query of a dataset of
  // files asks the database nothing more than before.
  const sources = new Map((await listDatasetSources(db)).map((source) => [source.datasetId, source]));
  /** A connected dataset's summary, with what its last read recorded (read fresh). */
  const connectedSummaryOf = async (dataset: DatasetRow) => {
    const source = (await findDatasetSource(db, dataset.id)) ?? sources.get(dataset.id)!;
    return connectedSummary(dataset, source);
  };
  const notOnConnected = (dataset: DatasetRow, what: string) =>
    new DatasetStoreError(
      'NOT_SUPPORTED',
      `dataset "${dataset.name}" is connected: its purchase lines are read where they live, and ${what} is not yet done there (rates, reports, comparisons, the customers behind a figure and their search are)`,
      { connected: true },
    );
  const ctx: StoreContext = {
    db,
    vault,
    holds,
    lives,
    liveSubscriptions,
    datasets: createDatasetLookup(db),
    files: createDatasetFilesCache(db),
    limits: {
      maxRows: options.maxRows ?? 100_000_000,
      maxRowErrors: options.maxRowErrors ?? 100_000,
      maxResultRows: options.maxResultRows ?? DEFAULT_MAX_RESULT_ROWS,
      maxDrillDownItems: options.maxDrillDownItems ?? 200_000,
    },
    compute: (job, wait, onProgress) =>
      slots.run(
        () =>
          computeFiles(
            job,
            onProgress ? { threads, offThread: true, onProgress } : { threads, offThread: true },
          ),
        { wait },
      ),
    computeSubscriptions: (job, wait) =>
      slots.run(() => computeSubscriptionFiles(job, { threads, offThread: true }), { wait }),
    forgetUnreferenced: (storedPaths) =>
      holds.exclusive(async () => {
        const referenced = new Set(await referencedStoredPaths(db));
        await vault.forget(
          storedPaths.filter((path) => !holds.isHeld(path)),
          referenced,
        );
      }),
  };
  const cacheBytes = options.cacheBytes ?? 256 * 1024 ** 2;
  const queries = createMetricQueries(ctx, { cacheBytes: Math.max(1, Math.floor(cacheBytes / 4)) });
  const drillDowns = createCustomerDrillDowns(ctx, {
    cacheBytes: Math.max(1, cacheBytes - Math.floor(cacheBytes / 4)),
  });
  // Subscription datasets' numbers share the results' quarter of the cache.
  const subscriptions = createSubscriptionQueries(ctx, {
    cacheBytes: Math.max(1, Math.floor(cacheBytes / 4)),
  });
  const retentions = createRetentionQueries(ctx, { cacheBytes: Math.max(1, Math.floor(cacheBytes / 16)) });
  // Cohort reports are few and small: a share of the results' quarter.
  const cohortQueries = createCohortQueries(ctx, { cacheBytes: Math.max(1, Math.floor(cacheBytes / 16)) });
  /** A purchase metric from the purchase queries, the subscription rate from the subscription ones. */
  const query = async (idOrName: string, input: Parameters<typeof queries.query>[1]) => {
    const dataset = await ctx.datasets.datasetOf(idOrName);
    const source = sources.get(dataset.id);
    if (source !== undefined) return connected.query(dataset, source, input);
    return dataset.kind === 'subscriptions'
      ? subscriptions.query(dataset, input)
      : queries.query(dataset.id, input);
  };
  /** Purchase drill-downs are for purchase datasets: a subscription dataset has its own. */
  const purchasesOnly = async (idOrName: string) => {
    const dataset = await ctx.datasets.datasetOf(idOrName);
    if (dataset.kind === 'subscriptions') {
      throw new DatasetStoreError(
        'KIND_MISMATCH',
        `dataset "${dataset.name}" holds subscriptions: the customers behind its figures are listed by metric.movementCustomers (a period, a segment and a figure: new, expansion, churn, eligible, qualifying, ...)`,
        { datasetKind: dataset.kind },
      );
    }
  };
  /** One importer per kind of file: a new kind of dataset file is a new room and a line here. */
  const importers: Record<DatasetFileKind, FileImporter> = {
    purchases: importPurchases(ctx),
    customers: importCustomers(ctx),
    subscriptions: importSubscriptions(ctx),
    fx: importFx(ctx),
  };
  const imports = createImportQueue();
  const inFlight = new Map<string, ImportProgress>();

  return {
    receiveUpload: (body, options) => vault.receive(body, options),

    async create(name, options = {}) {
      const trimmed = checkDatasetName(name);
      return summarise(
        await createDataset(db, { name: trimmed, kind: options.kind, currency: options.currency }),
        [],
      );
    },

    async list() {
      const datasets = await listDatasets(db);
      const stored = new Map((await listDatasetSources(db)).map((source) => [source.datasetId, source]));
      return Promise.all(
        datasets.map(async (d) => {
          const source = stored.get(d.id);
          return source ? connectedSummary(d, source) : summarise(d, await ctx.files.filesOf(d));
        }),
      );
    },

    async get(idOrName) {
      const dataset = await ctx.datasets.datasetOf(idOrName);
      return sources.has(dataset.id) ? connectedSummaryOf(dataset) : summaryOf(ctx, dataset);
    },

    async connect(name, input) {
      const trimmed = checkDatasetName(name);
      const { dataset, source } = await connected.register(trimmed, input);
      sources.set(dataset.id, source);
      ctx.datasets.forget();
      return connectedSummary(dataset, source);
    },

    async updateSource(idOrName, input) {
      const dataset = await ctx.datasets.datasetOf(idOrName);
      const source = sources.get(dataset.id);
      if (source === undefined) {
        throw new DatasetStoreError(
          'NOT_FOUND',
          `dataset "${dataset.name}" holds imported files: it has no source to change`,
        );
      }
      const updated = await connected.update(source, input);
      sources.set(dataset.id, updated);
      return connectedSummary(dataset, updated);
    },

    async importFile(request) {
      const dataset = await ctx.datasets.datasetOf(request.datasetId);
      if (sources.has(dataset.id)) throw notOnConnected(dataset, 'importing files');
      return imports.enqueue(request.datasetId, () => importFile(ctx, importers, request, inFlight));
    },

    progress: () => [...inFlight.values()].map((p) => ({ ...p })),

    async delete(idOrName) {
      const dataset = await ctx.datasets.datasetOf(idOrName);
      const paths = await deleteDataset(db, dataset.id);
      sources.delete(dataset.id);
      connected.forget(dataset.id);
      ctx.datasets.forget();
      ctx.files.forget(dataset.id);
      lives.forget(dataset.id);
      liveSubscriptions.forget(dataset.id);
      queries.forget(dataset.id);
      cohortQueries.forget(dataset.id);
      subscriptions.forget(dataset.id);
      drillDowns.forget(dataset.id);
      await ctx.forgetUnreferenced(paths);
    },

    async rowErrors(idOrName, page) {
      const dataset = await ctx.datasets.datasetOf(idOrName);
      const options: Parameters<typeof listRowErrors>[1] = {
        datasetId: dataset.id,
        offset: page.offset ?? 0,
        limit: Math.min(page.limit ?? 100, 1000),
      };
      if (page.fileId !== undefined) options.fileId = page.fileId;
      return listRowErrors(db, options);
    },

    query,

    movements: async (idOrName, input) =>
      subscriptions.movements(await ctx.datasets.datasetOf(idOrName), input),

    movementCustomers: async (idOrName, input, target, page) =>
      subscriptions.movementCustomers(await ctx.datasets.datasetOf(idOrName), input, target, page),

    async customers(idOrName, input, row, page) {
      const dataset = await ctx.datasets.datasetOf(idOrName);
      const source = sources.get(dataset.id);
      if (source !== undefined) return connected.customers(dataset, source, input, row, page);
      await purchasesOnly(idOrName);
      return drillDowns.customers(idOrName, input, row, page);
    },

    async retention(idOrName, input, inactiveAfterDays, drill) {
      const dataset = await ctx.datasets.datasetOf(idOrName);
      if (sources.has(dataset.id)) {
        throw new DatasetStoreError(
          'NOT_SUPPORTED',
          `dataset "${dataset.name}" is connected to a database: its retention KPIs are not compiled to SQL yet; import an export of the table to see them`,
        );
      }
      if (dataset.kind === 'subscriptions') {
        throw new DatasetStoreError(
          'KIND_MISMATCH',
          `dataset "${dataset.name}" holds subscriptions: the retention KPIs are for purchase datasets (subscriptions have NRR and GRR in metric.movements)`,
          { datasetKind: dataset.kind },
        );
      }
      return retentions.query(dataset, input, inactiveAfterDays, drill);
    },

    async cohorts(idOrName, input) {
      const dataset = await ctx.datasets.datasetOf(idOrName);
      if (sources.has(dataset.id)) throw notOnConnected(dataset, "each customer's first upsell (cohorts)");
      return cohortQueries.cohorts(dataset, input);
    },

    async compare(idOrName, a, b) {
      const first = await query(idOrName, a);
      const second = await query(idOrName, b);
      return compareResults(first, second);
    },

    async compareCustomers(idOrName, a, b, row, side, page) {
      const dataset = await ctx.datasets.datasetOf(idOrName);
      const source = sources.get(dataset.id);
      if (source !== undefined) {
        // Each side's whole list explained at the source, one after the other; the core compares.
        const limit = ctx.limits.maxDrillDownItems;
        const first = await connected.explained(dataset, source, a, row, limit);
        const second = await connected.explained(dataset, source, b, row, limit);
        return compareCustomers(first, second, side, page);
      }
      await purchasesOnly(idOrName);
      // One after the other: each may be a computation, and they share the slots with everyone.
      const first = await drillDowns.explained(idOrName, a, row);
      const second = await drillDowns.explained(idOrName, b, row);
      return compareCustomers(first, second, side, page);
    },

    async compareMovementCustomers(idOrName, a, b, row, side, page) {
      const dataset = await ctx.datasets.datasetOf(idOrName);
      // Each side's every eligible subscriber (the qualifying marked), a page at a time from its
      // cached explanation; one side after the other, as for purchases.
      const eligible = async (definition: DefinitionInput) => {
        const target = { ...row, figure: 'eligible' as const };
        const first = await subscriptions.movementCustomers(dataset, definition, target, { limit: 1000 });
        const customers = [...first.customers];
        while (customers.length < first.total) {
          const next = await subscriptions.movementCustomers(dataset, definition, target, {
            offset: customers.length,
            limit: 1000,
          });
          if (next.customers.length === 0) break;
          customers.push(...next.customers);
        }
        return { ...first, customers };
      };
      return compareSubscribers(await eligible(a), await eligible(b), side, page);
    },

    peekVersion: (id) => ctx.datasets.peekVersion(id),

    async close() {
      await imports.close();
      await lives.closeAll();
      await liveSubscriptions.closeAll();
    },
  };
}
