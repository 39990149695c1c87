import { createHash, randomUUID } from 'node:crypto';
import {
  AMOUNT_SCALE,
  buildMetricResult,
  computeMetric,
  createTimeZoneOffsets,
  type DefinitionInput,
  type ExplainedLine,
  formatLocalDateTime,
  type MetricRow,
  type PurchaseTable,
  runMetric,
  UpsellError,
} from '@upsell/core';
import type {
  ComparedRow,
  DatasetFileSummary,
  DatasetMetricResult,
  DatasetStore,
  DatasetSummary,
  DrillDown,
  DrillDownLine,
  ImportProgress,
  ImportRequest,
  StoredRowIssue,
  Upload,
} from '@upsell/datasets';
import { DatasetStoreError } from '@upsell/datasets';

/** Options of {@link createFakeDatasetStore}. */
export interface FakeDatasetStoreOptions {
  /** Uploads over this many bytes fail with LIMIT_EXCEEDED. Default 10 MiB. */
  maxUploadBytes?: number;
}

interface StoredFile {
  summary: DatasetFileSummary;
  table: PurchaseTable;
  map: ImportRequest['map'];
  issues: StoredRowIssue[];
}

interface StoredDataset {
  id: string;
  name: string;
  version: number;
  createdAt: string;
  files: StoredFile[];
  summary: Omit<DatasetSummary, 'id' | 'name' | 'version' | 'createdAt' | 'files'>;
}

const EMPTY_SUMMARY: StoredDataset['summary'] = {
  rows: 0,
  accepted: 0,
  rejected: 0,
  customers: 0,
  columns: [],
  dateRange: null,
  tiers: [],
  families: [],
  dimensions: [],
};

// Simple on purpose: test files have no quoted fields.
function parseTable(bytes: Uint8Array, format: 'csv' | 'ndjson', fileName: string): PurchaseTable {
  const lines = new TextDecoder()
    .decode(bytes)
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  if (format === 'csv') {
    const [header = [], ...rows] = lines.map((line) => line.split(','));
    return { header, rows, fileName };
  }
  const objects = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const header = Object.keys(objects[0] ?? {});
  return { header, rows: objects.map((o) => header.map((key) => String(o[key] ?? ''))), fileName };
}

const rowKey = (row: { period: string; segment: Record<string, string> }) =>
  `${row.period}\u0000${JSON.stringify(Object.entries(row.segment).sort())}`;

/**
 * A {@link DatasetStore} held in memory for router tests: it keeps uploads, datasets, files and
 * their rejected rows, and computes every number with the core (`computeMetric`), caching
 * results per dataset version and definition. Simplifications: CSV without quoted fields,
 * purchase files only, no dimension profiling; imports finish within the call; uploads are kept
 * in memory until imported, each for the token that sent it, and never stop early.
 *
 * @example
 * const store = createFakeDatasetStore();
 * const { uploadId } = await store.receiveUpload(new Blob(['customer_id,purchased_at,product_id\n']).stream(), {
 *   owner: 'token-id',
 * });
 */
export function createFakeDatasetStore(options: FakeDatasetStoreOptions = {}): DatasetStore {
  const maxUploadBytes = options.maxUploadBytes ?? 10 * 1024 * 1024;
  const uploads = new Map<string, { bytes: Uint8Array; sha256: string; owner: string }>();
  const datasets = new Map<string, StoredDataset>();
  const results = new Map<string, DatasetMetricResult>();
  const inFlight = new Map<string, ImportProgress>();

  const find = (idOrName: string): StoredDataset => {
    const found = datasets.get(idOrName) ?? [...datasets.values()].find((d) => d.name === idOrName);
    if (found === undefined) throw new DatasetStoreError('NOT_FOUND', `No dataset "${idOrName}"`);
    return found;
  };
  const summarise = (d: StoredDataset): DatasetSummary => ({
    id: d.id,
    name: d.name,
    version: d.version,
    createdAt: d.createdAt,
    ...d.summary,
    files: d.files.map((f) => f.summary),
  });
  const tables = (d: StoredDataset) => d.files.map((f) => f.table);
  const mapOf = (d: StoredDataset) => d.files[0]?.map;

  async function query(idOrName: string, definition: DefinitionInput): Promise<DatasetMetricResult> {
    const d = find(idOrName);
    const key = `${d.id}@${d.version}:${JSON.stringify(definition)}`;
    const cached = results.get(key);
    if (cached !== undefined) return { ...cached, cached: true };
    const result = computeMetric(tables(d), { definition, map: mapOf(d) });
    const stored = { ...result, datasetId: d.id, datasetVersion: d.version, cached: false };
    results.set(key, stored);
    return stored;
  }

  return {
    async receiveUpload(body, { owner }) {
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of body) {
        size += chunk.byteLength;
        if (size > maxUploadBytes) {
          throw new DatasetStoreError(
            'LIMIT_EXCEEDED',
            `The upload is over the limit of ${maxUploadBytes} bytes`,
          );
        }
        chunks.push(chunk);
      }
      const bytes = new Uint8Array(size);
      let at = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, at);
        at += chunk.byteLength;
      }
      const upload: Upload = {
        uploadId: randomUUID(),
        bytes: size,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      };
      uploads.set(upload.uploadId, { bytes, sha256: upload.sha256, owner });
      return upload;
    },

    async create(name) {
      if ([...datasets.values()].some((d) => d.name === name)) {
        throw new DatasetStoreError('CONFLICT', `A dataset named "${name}" exists`);
      }
      const d: StoredDataset = {
        id: randomUUID(),
        name,
        version: 0,
        createdAt: new Date().toISOString(),
        files: [],
        summary: EMPTY_SUMMARY,
      };
      datasets.set(d.id, d);
      return summarise(d);
    },

    async list() {
      return [...datasets.values()].map(summarise);
    },

    async get(idOrName) {
      return summarise(find(idOrName));
    },

    async importFile(request) {
      const d = find(request.datasetId);
      const upload = uploads.get(request.uploadId);
      // Another token's upload is answered as a missing one, so that ids cannot be probed.
      if (upload === undefined || upload.owner !== request.owner) {
        throw new DatasetStoreError('NOT_FOUND', `No upload "${request.uploadId}"`);
      }
      if ((request.kind ?? 'purchases') !== 'purchases') {
        throw new UpsellError('INVALID_ARGUMENT', 'The fake store holds purchase files only');
      }
      const same = d.files.find((f) => f.summary.sha256 === upload.sha256);
      if (same !== undefined)
        return { duplicate: true, file: same.summary, dataset: summarise(d), notes: [] };
      if (request.mode === 'import' && d.files.length > 0) {
        throw new DatasetStoreError('CONFLICT', `Dataset "${d.name}" has data: append to it instead`);
      }
      if (request.mode === 'append' && d.files.length === 0) {
        throw new DatasetStoreError('CONFLICT', `Dataset "${d.name}" is empty: import into it first`);
      }
      const importId = randomUUID();
      inFlight.set(importId, {
        importId,
        datasetId: d.id,
        fileName: request.fileName,
        bytesRead: 0,
        bytesTotal: upload.bytes.byteLength,
        rowsRead: 0,
        startedAt: new Date().toISOString(),
      });
      try {
        const format = request.format ?? (/\.(ndjson|jsonl)$/i.test(request.fileName) ? 'ndjson' : 'csv');
        const table = parseTable(upload.bytes, format, request.fileName);
        const fileId = randomUUID();
        const issues: StoredRowIssue[] = [];
        const own = runMetric([table], {
          definition: { period: 'all', rule: 'additional' },
          map: request.map,
          classify: false,
          onIssue: (issue) => issues.push({ ...issue, fileId }),
        });
        const all = [...tables(d), table];
        const whole = runMetric(all, {
          definition: { period: 'all', rule: 'additional' },
          map: mapOf(d) ?? request.map,
          profile: true,
        });
        const summary: DatasetFileSummary = {
          id: fileId,
          kind: 'purchases',
          sequence: d.files.length + 1,
          version: d.version + 1,
          fileName: request.fileName,
          format,
          bytes: upload.bytes.byteLength,
          sha256: upload.sha256,
          ...own.accounting,
          columns: [...table.header],
          createdAt: new Date().toISOString(),
        };
        const { profile } = whole;
        d.files.push({ summary, table, map: request.map, issues });
        d.version++;
        d.summary = {
          ...whole.accounting,
          customers: whole.partial.customers,
          columns: d.files[0]!.summary.columns,
          dateRange:
            profile?.first == null || profile.last == null
              ? null
              : { first: new Date(profile.first).toISOString(), last: new Date(profile.last).toISOString() },
          tiers: profile?.tiers ?? [],
          families: profile?.families ?? [],
          dimensions: [],
        };
        uploads.delete(request.uploadId);
        return { duplicate: false, file: summary, dataset: summarise(d), notes: [] };
      } finally {
        inFlight.delete(importId);
      }
    },

    progress() {
      return [...inFlight.values()];
    },

    async delete(idOrName) {
      datasets.delete(find(idOrName).id);
    },

    async rowErrors(idOrName, page) {
      const d = find(idOrName);
      const all = d.files
        .filter((f) => page.fileId === undefined || f.summary.id === page.fileId)
        .flatMap((f) => f.issues);
      const offset = page.offset ?? 0;
      return { total: all.length, rows: all.slice(offset, offset + (page.limit ?? 100)) };
    },

    query,

    async customers(idOrName, definition, row, page): Promise<DrillDown> {
      const d = find(idOrName);
      const output = runMetric(tables(d), { definition, map: mapOf(d), explain: row });
      const result = buildMetricResult(output.partial, output);
      const segment = row.segment ?? {};
      const period = output.calendar.label(output.calendar.parse(row.period));
      const found = result.rows.find((r) => rowKey(r) === rowKey({ period, segment })) ?? null;
      const zone = createTimeZoneOffsets(output.definition.timeZone);
      const fileNames = d.files.map((f) => f.summary.fileName);
      const lineOut = (l: ExplainedLine): DrillDownLine => ({
        customerId: l.customerId,
        file: fileNames[l.file - 1] ?? '',
        line: l.line,
        purchasedAt: formatLocalDateTime(l.purchasedAt, zone),
        ...(l.orderId === undefined ? {} : { orderId: l.orderId }),
        productId: l.productId,
        family: l.family,
        tier: Number.isNaN(l.tier) ? null : l.tier,
        amount: Number.isNaN(l.amount) ? null : l.amount / AMOUNT_SCALE,
        quantity: l.quantity,
        movement: l.movement,
        reason: l.reason,
      });
      const search = page.search?.toLowerCase();
      const matches = (l: ExplainedLine) =>
        search === undefined ||
        l.customerId.toLowerCase().includes(search) ||
        l.productId.toLowerCase().includes(search);
      const offset = page.offset ?? 0;
      const end = offset + (page.limit ?? 100);
      const base = {
        metric: result.metric,
        definition: result.definition,
        period,
        segment,
        row: found,
        offset,
      };
      if (result.metric === 'purchase-upsell-rate') {
        const lines = output.explanation.lines.filter(matches);
        return { ...base, total: lines.length, lines: lines.slice(offset, end).map(lineOut) };
      }
      const crossSell = result.metric === 'customer-cross-sell-rate';
      const customers = output.explanation.customers.filter(
        (c) => search === undefined || c.customerId.toLowerCase().includes(search) || c.lines.some(matches),
      );
      return {
        ...base,
        total: customers.length,
        customers: customers.slice(offset, end).map((c) => ({
          customerId: c.customerId,
          initialOrderAt: formatLocalDateTime(c.initialOrderAt, zone),
          segment: c.segment,
          upsell: c.upsell,
          crossSell: c.crossSell,
          inNumerator: crossSell ? c.crossSell : c.upsell,
          lines: c.lines.map(lineOut),
        })),
      };
    },

    async compare(idOrName, a, b) {
      const [ra, rb] = [await query(idOrName, a), await query(idOrName, b)];
      const byKey = new Map<string, { a: MetricRow | null; b: MetricRow | null }>();
      for (const row of ra.rows) byKey.set(rowKey(row), { a: row, b: null });
      for (const row of rb.rows) byKey.set(rowKey(row), { a: byKey.get(rowKey(row))?.a ?? null, b: row });
      const rows: ComparedRow[] = [...byKey.values()].map(({ a: x, b: y }) => {
        const both = x !== null && y !== null;
        const any = (x ?? y)!;
        return {
          period: any.period,
          segment: any.segment,
          a: x,
          b: y,
          difference: both ? y.rate - x.rate : null,
          numeratorDifference: both ? y.numerator - x.numerator : null,
          denominatorDifference: both ? y.denominator - x.denominator : null,
        };
      });
      return { a: ra, b: rb, rows };
    },

    peekVersion(id) {
      return datasets.get(id)?.version;
    },

    async close() {
      uploads.clear();
      inFlight.clear();
    },
  };
}
