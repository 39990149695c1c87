import type { Definition, DefinitionInput, ResolvedRule } from './definition.ts';
import { type EngineCounters, segmentKey } from './engine/engine-counters.ts';
import type { ExplainTarget, Explanation } from './engine/explanation.ts';
import { createReplayLines, type ReplayLines } from './engine/replay-lines.ts';
import type { RetentionDrill, RetentionOptions } from './engine/retention-tracker.ts';
import { createUpsellEngine } from './engine/upsell-engine.ts';
import { UpsellError } from './errors.ts';
import { type ColumnMapping, mapColumns, type PurchaseField } from './input/column-mapping.ts';
import type { CustomerTable } from './input/customer-table.ts';
import { fileValueFormats } from './input/file-value-formats.ts';
import type { ProductCatalog } from './input/product-catalog.ts';
import type { Purchase } from './input/purchase.ts';
import { createPurchaseProfiler, type PurchaseProfile } from './input/purchase-profile.ts';
import { createPurchaseReader, type PurchaseReaderOptions } from './input/purchase-reader.ts';
import { resolveRule } from './input/resolve-rule.ts';
import type { RowAccounting, RowIssue } from './input/row-issue.ts';
import { resolveSegmentation, type SegmentSource } from './input/segmentation.ts';
import type { FileValueFormats, ValueFormats } from './input/value-formats.ts';
import { purchaseRunDefinition, targetSegmentValues } from './run-definition.ts';
import { createPeriodCalendar, type PeriodCalendar } from './time/period.ts';
import { createTimeZoneOffsets, type TimeZoneOffsets } from './time/time-zone.ts';

/** Options of {@link createMetricRun}. */
export interface MetricRunOptions {
  definition: DefinitionInput;
  /** Explicit column mapping (`--map field=Column`). */
  map?: Partial<Record<PurchaseField, string>>;
  /**
   * How the files write dates and numbers (`dmy`, `comma`, ...), chosen for every file; a format
   * left out is detected per file from the sample `addFile` is given, else the default (ISO dates,
   * decimal points).
   */
  formats?: ValueFormats;
  customers?: CustomerTable;
  /** Tiers and families of products, for purchase files without those columns (or with gaps). */
  catalog?: ProductCatalog;
  /**
   * `stream` (default) keeps memory per customer and needs each customer's lines in time order,
   * throwing `OUT_OF_ORDER` otherwise; `buffer` takes any order and keeps every line until finish.
   */
  order?: 'stream' | 'buffer';
  /**
   * Gather the customers and lines behind one row: its period label and segment values, and
   * the most customers and lines to gather (one more is `LIMIT_EXCEEDED`; default no limit).
   */
  explain?: { period: string; segment?: Record<string, string>; limit?: number };
  /** Take only the customers of one shard (by a hash of customer_id); other rows are left to the other shards. */
  shard?: { index: number; count: number };
  /** False to check and count rows without classifying them (for validation). */
  classify?: boolean;
  /** Called for each rejected row; rows read = accepted + rejected. */
  onIssue?: (issue: RowIssue) => void;
  /** Gather a profile of the accepted lines (time range, tiers, families) into the output. */
  profile?: boolean;
  /**
   * Also count the retention KPIs (see `buildRetentionResult`): churn after `inactiveAfterDays`
   * days without an order (null: no churn), and with `drill` the ids of the customers behind one
   * KPI of one period and segment (more than `limit` is `LIMIT_EXCEEDED`).
   */
  retention?: {
    inactiveAfterDays: number | null;
    drill?: { kind: RetentionDrill; period: string; segment?: Record<string, string>; limit?: number };
  };
  /** Summarise each customer's first upsell into `counters.firstUpsells` (for cohorts). */
  firstUpsells?: boolean;
}

/** What a run learned: counters, accounting and what it resolved. */
export interface MetricRunOutput {
  definition: Definition;
  rule: ResolvedRule;
  calendar: PeriodCalendar;
  counters: EngineCounters;
  accounting: RowAccounting;
  hasAmounts: boolean;
  explanation: Explanation;
  /** With `retention.drill`: the ids of the customers behind that number, in the order met. */
  retentionDrill?: string[];
  /** With the `profile` option: what the accepted lines hold. */
  profile?: PurchaseProfile;
  /**
   * The ISO 4217 code of the currency the amounts name (`$12.50`: USD), when the files name one
   * and no two files name different ones: for a front end to show money with its symbol.
   */
  currency?: string;
}

/** A computation of one definition over one or more purchase files, fed row by row. */
export interface MetricRun {
  readonly definition: Definition;
  /**
   * Starts a purchase file from its header; returns what takes its rows. `sample`, the file's
   * first data rows (up to `FORMAT_SAMPLE_SIZE` are read), tells how the file writes dates and
   * numbers when the run's options do not say (see `fileValueFormats`); the rows are not taken:
   * push them after. Throws `AMBIGUOUS_FORMAT` when they could be read two ways. `formats`, chosen
   * for this file (say, as it was read when first imported), win over the run's and the sample.
   */
  addFile(
    header: readonly string[],
    fileName?: string,
    sample?: readonly (readonly string[])[],
    formats?: ValueFormats,
  ): PurchaseFileSink;
  finish(): MetricRunOutput;
  /**
   * What the run learned so far, leaving it open for more files or rows (streaming runs only:
   * a buffered run sorts at finish). Throws `OUT_OF_ORDER` like finish when lines came out of
   * time order; the run is then of no further use.
   */
  snapshot(): MetricRunOutput;
}

/** Takes the data rows of one purchase file. */
export interface PurchaseFileSink {
  /**
   * One row: its fields, its 1-based line, its position in the file (e.g. its byte offset), and
   * the reader's dense key for its customer id if it keeps one (see `Purchase.customerKey`).
   * A sharded run takes the row when its shard takes the id in its customer column, whatever
   * the row's width (a row too short to have one goes to shard 0), so that a reader can route
   * rows by that field's bytes alone.
   */
  push(fields: readonly string[], line: number, position: number, customerKey?: number): void;
  /** A row the reader could not split into fields, rejected with its issues (counted by shard 0). */
  reject(issues: readonly RowIssue[]): void;
  /** How the file's dates and numbers are read, and the currency of its amounts. */
  readonly formats: Readonly<FileValueFormats>;
  /** The columns the run reads; a reader may leave the others as ''. */
  readonly columns: readonly number[];
  /** The customer_id column. */
  readonly customerColumn: number;
  /** Which column is which field, and the dimensions. */
  readonly mapping: ColumnMapping;
  /** Whether this run's shard takes the customer (always true without sharding). */
  accepts(customerId: string): boolean;
  /** The run's shard, for readers that shard rows by the id's bytes (see {@link customerShard}). */
  readonly shard: { index: number; count: number } | undefined;
  /** How this file's rows become purchases, for readers that build purchases themselves. */
  readonly reader: Readonly<PurchaseReaderOptions>;
  /**
   * A purchase a reader built itself from a row it checked the same way as `push` would (the
   * reader's tests hold it to that). Its `position` is taken as the row's position in the file.
   * The run does not keep the object: a reader may refill it for the next row.
   */
  pushPurchase(purchase: Purchase): void;
  /**
   * Brings the state of the customers with the reader's keys `customerKeys[0, count)` into the
   * cache ahead of their lines (see `UpsellEngine.prefetch`); a reader that holds a batch of
   * lines back calls it before pushing them. Changes nothing; gives a number of no use but to be
   * kept, so that the reads stay.
   */
  prefetch(customerKeys: Int32Array, count: number): number;
}

/**
 * The shard of a customer id: FNV-1a over its UTF-8 bytes, modulo the shard count. Defined on
 * bytes so that a reader can shard rows without decoding the id.
 *
 * @example
 * customerShard('C000042', 2) // 0 or 1, always the same
 */
export function customerShard(customerId: string, count: number): number {
  let hash = 0x811c9dc5;
  const add = (byte: number) => {
    hash = Math.imul(hash ^ byte, 0x01000193);
  };
  for (const char of customerId) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) add(code);
    else if (code < 0x800) {
      add(0xc0 | (code >> 6));
      add(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      add(0xe0 | (code >> 12));
      add(0x80 | ((code >> 6) & 0x3f));
      add(0x80 | (code & 0x3f));
    } else {
      add(0xf0 | (code >> 18));
      add(0x80 | ((code >> 12) & 0x3f));
      add(0x80 | ((code >> 6) & 0x3f));
      add(0x80 | (code & 0x3f));
    }
  }
  return (hash >>> 0) % count;
}

const FILE_SPAN = 2 ** 40;

/**
 * Runs a metric definition over purchase rows pushed in. The core of `upsell rate`, the API's
 * `metric.query` and the admin UI: headers mapped, rows checked (each bad row reported, never
 * dropped silently), lines classified, counters kept per period and segment.
 *
 * @example
 * const run = createMetricRun({ definition: { period: 'month' } });
 * const file = run.addFile(['customer_id', 'purchased_at', 'product_id', 'tier']);
 * file.push(['c1', '2024-01-05', 'basic', '1'], 2, 2);
 * buildMetricResult(run.finish().counters, ...);
 */
export function createMetricRun(options: MetricRunOptions): MetricRun {
  const definition = purchaseRunDefinition(options.definition);
  const zone: TimeZoneOffsets = createTimeZoneOffsets(definition.timeZone);
  const calendar = createPeriodCalendar(definition.period, zone, definition.fiscalYearStart);
  const customers = options.customers;
  const accounting: RowAccounting = { rows: 0, accepted: 0, rejected: 0 };
  const shard = options.shard;
  const buffering = options.order === 'buffer';
  // A buffered run's lines until finish has replayed them (then let go, before the results).
  let buffered: ReplayLines | undefined = buffering ? createReplayLines() : undefined;
  const onIssue = options.onIssue;
  const classify = options.classify ?? true;
  const profiler = options.profile ? createPurchaseProfiler() : undefined;
  const issues: RowIssue[] = [];
  let rule: ResolvedRule | undefined;
  let segmentation: SegmentSource[] | undefined;
  let hasAmounts = true;
  let engine: ReturnType<typeof createUpsellEngine> | undefined;
  let files = 0;
  // The currency the files' amounts name: undefined before any does, null once two differ.
  let currency: string | null | undefined;

  const startEngine = (mapping: ColumnMapping) => {
    const fields = mapping.fields;
    rule = resolveRule(definition.rule, {
      kind: fields.kind !== undefined,
      tier: fields.tier !== undefined || options.catalog !== undefined,
      amount: fields.amount !== undefined,
    });
    segmentation = resolveSegmentation(definition.by, mapping, customers?.attributes ?? []);
    let explain: ExplainTarget | undefined;
    if (options.explain) {
      explain = {
        period: calendar.parse(options.explain.period),
        segment: targetSegmentValues(definition, options.explain.segment ?? {}),
        // A drill-down lists the lines of the purchase up-sell rate, the customers of the others.
        gather: definition.metric === 'purchase-upsell-rate' ? 'lines' : 'customers',
      };
      if (options.explain.limit !== undefined) explain.limit = options.explain.limit;
    }
    const engineOptions: Parameters<typeof createUpsellEngine>[0] = {
      rule,
      eligible: definition.eligible,
      calendar,
      zone,
      segmentation,
    };
    if (customers) engineOptions.customerAttributes = customers.values;
    if (explain) engineOptions.explain = explain;
    if (options.retention) {
      const { inactiveAfterDays, drill } = options.retention;
      const retention: RetentionOptions = { inactiveAfterDays };
      if (drill) {
        retention.drill = {
          kind: drill.kind,
          period: calendar.parse(drill.period),
          segment: segmentKey(targetSegmentValues(definition, drill.segment ?? {})),
        };
        if (drill.limit !== undefined) retention.drill.limit = drill.limit;
      }
      engineOptions.retention = retention;
    }
    if (options.firstUpsells) engineOptions.firstUpsells = true;
    return createUpsellEngine(engineOptions);
  };

  return {
    definition,
    addFile(header, fileName, sample, fileFormats) {
      const mapping = mapColumns(header, options.map, fileName === undefined ? {} : { file: fileName });
      const formats = fileValueFormats({
        mapping,
        ...(sample === undefined ? {} : { sample }),
        ...(options.formats === undefined && fileFormats === undefined
          ? {}
          : { chosen: { ...options.formats, ...fileFormats } }),
        ...(fileName === undefined ? {} : { fileName }),
      });
      const file = ++files;
      if (engine === undefined) engine = startEngine(mapping);
      else {
        const fields = mapping.fields;
        resolveRule(rule!, {
          kind: fields.kind !== undefined,
          tier: fields.tier !== undefined || options.catalog !== undefined,
          amount: fields.amount !== undefined,
        });
        segmentation = resolveSegmentation(definition.by, mapping, customers?.attributes ?? []);
      }
      if (mapping.fields.amount === undefined) hasAmounts = false;
      if (formats.currency !== undefined && currency !== null) {
        currency = currency === undefined || currency === formats.currency ? formats.currency : null;
      }
      const readerOptions: PurchaseReaderOptions = {
        mapping,
        segmentation: segmentation!,
        zone,
        file,
        formats,
      };
      if (fileName !== undefined) readerOptions.fileName = fileName;
      if (options.catalog !== undefined) readerOptions.catalog = options.catalog;
      const read = createPurchaseReader(readerOptions);
      const customerColumn = mapping.fields.customer_id!;
      const running = engine;
      const accepts = (id: string) =>
        shard === undefined || (id === '' ? 0 : customerShard(id, shard.count)) === shard.index;
      const columns = [
        ...new Set([
          ...Object.values(mapping.fields),
          ...segmentation!.flatMap((s) => (s.from === 'purchase' ? [s.column] : [])),
        ]),
      ].sort((a, b) => a - b);
      const accept = (purchase: Purchase) => {
        if (buffering && buffered === undefined)
          throw new UpsellError('INVALID_ARGUMENT', 'push: the run has finished');
        accounting.rows++;
        accounting.accepted++;
        profiler?.add(purchase);
        if (!classify) return;
        // The buffer keeps the lines (in columns, not the objects: readers may reuse theirs).
        if (buffered) buffered.add(purchase);
        else running.push(purchase);
      };
      const reject = (found: readonly RowIssue[]) => {
        accounting.rows++;
        accounting.rejected++;
        if (onIssue) for (const issue of found) onIssue(issue);
      };
      return {
        columns,
        customerColumn,
        mapping,
        formats,
        shard,
        reader: readerOptions,
        accepts,
        prefetch(customerKeys, count) {
          return classify && !buffered ? running.prefetch(customerKeys, count) : 0;
        },
        pushPurchase(purchase) {
          purchase.position += file * FILE_SPAN;
          accept(purchase);
        },
        reject(found) {
          if (shard === undefined || shard.index === 0) reject(found);
        },
        push(fields, line, position, customerKey) {
          if (
            shard !== undefined &&
            !accepts(fields.length > customerColumn ? fields[customerColumn]!.trim() : '')
          )
            return;
          const purchase = read(fields, line, file * FILE_SPAN + position, issues);
          if (purchase === undefined) {
            reject(issues);
            issues.length = 0;
            return;
          }
          if (customerKey !== undefined) purchase.customerKey = customerKey;
          accept(purchase);
        },
      };
    },
    snapshot() {
      if (engine === undefined) {
        throw new UpsellError('INVALID_ARGUMENT', 'snapshot: no purchase file was added');
      }
      if (buffering)
        throw new UpsellError('INVALID_ARGUMENT', 'snapshot: a buffered run sorts its lines at finish');
      return {
        definition,
        rule: rule!,
        calendar,
        counters: engine.snapshot(),
        accounting: { ...accounting },
        hasAmounts,
        explanation: engine.explanation(),
        ...(options.retention?.drill ? { retentionDrill: engine.retentionDrill() } : {}),
        ...(profiler ? { profile: profiler.profile() } : {}),
        ...(typeof currency === 'string' ? { currency } : {}),
      };
    },
    finish() {
      if (engine === undefined) {
        throw new UpsellError('INVALID_ARGUMENT', 'finish: no purchase file was added');
      }
      if (buffered) {
        const replayed = engine;
        buffered.replay(
          (p) => replayed.push(p),
          (keys, count) => replayed.prefetch(keys, count),
        );
        buffered = undefined;
      }
      return {
        definition,
        rule: rule!,
        calendar,
        counters: engine.finish(),
        accounting,
        hasAmounts,
        explanation: engine.explanation(),
        ...(options.retention?.drill ? { retentionDrill: engine.retentionDrill() } : {}),
        ...(profiler ? { profile: profiler.profile() } : {}),
        ...(typeof currency === 'string' ? { currency } : {}),
      };
    },
  };
}
