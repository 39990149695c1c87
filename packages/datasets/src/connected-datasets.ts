import { readdir, realpath } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  type DefinitionInput,
  type DrillDown,
  type DrillDownInput,
  isUpsellError,
  type MetricResult,
  mapColumns,
  type PurchaseField,
} from '@upsell/core';
import {
  createConnectedDataset,
  type DatasetRow,
  type DatasetSourceRow,
  type Db,
  type NewDatasetSource,
  recordSourceRead,
  type SourceProbe,
  updateDatasetSource,
} from '@upsell/db';
import { LRUCache } from 'lru-cache';
import type { DatasetMetricResult, DatasetSourceSummary, DatasetSummary } from './dataset-store.ts';
import { DatasetStoreError, isDatasetStoreError } from './dataset-store-error.ts';
import { parseQueryDefinition } from './parse-query-definition.ts';
import { resultBytes } from './result-size.ts';
import { parseSourceLocation, resolveInsideRoot, withoutPassword } from './source-location.ts';
import type { SourceRequest, SourceRunner } from './source-runner.ts';
import { openSecret, type SecretKey, sealSecret } from './source-secret.ts';
import { checkMetricFitsDataset } from './subscription-queries.ts';
import { summarise } from './summarise-dataset.ts';

/** What an admin registers: a dataset's name, where its purchase lines live, and how to read them. */
export interface SourceInput {
  /** `postgres://user:password@host:port/database`, `duckdb:<file>` or `parquet:<file or glob>` (inside UPSELL_SOURCE_ROOT). */
  url: string;
  /** The table or view (`schema.table`); none for Parquet files. */
  table?: string | null;
  /** Explicit columns (field -> column), as `--map`; the rest found by name and alias as in a file's header. */
  map?: Partial<Record<PurchaseField, string>>;
  /** The column holding the input order (a line number, a load sequence), for ties. */
  position?: string | null;
  customersTable?: string | null;
  catalogTable?: string | null;
  /** Results are read again after this many seconds even when the probe has not changed; default 600. */
  ttlSeconds?: number;
}

/** Options of {@link createConnectedDatasets}. */
export interface ConnectedDatasetsOptions {
  db: Db;
  /** What reads the sources; without it, registering and querying a source is NOT_CONFIGURED. */
  runner?: SourceRunner | undefined;
  /** The key that seals the sources' URLs (UPSELL_SECRET_KEY). */
  secretKey?: SecretKey | undefined;
  /** The only directory DuckDB files and Parquet files are read from (UPSELL_SOURCE_ROOT). */
  sourceRoot?: string | undefined;
  /** The longest one statement may run at a source; default 60 s. */
  statementTimeoutMs?: number | undefined;
  /** Bytes of results kept; least recently used out first. */
  cacheBytes: number;
  /** Most rows one result may have. */
  maxResultRows: number;
  /** A probe's answer is trusted this long before the source is probed again; default 5 s. */
  probeEveryMs?: number;
  now?: () => number;
}

/** Results kept with what the probe said when they were read, and when. */
interface KeptResult {
  result: DatasetMetricResult;
  probe: SourceProbe;
  readAt: number;
}

export const DEFAULT_SOURCE_TTL_SECONDS = 600;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 60_000;

const sameProbe = (a: SourceProbe, b: SourceProbe) => a.rows === b.rows && a.latest === b.latest;

/** A connected dataset's source as anyone may see it: never its secret. */
export function sourceSummaryOf(source: DatasetSourceRow): DatasetSourceSummary {
  return {
    kind: source.kind,
    location: source.location,
    table: source.relation,
    map: source.map,
    position: source.position,
    customersTable: source.customersTable,
    catalogTable: source.catalogTable,
    ttlSeconds: source.ttlSeconds,
    lastReadAt: source.lastReadAt,
    rows: source.lastProbe?.rows ?? null,
    latestPurchaseAt: source.lastProbe?.latest ?? null,
    updatedAt: source.updatedAt,
  };
}

/**
 * The summary of a connected dataset: its rows and dates as the probe last found them, its
 * columns (those not mapped to a purchase field are its dimensions, their values unlisted), and
 * where it lives.
 *
 * @example
 * connectedSummary(dataset, source).source.location // 'postgres://reader:***@db/shop'
 */
export function connectedSummary(dataset: DatasetRow, source: DatasetSourceRow): DatasetSummary {
  const probe = source.lastProbe;
  const columns = probe?.columns ?? [];
  let dimensions: string[] = [];
  try {
    const found = mapColumns(columns, source.map as Partial<Record<PurchaseField, string>>).dimensions;
    dimensions = [...found.keys()].filter((name) => name !== source.position);
  } catch {
    // Columns that no longer fit the mapping: the next query says how; the summary lists none.
  }
  return {
    ...summarise(dataset, []),
    rows: probe?.rows ?? 0,
    accepted: probe?.rows ?? 0,
    columns,
    dateRange: probe?.first && probe.latest ? { first: probe.first, last: probe.latest } : null,
    // The values read at the source when it was checked or its rows changed; none (and more)
    // for a column they were not read for.
    dimensions: dimensions.map((name) => {
      const read = probe?.dimensions?.find((d) => d.name === name);
      return { name, from: 'purchase' as const, values: read?.values ?? [], more: read?.more ?? true };
    }),
    source: sourceSummaryOf(source),
  };
}

const TABLE = /^[^\0]{1,200}$/;

function checkName(value: string | null | undefined, what: string): void {
  if (value != null && !TABLE.test(value)) {
    throw new DatasetStoreError('NOT_SUPPORTED', `a ${what} is a name of 1 to 200 characters`, {
      field: what,
    });
  }
}

/**
 * Connected datasets (issue 12): purchase lines read where they live, a PostgreSQL table, a
 * DuckDB file's table or Parquet files, through a {@link SourceRunner}, on a read-only session
 * with a statement timeout. The source's URL is stored sealed under the server's key and shown
 * with its password as `***`; files are read only inside the source directory. Results are kept
 * per dataset and definition and read again when the freshness probe (rows, latest purchase
 * time) changes or the dataset's TTL has passed.
 *
 * @example
 * const connected = createConnectedDatasets({ db, runner, secretKey, cacheBytes: 1e7, maxResultRows: 50_000 });
 * const { dataset } = await connected.register('warehouse', { url: 'postgres://reader:pw@db/shop', table: 'purchases' });
 */
export function createConnectedDatasets(options: ConnectedDatasetsOptions) {
  const { db } = options;
  const now = options.now ?? Date.now;
  const statementTimeoutMs = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  const probeEveryMs = options.probeEveryMs ?? 5_000;
  const results = new LRUCache<string, KeptResult>({
    maxSize: options.cacheBytes,
    sizeCalculation: (kept) => resultBytes(kept.result),
  });
  const probes = new Map<string, { probe: SourceProbe; at: number }>();
  const inFlight = new Map<string, Promise<DatasetMetricResult>>();

  // Settings a connected dataset needs and the server may have been started without.
  const configured = <T>(value: T | undefined, missing: string): T => {
    if (value === undefined) throw new DatasetStoreError('NOT_CONFIGURED', missing);
    return value;
  };
  const secretKey = (): SecretKey =>
    configured(
      options.secretKey,
      'connected datasets need the server started with UPSELL_SECRET_KEY (32 random bytes, made with `openssl rand -base64 32`), which seals their URLs',
    );
  const runner = (): SourceRunner =>
    configured(options.runner, 'this server cannot read sources: it was built without @upsell/warehouse');
  const sourceRoot = (): string =>
    configured(
      options.sourceRoot,
      'DuckDB and Parquet sources are read from one directory only: start the server with UPSELL_SOURCE_ROOT set to it',
    );

  /** Parquet files matching a glob in the file name, each inside the source directory, in name order. */
  async function parquetPaths(root: string, pattern: string): Promise<string[]> {
    const folder = dirname(pattern);
    const directory = folder === '.' ? await realpath(root) : await resolveInsideRoot(root, folder);
    const name = basename(pattern);
    const glob = new RegExp(
      `^${name
        .replace(/[.+^${}()|\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    );
    const names = (await readdir(directory)).filter((entry) => glob.test(entry)).sort();
    if (names.length === 0) {
      throw new DatasetStoreError('SOURCE_FAILED', `no Parquet file matches ${pattern}`, { field: 'url' });
    }
    return Promise.all(names.map((entry) => resolveInsideRoot(root, join(folder, entry))));
  }

  /** What the runner needs for a source: its URL opened, its files found inside the source directory. */
  async function requestOf(source: {
    url: string;
    relation: string | null;
    map: Record<string, string>;
    position: string | null;
    customersTable: string | null;
    catalogTable: string | null;
  }): Promise<SourceRequest> {
    // Read again on every use: a row changed in the database by hand is held to the same rules.
    const location = parseSourceLocation(source.url);
    const base = {
      kind: location.kind,
      relation: source.relation,
      map: source.map as Partial<Record<PurchaseField, string>>,
      position: source.position,
      customersTable: source.customersTable,
      catalogTable: source.catalogTable,
    };
    if (location.kind === 'postgres')
      return { ...base, url: location.url, paths: [], allowedDirectories: [] };
    const root = sourceRoot();
    if (location.kind === 'duckdb') {
      const file = await resolveInsideRoot(root, location.url.slice('duckdb:'.length));
      return { ...base, url: `duckdb:${file}`, paths: [], allowedDirectories: [await realpath(root)] };
    }
    const paths = await parquetPaths(root, location.url.slice('parquet:'.length));
    return { ...base, url: 'duckdb::memory:', paths, allowedDirectories: [await realpath(root)] };
  }

  /**
   * Runs `work` at a source; what goes wrong there becomes SOURCE_FAILED (a coded error keeps its
   * code), its message without the URL's password or the source directory's path.
   */
  async function atSource<T>(url: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const clean = (message: string) => {
        let out = withoutPassword(message, url);
        if (options.sourceRoot !== undefined) out = out.split(`${options.sourceRoot}/`).join('');
        return out;
      };
      // The core's errors (a mapping that does not fit the columns) and the store's keep their
      // codes; the warehouse's and the compiler's, and the drivers', are the source's failure.
      if (isUpsellError(error) || isDatasetStoreError(error)) {
        error.message = clean(error.message);
        throw error;
      }
      const message = error instanceof Error ? error.message : String(error);
      throw new DatasetStoreError('SOURCE_FAILED', `the source could not be read: ${clean(message)}`);
    }
  }

  /** A question a connected dataset's runner cannot answer. */
  const notYet = (dataset: DatasetRow, what: string) =>
    new DatasetStoreError(
      'NOT_SUPPORTED',
      `dataset "${dataset.name}" is connected: ${what} not yet done where it lives`,
      {
        connected: true,
      },
    );

  /** Checks a source before it is stored: the URL, the files, the table, the mapping. */
  async function checked(input: Required<Omit<SourceInput, 'ttlSeconds'>>) {
    const location = parseSourceLocation(input.url);
    checkName(input.table, 'table');
    checkName(input.position, 'position column');
    checkName(input.customersTable, 'customers table');
    checkName(input.catalogTable, 'catalog table');
    if (location.kind === 'parquet' ? input.table !== null : input.table === null) {
      throw new DatasetStoreError(
        'NOT_SUPPORTED',
        location.kind === 'parquet'
          ? 'Parquet files are read whole: give no table'
          : 'name the table (or view) that holds the purchase lines',
        { field: 'table' },
      );
    }
    const key = secretKey();
    const request = await requestOf({ ...input, relation: input.table });
    const probe = await atSource(input.url, () => runner().check(request, { statementTimeoutMs }));
    return { location, secret: sealSecret(input.url, key), probe };
  }

  /** The probe at which each dataset's segment values were last read (after its check: its stored probe). */
  const valuesRead = new Map<string, SourceProbe>();

  /** Drops a dataset's kept results and probe (changed or deleted). */
  function forget(datasetId: string): void {
    probes.delete(datasetId);
    valuesRead.delete(datasetId);
    for (const key of [...results.keys()]) if (key.startsWith(`${datasetId}@`)) results.delete(key);
  }

  return {
    /**
     * Registers a source as a new purchase dataset, once it has been read: the table exists,
     * the mapping fits its columns, the probe answers. Nothing is stored otherwise.
     */
    async register(
      name: string,
      input: SourceInput,
    ): Promise<{ dataset: DatasetRow; source: DatasetSourceRow }> {
      const full = {
        url: input.url,
        table: input.table ?? null,
        map: input.map ?? {},
        position: input.position ?? null,
        customersTable: input.customersTable ?? null,
        catalogTable: input.catalogTable ?? null,
      };
      const { location, secret, probe } = await checked(full);
      const source: NewDatasetSource = {
        kind: location.kind,
        location: location.redacted,
        secret,
        relation: full.table,
        map: full.map as Record<string, string>,
        position: full.position,
        customersTable: full.customersTable,
        catalogTable: full.catalogTable,
        ttlSeconds: input.ttlSeconds ?? DEFAULT_SOURCE_TTL_SECONDS,
        lastProbe: probe,
      };
      return createConnectedDataset(db, { name, source });
    },

    /**
     * Changes a source: what is given replaces what was (null clears an optional column); a new
     * URL, table or mapping is checked as at registration. Results read before are dropped.
     */
    async update(source: DatasetSourceRow, input: Partial<SourceInput>): Promise<DatasetSourceRow> {
      const rereads = ['url', 'table', 'map', 'position', 'customersTable', 'catalogTable'].some(
        (field) => (input as Record<string, unknown>)[field] !== undefined,
      );
      let patch: Parameters<typeof updateDatasetSource>[2] = {};
      if (input.ttlSeconds !== undefined) patch.ttlSeconds = input.ttlSeconds;
      if (rereads) {
        const url = input.url ?? openSecret(source.secret, secretKey());
        const full = {
          url,
          table: input.table === undefined ? source.relation : input.table,
          map: input.map ?? (source.map as Partial<Record<PurchaseField, string>>),
          position: input.position === undefined ? source.position : input.position,
          customersTable: input.customersTable === undefined ? source.customersTable : input.customersTable,
          catalogTable: input.catalogTable === undefined ? source.catalogTable : input.catalogTable,
        };
        const { location, secret, probe } = await checked(full);
        patch = {
          ...patch,
          kind: location.kind,
          location: location.redacted,
          secret,
          relation: full.table,
          map: full.map as Record<string, string>,
          position: full.position,
          customersTable: full.customersTable,
          catalogTable: full.catalogTable,
          lastProbe: probe,
        };
      } else {
        patch.lastProbe = source.lastProbe;
      }
      const updated = await updateDatasetSource(db, source.datasetId, patch);
      forget(source.datasetId);
      return updated;
    },

    /** The metric of a connected dataset, computed at its source, or kept while still right. */
    async query(
      dataset: DatasetRow,
      source: DatasetSourceRow,
      input: DefinitionInput,
    ): Promise<DatasetMetricResult> {
      const definition = parseQueryDefinition(input);
      checkMetricFitsDataset(dataset, definition);
      const cacheKey = `${dataset.id}@${source.updatedAt}#${JSON.stringify(definition)}`;
      const url = openSecret(source.secret, secretKey());
      const request = () =>
        requestOf({
          url,
          relation: source.relation,
          map: source.map,
          position: source.position,
          customersTable: source.customersTable,
          catalogTable: source.catalogTable,
        });
      const probeNow = async (): Promise<SourceProbe> => {
        const probe = await atSource(url, async () =>
          runner().probe(await request(), { statementTimeoutMs }),
        );
        probes.set(dataset.id, { probe, at: now() });
        return probe;
      };
      const kept = results.get(cacheKey);
      if (kept !== undefined && now() - kept.readAt < source.ttlSeconds * 1000) {
        const recent = probes.get(dataset.id);
        const probe =
          recent !== undefined && now() - recent.at < probeEveryMs ? recent.probe : await probeNow();
        if (sameProbe(probe, kept.probe)) return { ...kept.result, cached: true };
      }
      const running = inFlight.get(cacheKey);
      if (running !== undefined) return running;
      const read = (async () => {
        const readAt = now();
        const probe: SourceProbe = await probeNow();
        // The rows changed since the segment values were read: read them again with the result.
        const valuesAt = valuesRead.get(dataset.id) ?? source.lastProbe;
        const dimensionValues = runner().dimensionValues;
        if (dimensionValues !== undefined && (valuesAt === null || !sameProbe(probe, valuesAt))) {
          probe.dimensions = await atSource(url, async () =>
            dimensionValues(await request(), { statementTimeoutMs }),
          );
          valuesRead.set(dataset.id, probe);
        }
        const metric: MetricResult = await atSource(url, async () =>
          runner().metric(await request(), definition, { statementTimeoutMs }),
        );
        if (metric.rows.length > options.maxResultRows) {
          throw new DatasetStoreError(
            'LIMIT_EXCEEDED',
            `this result has ${metric.rows.length.toLocaleString('en-US')} rows (periods x segments), over the limit of ${options.maxResultRows.toLocaleString('en-US')} (UPSELL_MAX_RESULT_ROWS): choose a longer period, fewer segment columns, or a from/to range`,
            { limit: options.maxResultRows },
          );
        }
        const result: DatasetMetricResult = {
          ...metric,
          datasetId: dataset.id,
          datasetVersion: dataset.version,
          cached: false,
        };
        results.set(cacheKey, { result, probe, readAt });
        await recordSourceRead(db, dataset.id, {
          readAt: new Date(readAt),
          probe: { ...source.lastProbe, ...probe },
        });
        return result;
      })();
      inFlight.set(cacheKey, read);
      try {
        return await read;
      } finally {
        inFlight.delete(cacheKey);
      }
    },

    /**
     * The customers (lines) behind one row of a connected dataset, paged (and searched) in its
     * database (not kept: each page is one statement there).
     */
    async customers(
      dataset: DatasetRow,
      source: DatasetSourceRow,
      input: DefinitionInput,
      row: { period: string; segment?: Record<string, string> },
      page: { offset?: number; limit?: number; search?: string },
    ): Promise<DrillDown> {
      const definition = parseQueryDefinition(input);
      checkMetricFitsDataset(dataset, definition);
      const drill = runner().drillDown;
      if (drill === undefined) throw notYet(dataset, 'the customers behind a figure are');
      const url = openSecret(source.secret, secretKey());
      const search = (page.search ?? '').trim();
      return atSource(url, async () =>
        drill(
          await requestOf({ ...source, url }),
          definition,
          row,
          {
            offset: page.offset ?? 0,
            limit: Math.min(page.limit ?? 100, 1000),
            ...(search === '' ? {} : { search }),
          },
          { statementTimeoutMs },
        ),
      );
    },

    /**
     * Every customer (line) behind one row of a connected dataset explained, in the order a
     * drill-down lists them, up to `maxItems` (LIMIT_EXCEEDED past it): what two definitions are
     * compared customer by customer from, as a dataset of files is.
     */
    async explained(
      dataset: DatasetRow,
      source: DatasetSourceRow,
      input: DefinitionInput,
      row: { period: string; segment?: Record<string, string> },
      maxItems: number,
    ): Promise<DrillDownInput> {
      const definition = parseQueryDefinition(input);
      checkMetricFitsDataset(dataset, definition);
      const explain = runner().explain;
      if (explain === undefined) throw notYet(dataset, 'comparing the customers of two definitions is');
      const url = openSecret(source.secret, secretKey());
      // One more than the limit: a list that fills it is over it.
      const { explained, total } = await atSource(url, async () =>
        explain(await requestOf({ ...source, url }), definition, row, maxItems + 1, { statementTimeoutMs }),
      );
      if (total > maxItems) {
        throw new DatasetStoreError(
          'LIMIT_EXCEEDED',
          `${total.toLocaleString('en-US')} customers (lines) are behind this row, more than a comparison lists (${maxItems.toLocaleString('en-US')}, UPSELL_MAX_DRILL_DOWN_ITEMS): choose a shorter period or a segment`,
          { limit: maxItems },
        );
      }
      return explained;
    },

    forget,
  };
}

export type ConnectedDatasets = ReturnType<typeof createConnectedDatasets>;
