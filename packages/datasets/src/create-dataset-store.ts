import { availableParallelism } from 'node:os';
import {
  type Computed,
  type ComputeFilesOptions,
  type ComputeJob,
  computeFiles,
  fileStream,
} from '@upsell/compute';
import {
  buildDrillDown,
  buildMetricResult,
  type Definition,
  type DefinitionInput,
  DefinitionSchema,
  type DrillDownInput,
  isUpsellError,
  mergePurchaseProfiles,
  type PurchaseField,
  type PurchaseProfile,
  type RowIssue,
  UpsellError,
} from '@upsell/core';
import {
  commitDatasetFile,
  createDataset,
  type DatasetFileRow,
  type DatasetRow,
  type Db,
  deleteDataset,
  findDataset,
  findDatasetFileBySha,
  isUuid,
  listDatasetFiles,
  listDatasets,
  listRowErrors,
  referencedStoredPaths,
  schema,
} from '@upsell/db';
import { formatOfFileName, readCustomers } from '@upsell/ingest';
import { eq } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import { compareResults } from './compare-results.ts';
import {
  createComputationSlots,
  DEFAULT_MAX_COMPUTATIONS,
  DEFAULT_MAX_QUEUED_COMPUTATIONS,
} from './computation-slots.ts';
import type {
  DatasetDimension,
  DatasetFileSummary,
  DatasetMetricResult,
  DatasetStore,
  DatasetSummary,
  ImportOutcome,
  ImportProgress,
  ImportRequest,
} from './dataset-store.ts';
import { createFileVault } from './file-vault.ts';
import { createKeptFileHolds } from './kept-file-holds.ts';
import { createLiveComputations, type LiveRequest } from './live-computations.ts';
import { boundProfile, dimensionOf, PROFILE_LIMITS, profileColumns } from './profile-columns.ts';
import { explainedCount, explanationBytes, resultBytes, resultRowBound } from './result-size.ts';

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
  /** Live computations kept for incremental appends (each holds state per customer); default 1. */
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
  /**
   * Computations waiting for one of those; beyond them, or after 15 s of waiting, a query fails
   * with BUSY (with the seconds to retry after); default 8. Imports wait whatever the queue.
   */
  maxQueuedComputations?: number;
}

/** What a file's row keeps about its content (the db's `profile` column). */
interface FileProfile {
  purchases?: PurchaseProfile;
  dimensions: DatasetDimension[];
  /** Distinct customers of the whole dataset once this file was committed (null until counted). */
  datasetCustomers?: number | null;
}

/** The engine's side of a definition: reporting options (metric, from/to, benchmarks, target) left out. */
const engineKey = (d: Definition) =>
  JSON.stringify({ rule: d.rule, eligible: d.eligible, period: d.period, timeZone: d.timeZone, by: d.by });

/** A stored dimension within {@link PROFILE_LIMITS} (profiles stored before them may not be). */
function boundedDimension(dimension: DatasetDimension): DatasetDimension {
  const values = dimension.values.filter((value) => value.length <= PROFILE_LIMITS.valueLength);
  if (values.length <= PROFILE_LIMITS.valuesPerDimension && values.length === dimension.values.length) {
    return dimension;
  }
  return { ...dimension, values: values.slice(0, PROFILE_LIMITS.valuesPerDimension), more: true };
}

/** The values of one attribute of a customers file, customer by customer. */
function* valuesOfAttribute(rows: Iterable<readonly string[]>, index: number): Iterable<string> {
  for (const row of rows) yield row[index] ?? '';
}

/** The definition an import's pass runs: it counts customers and checks every row. */
const BASE_DEFINITION: DefinitionInput = { period: 'all', rule: 'additional' };

function parseDefinition(input: DefinitionInput): Definition {
  const parsed = DefinitionSchema.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new UpsellError('INVALID_DEFINITION', `definition.${first.path.join('.')}: ${first.message}`);
  }
  return parsed.data;
}

function toFileSummary(row: DatasetFileRow): DatasetFileSummary {
  return {
    id: row.id,
    kind: row.kind,
    sequence: row.sequence,
    version: row.version,
    fileName: row.fileName,
    format: row.format,
    bytes: row.bytes,
    sha256: row.sha256,
    rows: row.rows,
    accepted: row.accepted,
    rejected: row.rejected,
    columns: row.columns.slice(0, PROFILE_LIMITS.columns),
    createdAt: row.createdAt,
  };
}

function summarise(dataset: DatasetRow, files: DatasetFileRow[]): DatasetSummary {
  const purchases = files.filter((f) => f.kind === 'purchases');
  const customersFile = files.filter((f) => f.kind === 'customers').at(-1);
  const profiles = purchases.map((f) => f.profile as FileProfile);
  const merged = mergePurchaseProfiles(profiles.flatMap((p) => (p.purchases ? [p.purchases] : [])));
  const dimensions = new Map<string, DatasetDimension>();
  for (const profile of [...profiles, ...(customersFile ? [customersFile.profile as FileProfile] : [])]) {
    for (const stored of profile.dimensions) {
      // Profiles stored before the limits are bounded as they are read.
      const dimension = boundedDimension(stored);
      const known = dimensions.get(dimension.name);
      if (!known) {
        // Files with other columns each add theirs: the listing stays bounded all the same.
        if (dimensions.size < 2 * PROFILE_LIMITS.dimensions) dimensions.set(dimension.name, { ...dimension });
      } else {
        const values = [...new Set([...known.values, ...dimension.values])].sort();
        known.more = known.more || dimension.more || values.length > PROFILE_LIMITS.valuesPerDimension;
        known.values = values.slice(0, PROFILE_LIMITS.valuesPerDimension);
      }
    }
  }
  const sum = (pick: (f: DatasetFileRow) => number) => purchases.reduce((total, f) => total + pick(f), 0);
  return {
    id: dataset.id,
    name: dataset.name,
    version: dataset.version,
    createdAt: dataset.createdAt,
    rows: sum((f) => f.rows),
    accepted: sum((f) => f.accepted),
    rejected: sum((f) => f.rejected),
    customers: profiles.at(-1)?.datasetCustomers ?? 0,
    columns: purchases[0]?.columns.slice(0, PROFILE_LIMITS.columns) ?? [],
    dateRange:
      merged.first === null || merged.last === null
        ? null
        : { first: new Date(merged.first).toISOString(), last: new Date(merged.last).toISOString() },
    tiers: merged.tiers,
    families: merged.families,
    dimensions: [...dimensions.values()],
    files: files.map(toFileSummary),
  };
}

const toErrorRows = (issues: readonly RowIssue[]) =>
  issues.map((issue) => ({
    line: issue.line,
    column: issue.column,
    columnName: issue.columnName ?? null,
    reason: issue.reason,
  }));

/**
 * The server's datasets: original files kept on disk under their SHA-256, metadata (files, row
 * errors, versions) in the database, numbers computed by the core over the kept files and cached
 * per dataset version and definition; live computations make appends cost only the new rows.
 *
 * @example
 * const store = await createDatasetStore({ db, dataDir: './data' });
 */
export async function createDatasetStore(options: DatasetStoreOptions): Promise<DatasetStore> {
  const { db } = options;
  const threads = options.threads ?? availableParallelism();
  const maxRows = options.maxRows ?? 100_000_000;
  const maxRowErrors = options.maxRowErrors ?? 100_000;
  const vault = createFileVault(options.dataDir, { maxUploadBytes: options.maxUploadBytes ?? 4 * 1024 ** 3 });
  await vault.open();
  await vault.collectGarbage(new Set(await referencedStoredPaths(db)));
  const slots = createComputationSlots({
    maxRunning: options.maxComputations ?? DEFAULT_MAX_COMPUTATIONS,
    maxQueued: options.maxQueuedComputations ?? DEFAULT_MAX_QUEUED_COMPUTATIONS,
  });
  const lives = createLiveComputations({ capacity: options.liveComputations ?? 1, threads, slots });
  /**
   * A computation of the store's own: off the event loop, in a slot. `wait`: never turned away
   * busy (imports: a refused import would have used up its upload).
   */
  const compute = (job: ComputeJob, wait: boolean, onProgress?: ComputeFilesOptions['onProgress']) =>
    slots.run(
      () =>
        computeFiles(
          job,
          onProgress ? { threads, offThread: true, onProgress } : { threads, offThread: true },
        ),
      { wait },
    );
  const holds = createKeptFileHolds();
  /**
   * Removes kept files that no committed dataset refers to and no import in flight holds: the
   * same bytes imported elsewhere share the file, committed or not.
   */
  const forgetUnreferenced = (storedPaths: readonly string[]) =>
    holds.exclusive(async () => {
      const referenced = new Set(await referencedStoredPaths(db));
      await vault.forget(
        storedPaths.filter((path) => !holds.isHeld(path)),
        referenced,
      );
    });
  const cacheBytes = options.cacheBytes ?? 256 * 1024 ** 2;
  const maxResultRows = options.maxResultRows ?? 50_000;
  const maxDrillDownItems = options.maxDrillDownItems ?? 200_000;
  // Bounded by bytes, not entries: one result by day and four segment columns weighs as much as
  // thousands of monthly ones.
  const results = new LRUCache<string, DatasetMetricResult>({
    maxSize: Math.max(1, Math.floor(cacheBytes / 4)),
    sizeCalculation: resultBytes,
  });
  /**
   * The customers and lines behind recently asked rows (drill-downs). One at the item limit
   * (about 140 MB) still fits, so its pages are cut from it.
   */
  const explainedRows = new LRUCache<string, DrillDownInput>({
    maxSize: Math.max(1, cacheBytes - Math.floor(cacheBytes / 4)),
    sizeCalculation: (input) => explanationBytes(input.explanation),
  });
  /** Drill-downs being computed: a second request for the same row waits for the first. */
  const explaining = new Map<string, Promise<DrillDownInput>>();
  const inFlight = new Map<string, ImportProgress>();
  const running = new Set<Promise<unknown>>();
  /** Imports into one dataset run one after the other. */
  const datasetQueues = new Map<string, Promise<unknown>>();
  let closing = false;

  // Dataset rows by id, read on every query: kept for a second, and dropped at once when this
  // store changes a dataset (imports, deletes); only this server writes its datasets. Names lead
  // to ids through their own map, and only names that cannot be read as an id: an id always
  // means its own dataset, as in the database's lookup.
  const known = new Map<string, { dataset: DatasetRow; until: number }>();
  const idsByName = new Map<string, string>();
  const lookups = new Map<string, Promise<DatasetRow>>();
  const forgetDatasets = () => {
    known.clear();
    idsByName.clear();
    lookups.clear();
  };
  const datasetOf = async (idOrName: string) => {
    const id = isUuid(idOrName) ? idOrName : idsByName.get(idOrName);
    const cached = id === undefined ? undefined : known.get(id);
    if (cached && cached.until > Date.now()) return cached.dataset;
    // Requests that arrive together while the entry is stale share one lookup.
    let lookup = lookups.get(idOrName);
    if (lookup === undefined) {
      lookup = (async () => {
        const dataset = await findDataset(db, idOrName);
        if (!dataset) throw new UpsellError('NOT_FOUND', `no dataset "${idOrName}"`);
        known.set(dataset.id, { dataset, until: Date.now() + 1000 });
        if (!isUuid(dataset.name)) idsByName.set(dataset.name, dataset.id);
        return dataset;
      })();
      lookups.set(idOrName, lookup);
      void lookup.finally(() => lookups.delete(idOrName)).catch(() => {});
    }
    return lookup;
  };

  /** The live request for a dataset's files under a definition. */
  const liveRequest = (
    dataset: DatasetRow,
    files: DatasetFileRow[],
    key: string,
    job: LiveRequest['job'],
  ): LiveRequest => {
    const purchases = files.filter((f) => f.kind === 'purchases');
    if (purchases.length === 0) {
      throw new UpsellError(
        'INVALID_ARGUMENT',
        `dataset "${dataset.name}" has no purchase file yet: import one first`,
      );
    }
    const customers = files.filter((f) => f.kind === 'customers').at(-1);
    const request: LiveRequest = {
      datasetId: dataset.id,
      key,
      // Every live computation also checks rows and profiles them, so an append reads its file once.
      job: {
        ...job,
        map: purchases[0]!.map as Partial<Record<PurchaseField, string>>,
        profile: true,
        keepIssues: maxRowErrors + 1,
      },
      // Named by stored path (unique in a dataset), so that a file's rejected rows can be told apart.
      files: purchases.map((f) => ({
        storedPath: f.storedPath,
        path: vault.pathOf(f.storedPath),
        format: f.format,
        name: f.storedPath,
      })),
    };
    if (customers)
      request.customers = { storedPath: customers.storedPath, path: vault.pathOf(customers.storedPath) };
    return request;
  };

  const baseJob = (): LiveRequest['job'] => ({
    definition: BASE_DEFINITION,
    map: {},
    profile: true,
    keepIssues: maxRowErrors + 1,
  });

  /**
   * Counts the dataset's customers and records it: with any open computation of the dataset,
   * which then reads only the new file, else with a new base computation.
   */
  const countCustomers = async (dataset: DatasetRow, files: DatasetFileRow[]) => {
    const open = lives.latestOf(dataset.id) ?? { key: 'base', job: baseJob() };
    // After a commit: never turned away busy, or a committed import would be reported failed.
    const computed = await lives.computed({ ...liveRequest(dataset, files, open.key, open.job), wait: true });
    const last = files.filter((f) => f.kind === 'purchases').at(-1)!;
    const profile = { ...(last.profile as FileProfile), datasetCustomers: computed.partial.customers };
    await db.update(schema.datasetFiles).set({ profile }).where(eq(schema.datasetFiles.id, last.id));
    last.profile = profile;
  };

  // A dataset's files at a version never change, so they are read once per version: every
  // query, drill-down and listing needs them, and a flood of requests (turned away busy or not)
  // must not each ask the database, which PGlite answers on the event loop.
  const filesByDataset = new Map<string, { version: number; files: Promise<DatasetFileRow[]> }>();
  const filesOf = (dataset: DatasetRow): Promise<DatasetFileRow[]> => {
    const known = filesByDataset.get(dataset.id);
    if (known?.version === dataset.version) return known.files;
    const files = listDatasetFiles(db, dataset.id);
    const entry = { version: dataset.version, files };
    filesByDataset.set(dataset.id, entry);
    files.catch(() => {
      if (filesByDataset.get(dataset.id) === entry) filesByDataset.delete(dataset.id);
    });
    return files;
  };

  const summaryOf = async (dataset: DatasetRow) => {
    const files = await filesOf(dataset);
    const last = files.filter((f) => f.kind === 'purchases').at(-1);
    // A count lost to a restart between commit and count is made again.
    if (last && (last.profile as FileProfile).datasetCustomers == null) await countCustomers(dataset, files);
    return summarise(dataset, files);
  };

  const checkLimits = (fileName: string, computed: { accounting: { rows: number; rejected: number } }) => {
    if (computed.accounting.rows > maxRows) {
      throw new UpsellError(
        'LIMIT_EXCEEDED',
        `${fileName}: ${computed.accounting.rows.toLocaleString('en-US')} rows, over the limit of ${maxRows.toLocaleString('en-US')} (UPSELL_MAX_ROWS)`,
      );
    }
    if (computed.accounting.rejected > maxRowErrors) {
      throw new UpsellError(
        'LIMIT_EXCEEDED',
        `${fileName}: over ${maxRowErrors.toLocaleString('en-US')} bad rows (UPSELL_MAX_ROW_ERRORS); the first is line ${
          (computed as Computed).issues?.[0]?.line ?? '?'
        }: fix the file (upsell validate lists every bad row) and import it again`,
      );
    }
  };

  const importInto = async (request: ImportRequest): Promise<ImportOutcome> => {
    const dataset = await datasetOf(request.datasetId);
    const upload = await vault.upload(request.uploadId, request.owner);
    const kind = request.kind ?? 'purchases';
    const format = request.format ?? formatOfFileName(request.fileName);
    const files = await listDatasetFiles(db, dataset.id);
    const earlier = await findDatasetFileBySha(db, dataset.id, kind, upload.sha256);
    if (earlier) {
      await holds.exclusive(() => vault.keep(upload));
      return {
        duplicate: true,
        file: toFileSummary(earlier),
        dataset: await summaryOf(dataset),
        notes: [],
      };
    }
    const purchases = files.filter((f) => f.kind === 'purchases');
    if (kind === 'purchases' && request.mode === 'import' && purchases.length > 0) {
      throw new UpsellError(
        'CONFLICT',
        `dataset "${dataset.name}" already has purchases: append to it, or import into a new dataset`,
      );
    }
    if (kind === 'purchases' && request.mode === 'append' && purchases.length === 0) {
      throw new UpsellError(
        'INVALID_ARGUMENT',
        `dataset "${dataset.name}" has no purchases to append to: import first`,
      );
    }
    if (kind === 'customers' && format !== 'csv') {
      throw new UpsellError('INVALID_ARGUMENT', `${request.fileName}: a customers file must be CSV`);
    }
    const datasetMap = (purchases[0]?.map ?? request.map ?? {}) as Record<string, string>;
    if (purchases.length > 0 && request.map && JSON.stringify(request.map) !== JSON.stringify(datasetMap)) {
      throw new UpsellError(
        'INVALID_ARGUMENT',
        `the column mapping differs from the dataset's (${JSON.stringify(datasetMap)}): appended files are read with the dataset's mapping`,
      );
    }
    // Held until this import has committed or failed, so that no deletion removes it meanwhile.
    const storedPath = await holds.exclusive(async () => holds.hold(await vault.keep(upload)));
    const path = vault.pathOf(storedPath);
    /** Commits the file with its accounting, mapping, profile and rejected rows, in one transaction. */
    const commit = (
      accounting: { rows: number; accepted: number; rejected: number },
      map: Record<string, string>,
      profile: FileProfile,
      issues: readonly RowIssue[],
      columns: string[],
    ) =>
      commitDatasetFile(db, {
        datasetId: dataset.id,
        expectedVersion: dataset.version,
        file: {
          kind,
          sha256: upload.sha256,
          fileName: request.fileName,
          storedPath,
          format,
          bytes: upload.bytes,
          ...accounting,
          columns,
          map,
          profile,
        },
        errors: [toErrorRows(issues)],
      });
    const job = (): ComputeJob => ({
      ...baseJob(),
      map: datasetMap,
      files: [{ path, format, name: request.fileName }],
      order: 'stream',
    });
    const importId = request.uploadId;
    const progress: ImportProgress = {
      importId,
      datasetId: dataset.id,
      fileName: request.fileName,
      bytesRead: 0,
      bytesTotal: upload.bytes,
      rowsRead: 0,
      startedAt: new Date().toISOString(),
    };
    inFlight.set(importId, progress);
    let released = false;
    const onProgress = (done: number) => {
      progress.bytesRead = Math.min(done, upload.bytes);
    };
    try {
      const sampled = await profileColumns(fileStream(path), { format, kind, map: datasetMap });
      if (kind === 'customers') {
        const issues: RowIssue[] = [];
        const read = await readCustomers(fileStream(path), {
          fileName: request.fileName,
          onIssue: (issue) => {
            if (issues.length <= maxRowErrors) issues.push(issue);
          },
        });
        checkLimits(request.fileName, { accounting: { rows: read.rows, rejected: read.rejected } });
        const profiled = boundProfile(
          sampled.header,
          read.table.attributes
            .slice(0, PROFILE_LIMITS.dimensions)
            .map((name, index) =>
              dimensionOf(name, 'customer', valuesOfAttribute(read.table.values.values(), index)),
            ),
          read.table.attributes.length,
        );
        const file = await commit(
          { rows: read.rows, accepted: read.rows - read.rejected, rejected: read.rejected },
          {},
          { dimensions: profiled.dimensions },
          issues,
          profiled.columns,
        );
        forgetDatasets();
        // Segments by customer attributes change: every computation of the dataset starts again.
        lives.forget(dataset.id);
        return {
          duplicate: false,
          file: toFileSummary(file),
          dataset: await summaryOf(await datasetOf(dataset.id)),
          notes: profiled.notes,
        };
      }

      // One pass over the new file: every row checked and profiled, and the dataset's customers
      // counted. With a computation of the dataset open, that pass is its append (the new file
      // only); otherwise a first import starts one, and an append checks the file on its own.
      const draft = {
        ...fileRowDraft(storedPath, format, request.fileName, datasetMap),
        kind: 'purchases' as const,
      };
      const open = purchases.length === 0 ? { key: 'base', job: baseJob() } : lives.latestOf(dataset.id);
      let computed: Pick<Computed, 'accounting' | 'issues' | 'profile'> & { customers: number | null };
      if (open) {
        const whole = await lives.computed({
          ...liveRequest(dataset, [...files, draft], open.key, open.job),
          // Of every file when the computation starts anew, of the new file when it appends.
          onProgress: (done, total) => onProgress(total > 0 ? (done / total) * upload.bytes : 0),
          wait: true,
        });
        const before = { rows: 0, accepted: 0, rejected: 0 };
        for (const f of purchases) {
          before.rows += f.rows;
          before.accepted += f.accepted;
          before.rejected += f.rejected;
        }
        const accounting = {
          rows: whole.accounting.rows - before.rows,
          accepted: whole.accounting.accepted - before.accepted,
          rejected: whole.accounting.rejected - before.rejected,
        };
        const own = whole.issues
          .filter((issue) => issue.file === storedPath)
          .map((issue) => ({ ...issue, file: request.fileName }));
        computed = {
          accounting,
          issues: own,
          // The profile of every file so far: the summary merges profiles, so that is the same.
          ...(whole.profile ? { profile: whole.profile } : {}),
          customers: whole.partial.customers,
        };
        // Earlier files' rejected rows filled the kept ones: read this file's again on its own.
        if (own.length < Math.min(accounting.rejected, maxRowErrors + 1)) {
          const alone = await compute(job(), true);
          computed = { ...computed, issues: alone.issues };
        }
      } else {
        const alone = await compute(job(), true, (done) => onProgress(done));
        computed = { ...alone, customers: null };
      }
      progress.rowsRead = computed.accounting.rows;
      checkLimits(request.fileName, computed);
      const profile: FileProfile = {
        purchases: computed.profile!,
        dimensions: sampled.dimensions,
        datasetCustomers: computed.customers,
      };
      const file = await commit(computed.accounting, datasetMap, profile, computed.issues, sampled.columns);
      forgetDatasets();
      const updated = await datasetOf(dataset.id);
      return {
        duplicate: false,
        file: toFileSummary(file),
        dataset: await summaryOf(updated),
        notes: sampled.notes,
      };
    } catch (error) {
      // The dataset is as it was; a computation that read the new file is not kept.
      lives.forget(dataset.id);
      holds.release(storedPath);
      released = true;
      await forgetUnreferenced([storedPath]);
      throw error;
    } finally {
      // After a commit the database refers to the file.
      if (!released) holds.release(storedPath);
      inFlight.delete(importId);
    }
  };

  /** A file row as the live request needs it, before its commit. */
  function fileRowDraft(
    storedPath: string,
    format: 'csv' | 'ndjson',
    fileName: string,
    map: Record<string, string>,
  ) {
    return { storedPath, format, fileName, map } as unknown as DatasetFileRow;
  }

  /**
   * Runs a computation over a dataset's files; when it fails because the dataset was deleted
   * meanwhile (its files with it), says NOT_FOUND, as a request a moment later would.
   */
  const unlessDeleted = async <T>(dataset: DatasetRow, compute: () => Promise<T>): Promise<T> => {
    try {
      return await compute();
    } catch (error) {
      // Turned away busy: nothing was read (and a flood of those must not each ask the database).
      if (isUpsellError(error, 'BUSY')) throw error;
      if ((await findDataset(db, dataset.id)) === undefined) {
        throw new UpsellError('NOT_FOUND', `no dataset "${dataset.name}": it was deleted`);
      }
      throw error;
    }
  };

  /** The customers and lines behind one row, gathered up to the drill-down limit. */
  const explainRow = async (
    dataset: DatasetRow,
    definition: Definition,
    period: string,
    segment: Record<string, string>,
  ): Promise<DrillDownInput> => {
    const files = await filesOf(dataset);
    const request = liveRequest(dataset, files, '', { definition, map: {} });
    const job: ComputeJob = {
      definition,
      map: request.job.map,
      files: request.files.map((f) => ({ path: f.path, format: f.format, name: f.name })),
      order: 'stream',
      explain: { period, segment, limit: maxDrillDownItems },
    };
    if (request.customers) job.customersPath = request.customers.path;
    const tooMany = () =>
      new UpsellError(
        'LIMIT_EXCEEDED',
        `more than ${maxDrillDownItems.toLocaleString('en-US')} customers and lines are behind this row, more than a drill-down lists (UPSELL_MAX_DRILL_DOWN_ITEMS): choose a shorter period or a segment, or list them with upsell customers on the files`,
        { limit: maxDrillDownItems },
      );
    let computed: Computed;
    try {
      computed = await compute(job, false);
    } catch (error) {
      throw isUpsellError(error, 'LIMIT_EXCEEDED') ? tooMany() : error;
    }
    // Each shard kept to the limit; together they may pass it.
    if (explainedCount(computed.explanation) > maxDrillDownItems) throw tooMany();
    return {
      definition,
      result: buildMetricResult(computed.partial, { ...computed, definition }),
      explanation: computed.explanation,
      period: computed.calendar.label(computed.calendar.parse(period)),
      segment,
      files: files.filter((f) => f.kind === 'purchases').map((f) => f.fileName),
    };
  };

  const store: DatasetStore = {
    receiveUpload: (body, options) => vault.receive(body, options),

    async create(name) {
      const trimmed = name.trim();
      if (!/^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,99}$/u.test(trimmed)) {
        throw new UpsellError(
          'INVALID_ARGUMENT',
          `dataset name "${name}": use 1 to 100 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit`,
        );
      }
      return summarise(await createDataset(db, { name: trimmed }), []);
    },

    async list() {
      const datasets = await listDatasets(db);
      return Promise.all(datasets.map(async (d) => summarise(d, await filesOf(d))));
    },

    async get(idOrName) {
      return summaryOf(await datasetOf(idOrName));
    },

    importFile(request) {
      if (closing)
        throw new UpsellError('CONFLICT', 'the server is shutting down: import again once it is back');
      const previous = datasetQueues.get(request.datasetId) ?? Promise.resolve();
      const result = previous.catch(() => {}).then(() => importInto(request));
      datasetQueues.set(request.datasetId, result);
      running.add(result);
      void result
        .finally(() => {
          running.delete(result);
          if (datasetQueues.get(request.datasetId) === result) datasetQueues.delete(request.datasetId);
        })
        .catch(() => {});
      return result;
    },

    progress: () => [...inFlight.values()].map((p) => ({ ...p })),

    async delete(idOrName) {
      const dataset = await datasetOf(idOrName);
      const paths = await deleteDataset(db, dataset.id);
      forgetDatasets();
      filesByDataset.delete(dataset.id);
      lives.forget(dataset.id);
      for (const key of [...results.keys()]) if (key.startsWith(`${dataset.id}@`)) results.delete(key);
      for (const key of [...explainedRows.keys()]) {
        if (key.startsWith(`${dataset.id}@`)) explainedRows.delete(key);
      }
      await forgetUnreferenced(paths);
    },

    async rowErrors(idOrName, page) {
      const dataset = await datasetOf(idOrName);
      const options: Parameters<typeof listRowErrors>[1] = {
        datasetId: dataset.id,
        offset: page.offset ?? 0,
        limit: Math.min(page.limit ?? 100, 1000),
      };
      if (page.fileId !== undefined) options.fileId = page.fileId;
      return listRowErrors(db, options);
    },

    async query(idOrName, input) {
      const definition = parseDefinition(input);
      const dataset = await datasetOf(idOrName);
      const cacheKey = `${dataset.id}@${dataset.version}#${JSON.stringify(definition)}`;
      const cached = results.get(cacheKey);
      if (cached) return { ...cached, cached: true };
      const files = await filesOf(dataset);
      const computed = await unlessDeleted(dataset, () =>
        lives.computed(liveRequest(dataset, files, engineKey(definition), { definition, map: {} })),
      );
      const rows = resultRowBound(computed.partial, definition, computed.calendar);
      if (rows > maxResultRows) {
        throw new UpsellError(
          'LIMIT_EXCEEDED',
          `this result would have up to ${rows.toLocaleString('en-US')} rows (periods x segments), over the limit of ${maxResultRows.toLocaleString('en-US')} (UPSELL_MAX_RESULT_ROWS): choose a longer period, fewer segment columns, or a from/to range`,
          { limit: maxResultRows },
        );
      }
      const result: DatasetMetricResult = {
        ...buildMetricResult(computed.partial, { ...computed, definition }),
        datasetId: dataset.id,
        datasetVersion: dataset.version,
        cached: false,
      };
      results.set(cacheKey, result);
      return result;
    },

    async customers(idOrName, input, row, page) {
      const definition = parseDefinition(input);
      const dataset = await datasetOf(idOrName);
      const segment = row.segment ?? {};
      // The customers behind one row are computed once per dataset version; pages and searches
      // of the same row are cut from that.
      const key = `${dataset.id}@${dataset.version}#${JSON.stringify([definition, row.period, segment])}`;
      let explained = explainedRows.get(key);
      if (explained === undefined) {
        let pending = explaining.get(key);
        if (pending === undefined) {
          pending = unlessDeleted(dataset, () => explainRow(dataset, definition, row.period, segment));
          explaining.set(key, pending);
          void pending
            .then((input) => explainedRows.set(key, input))
            .catch(() => {})
            .finally(() => explaining.delete(key));
        }
        explained = await pending;
      }
      const drillPage: Parameters<typeof buildDrillDown>[1] = {
        offset: page.offset ?? 0,
        limit: Math.min(page.limit ?? 100, 1000),
      };
      if (page.search) drillPage.search = page.search;
      return buildDrillDown(explained, drillPage);
    },

    async compare(idOrName, a, b) {
      const first = await store.query(idOrName, a);
      const second = await store.query(idOrName, b);
      return compareResults(first, second);
    },

    peekVersion(id) {
      const cached = known.get(id);
      return cached && cached.until > Date.now() ? cached.dataset.version : undefined;
    },

    async close() {
      closing = true;
      await Promise.allSettled([...running]);
      await lives.closeAll();
    },
  };
  return store;
}
