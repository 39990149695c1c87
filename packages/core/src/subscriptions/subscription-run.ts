import {
  checkRuleFitsMetric,
  type Definition,
  type DefinitionInput,
  isSubscriptionRule,
} from '../definition.ts';
import { isUpsellError, UpsellError } from '../errors.ts';
import { type ColumnMapping, normaliseColumnName } from '../input/column-mapping.ts';
import { type CustomerTable, UNKNOWN_VALUE } from '../input/customer-table.ts';
import { fileValueFormats } from '../input/file-value-formats.ts';
import type { RowAccounting, RowIssue } from '../input/row-issue.ts';
import { listNames, shortenText } from '../input/shorten-text.ts';
import type { FileValueFormats, ValueFormats } from '../input/value-formats.ts';
import type { MetricResult } from '../metric-result.ts';
import { customerShard } from '../metric-run.ts';
import { subscriptionRunDefinition } from '../run-definition.ts';
import { type InMemoryTable, runTables } from '../run-tables.ts';
import { createPeriodCalendar, type PeriodCalendar } from '../time/period.ts';
import { createTimeZoneOffsets } from '../time/time-zone.ts';
import type { FxRates } from './fx-rates.ts';
import { buildMrrMovementsResult } from './mrr-movements-result.ts';
import type { MrrMovementsResult, SubscriptionDrillDown } from './mrr-movements-schema.ts';
import {
  mapSubscriptionColumns,
  SUBSCRIPTION_FIELD_NAMES,
  SUBSCRIPTION_FIELDS,
  type SubscriptionColumnMapping,
  type SubscriptionField,
  type SubscriptionShape,
} from './subscription-columns.ts';
import type { SubscriptionCounters } from './subscription-counters.ts';
import {
  buildSubscriptionDrillDown,
  type SubscriptionDrillDownPage,
  type SubscriptionExplainTarget,
  type SubscriptionExplanation,
} from './subscription-drill-down.ts';
import { createSubscriptionEngine, type SubscriptionEngine } from './subscription-engine.ts';
import { buildSubscriptionRateResult } from './subscription-rate-result.ts';
import {
  createSubscriptionRowReader,
  type SubscriptionRow,
  type SubscriptionRowReaderOptions,
  type SubscriptionRowSource,
  subscriptionRowSource,
} from './subscription-row-reader.ts';
import { createSubscriptionRowStore } from './subscription-row-store.ts';
import type { SubscriptionState } from './subscription-state.ts';
import { buildSubscriptionStates } from './subscription-states.ts';
import { createSubscriptionTotals, type SubscriptionTotals } from './subscription-totals.ts';

/** Options of {@link createSubscriptionRun}. */
export interface SubscriptionRunOptions {
  /**
   * Period, zone, `by`, `from`/`to`, and for the rate its `eligible`, `rule`, industry and target.
   * The metric is `subscription-upsell-rate` (the default here); its defaults (`existing`,
   * `expansion`) are filled in as `applyMetricDefaults` does.
   */
  definition: DefinitionInput;
  /** ISO 4217 code of the reporting currency; default `USD`. */
  currency?: string;
  /** Rates into the reporting currency, for states in other currencies. */
  fx?: FxRates;
  /** Explicit column mapping (`--map field=Column`). */
  map?: Partial<Record<SubscriptionField, string>>;
  /** How the files write dates and numbers; a format left out is detected per file from its sample. */
  formats?: ValueFormats;
  /** Customer attributes: they win over subscription columns of the same name. */
  customers?: CustomerTable;
  /** Take only the customers of one shard (`customerShard`), as purchase runs do. */
  shard?: { index: number; count: number };
  /** Gather the customers and movements behind one figure. */
  explain?: SubscriptionExplainTarget;
  /** Also summarise the acquisition cohorts (`counters.cohorts`); not in a `live` run. */
  cohorts?: boolean;
  /** Called for each rejected row; rows read = accepted + rejected. */
  onIssue?: (issue: RowIssue) => void;
  /**
   * `buffer` (default) keeps every row until finish and takes them in any order; `stream` needs
   * each customer's rows together (in any order among them) and hands a customer to the engine
   * when the next one starts, so memory is one customer's rows: a customer seen again after
   * another is `OUT_OF_ORDER` (the caller re-runs buffered, as `runSubscriptions` does; the run
   * is then of no further use). `live` keeps every row for good, in any order, and answers
   * {@link SubscriptionRun.snapshot} as often as asked: each snapshot computes again only the
   * customers who got rows since the last one (no `explain`).
   */
  order?: 'buffer' | 'stream' | 'live';
}

/** What a subscription run learned: counters, accounting and what it resolved. */
export interface SubscriptionRunOutput {
  definition: Definition;
  calendar: PeriodCalendar;
  counters: SubscriptionCounters;
  accounting: RowAccounting;
  /** The shape the files were read as. */
  shape: SubscriptionShape;
  /** The reporting currency. */
  currency: string;
  /** With the `explain` option: what was gathered. */
  explanation?: SubscriptionExplanation;
  /**
   * Live runs only: the UTC days (epoch ms / 86,400,000, floored) of the earliest state start and
   * of the latest start or end; null without states.
   */
  days?: [number, number] | null;
}

/** Takes the data rows of one subscription file. */
export interface SubscriptionFileSink {
  /** One row: its fields, its 1-based line and its position in the file (e.g. its byte offset). */
  push(fields: readonly string[], line: number, position: number): void;
  /** A row the reader could not split into fields, rejected with its issues (counted by shard 0). */
  reject(issues: readonly RowIssue[]): void;
  /** Whether this run's shard takes the customer (always true without sharding). */
  accepts(customerId: string): boolean;
  /** The run's shard, for readers that shard rows by the id's bytes (see `customerShard`). */
  readonly shard: { index: number; count: number } | undefined;
  /** Which column is which field, and the dimensions. */
  readonly mapping: SubscriptionColumnMapping;
  readonly shape: SubscriptionShape;
  /** How the file's dates and numbers are read, and the currency its amounts name. */
  readonly formats: Readonly<FileValueFormats>;
  /** The customer_id column. */
  readonly customerColumn: number;
  /** How this file's rows become {@link SubscriptionRow}s, for readers that build rows themselves. */
  readonly reader: Readonly<SubscriptionRowReaderOptions & { source: SubscriptionRowSource }>;
  /**
   * A row a reader built itself from a row of the file that it checked as `push` would (the
   * reader's tests hold it to that), its `source` the reader's. The run keeps the object and sets
   * its `order`.
   */
  pushRow(row: SubscriptionRow): void;
}

/** A computation of one definition over subscription files, fed row by row. */
export interface SubscriptionRun {
  readonly definition: Definition;
  /**
   * Starts a subscription file from its header (either shape; all files of a run are of one
   * shape). `sample`, its first data rows, tells how it writes dates and numbers when neither
   * the run's nor the file's `formats` say; the rows are not taken: push them after.
   */
  addFile(
    header: readonly string[],
    fileName?: string,
    sample?: readonly (readonly string[])[],
    formats?: ValueFormats,
  ): SubscriptionFileSink;
  /** Turns each customer's rows into states and runs them through the engine. */
  finish(): SubscriptionRunOutput;
  /**
   * A `live` run's output so far, the run left open for more rows: the customers who got rows
   * since the last snapshot are computed again (their earlier counters taken away, those of their
   * whole history added), the others are as they were. `variant` asks for the rate under another
   * eligibility or rule (the first time, every customer is computed for it; from then on it is
   * kept up to date with the run's own). Issues are reported as found: a row the reader refuses
   * when pushed, a state refused (an overlap, an orphan event) at the snapshot after it came.
   */
  snapshot(variant?: Pick<Definition, 'eligible' | 'rule'>): SubscriptionRunOutput;
}

const CURRENCY = /^[A-Z]{3}$/;

/**
 * Where each `by` name's values come from in one file: a customer attribute of that name wins
 * (SUBSCRIPTIONS.md); else a column of that name, else a subscription field by its name or
 * alias (`--by plan` is the plan_id column). The columns are kept even under an attribute, for
 * customers the customers file does not list.
 */
function segmentColumns(
  by: readonly string[],
  mapping: SubscriptionColumnMapping,
  attributes: readonly string[],
): Map<string, number> {
  const columns = new Map<string, number>();
  for (const wanted of by) {
    const key = normaliseColumnName(wanted);
    const column = mapping.header.findIndex((name) => normaliseColumnName(name) === key);
    const field = SUBSCRIPTION_FIELD_NAMES.find(
      (f) => f === key || SUBSCRIPTION_FIELDS[f].aliases.some((alias) => normaliseColumnName(alias) === key),
    );
    const found = column >= 0 ? column : field === undefined ? undefined : mapping.fields[field];
    if (found !== undefined) columns.set(wanted, found);
    else if (!attributes.some((name) => normaliseColumnName(name) === key)) {
      const known = [...mapping.dimensions.keys(), ...attributes];
      throw new UpsellError(
        'UNKNOWN_COLUMN',
        `cannot segment by "${shortenText(wanted)}": it is neither a subscription column nor a customer attribute (dimensions: ${listNames(known) || 'none'})`,
        { by: wanted },
      );
    }
  }
  return columns;
}

/**
 * How a subscription file writes dates and numbers, by the purchase side's detection read on its
 * date column (starts_at or effective_at) and its amounts; an ambiguous column names its field.
 */
function subscriptionFileFormats(
  mapping: SubscriptionColumnMapping,
  sample: readonly (readonly string[])[] | undefined,
  chosen: ValueFormats | undefined,
  fileName: string | undefined,
): FileValueFormats {
  const dateField: SubscriptionField = mapping.shape === 'states' ? 'starts_at' : 'effective_at';
  const fields: ColumnMapping['fields'] = { purchased_at: mapping.fields[dateField]! };
  if (mapping.fields.amount !== undefined) fields.amount = mapping.fields.amount;
  if (mapping.fields.quantity !== undefined) fields.quantity = mapping.fields.quantity;
  try {
    return fileValueFormats({
      mapping: { header: mapping.header, fields, dimensions: mapping.dimensions },
      ...(sample === undefined ? {} : { sample }),
      ...(chosen === undefined ? {} : { chosen }),
      ...(fileName === undefined ? {} : { fileName }),
    });
  } catch (error) {
    if (isUpsellError(error, 'AMBIGUOUS_FORMAT') && error.details?.field === 'purchased_at') {
      throw new UpsellError('AMBIGUOUS_FORMAT', error.message, { ...error.details, field: dateField });
    }
    throw error;
  }
}

/**
 * A 52-bit hash of a customer id (two 32-bit FNV-1a-like hashes of its UTF-16 units), for a
 * streaming run to remember which customers it has handed on without keeping their ids. Two ids
 * of one hash (about one chance in 10^9 per customer among millions) only make the run say
 * `OUT_OF_ORDER` and be re-run buffered: never a wrong figure.
 */
function customerHash(id: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < id.length; i++) {
    const unit = id.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193);
    b = Math.imul(b ^ unit, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0) * 0x100000 + (b >>> 12);
}

/**
 * A set of {@link customerHash} values in one typed array (open addressing): 16 bytes a customer
 * or less, where a `Set` of numbers above 2^31 keeps a boxed number each. Until the first
 * lookup the hashes are only appended to a log, in order (a file sorted by customer never looks
 * one up, and appending costs no cache miss); the table is built from the log when first asked.
 */
class HashSet {
  private log: Float64Array | undefined = new Float64Array(1 << 12);
  private logged = 0;
  private table = new Float64Array(0);
  private size = 0;
  has(hash: number): boolean {
    if (this.log !== undefined) this.build();
    const mask = this.table.length - 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const slot = this.table[i]!;
      if (slot === hash) return true;
      if (slot < 0) return false;
    }
  }
  /** Adds a hash the set does not hold (a second copy, from two ids of one hash, is harmless). */
  add(hash: number): void {
    let log = this.log;
    if (log !== undefined) {
      if (this.logged === log.length) {
        const longer = new Float64Array(log.length * 2);
        longer.set(log);
        this.log = log = longer;
      }
      log[this.logged++] = hash;
      return;
    }
    if (++this.size * 2 > this.table.length) this.resize(this.table.length * 2);
    this.insert(hash);
  }
  private build(): void {
    const log = this.log!;
    this.log = undefined;
    let length = 1 << 16;
    while (length < this.logged * 2) length *= 2;
    this.resize(length);
    for (let i = 0; i < this.logged; i++) this.insert(log[i]!);
    this.size = this.logged;
  }
  private resize(length: number): void {
    const old = this.table;
    this.table = new Float64Array(length).fill(-1);
    for (const slot of old) if (slot >= 0) this.insert(slot);
  }
  private insert(hash: number): void {
    const mask = this.table.length - 1;
    let i = hash & mask;
    while (this.table[i]! >= 0) i = (i + 1) & mask;
    this.table[i] = hash;
  }
}

/**
 * Runs a definition over subscription rows pushed in, the twin of `createMetricRun`: headers
 * mapped (either shape), rows checked (each bad row reported with its line, column and reason,
 * never dropped silently), each customer's rows kept until `finish`, then turned into states
 * (`buildSubscriptionStates`: overlaps and orphan events rejected) and run through the
 * subscription engine with the customer's segment: the value on their earliest-starting state
 * (ties: input order), a customers file's attribute winning, `(unknown)` when neither has one.
 *
 * @example
 * const run = createSubscriptionRun({ definition: { period: 'month' } });
 * const file = run.addFile(['customer_id', 'subscription_id', 'plan_id', 'starts_at', 'ends_at', 'amount']);
 * file.push(['A', 'a1', 'basic', '2024-01-05', '', '10.00'], 2, 2);
 * buildMrrMovementsResult(run.finish().counters, ...);
 */
export function createSubscriptionRun(options: SubscriptionRunOptions): SubscriptionRun {
  const definition = subscriptionRunDefinition(options.definition);
  const currency = (options.currency ?? 'USD').trim().toUpperCase();
  if (!CURRENCY.test(currency)) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `currency "${shortenText(options.currency ?? '')}" is not an ISO 4217 code such as USD`,
      { field: 'currency' },
    );
  }
  const fx = options.fx;
  if (fx !== undefined && fx.reportingCurrency !== currency) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `the rates convert into ${fx.reportingCurrency}, but the reporting currency is ${currency}`,
      { field: 'currency' },
    );
  }
  const zone = createTimeZoneOffsets(definition.timeZone);
  const calendar = createPeriodCalendar(definition.period, zone, definition.fiscalYearStart);
  const customers = options.customers;
  const attributes = customers?.attributes ?? [];
  // For each `by` name, the customers file's attribute index when it has one.
  const attributeIndex = definition.by.map((name) =>
    attributes.findIndex((attribute) => normaliseColumnName(attribute) === normaliseColumnName(name)),
  );
  // Made now, so that a bad explain target (period, segment) is said before any row is read.
  const engine = createSubscriptionEngine({
    definition,
    calendar,
    zone,
    ...(options.explain === undefined ? {} : { explain: options.explain }),
    ...(options.cohorts === true ? { cohorts: true } : {}),
  });
  const shard = options.shard;
  const onIssue = options.onIssue;
  const accounting: RowAccounting = { rows: 0, accepted: 0, rejected: 0 };
  const store = createSubscriptionRowStore(definition.by);
  const streaming = options.order === 'stream';
  const live = options.order === 'live';
  if (live && options.explain !== undefined) {
    throw new UpsellError('INVALID_ARGUMENT', 'a live run does not explain: explain with a buffered run');
  }
  if (live && options.cohorts === true) {
    throw new UpsellError('INVALID_ARGUMENT', 'a live run does not summarise cohorts: use a buffered run');
  }
  // Streaming: the customer whose rows are coming, and the hashes of those already handed on.
  let current: { id: string; rows: SubscriptionRow[] } | undefined;
  const finishedCustomers = new HashSet();
  let largestCustomer: string | undefined;
  const issues: RowIssue[] = [];
  let shape: SubscriptionShape | undefined;
  let firstFile: string | undefined;
  let order = 0;
  let finished = false;

  const reject = (found: readonly RowIssue[]) => {
    accounting.rows++;
    accounting.rejected++;
    if (onIssue) for (const issue of found) onIssue(issue);
  };
  const accepts = (id: string) =>
    shard === undefined || (id === '' ? 0 : customerShard(id, shard.count)) === shard.index;

  const segmentOf = (customerId: string, dimensions: Readonly<Record<string, string>> | undefined) => {
    const values = customers?.values.get(customerId);
    return definition.by.map((name, i) => {
      const attribute = attributeIndex[i]!;
      if (attribute >= 0 && values !== undefined) return values[attribute] ?? UNKNOWN_VALUE;
      return dimensions?.[name] ?? UNKNOWN_VALUE;
    });
  };

  // Live runs: the customers who got rows since the last snapshot (none are kept before the
  // first, which takes every customer), the rows the totals have seen, and per variant
  // (eligibility and rule) the totals; the spans of the customers' states, counted by period
  // and by UTC day, so that the range shrinks again when a customer's earlier states go.
  // Customers with rows since the last snapshot, and their numbers in the store.
  const touched = new Map<string, number>();
  let snapshots = 0;
  let seenRows = 0;
  const variants = new Map<
    string,
    {
      definition: Definition;
      totals: SubscriptionTotals;
      before: SubscriptionEngine;
      after: SubscriptionEngine;
    }
  >();
  const spans = {
    periodFirsts: new Map<number, number>(),
    periodLasts: new Map<number, number>(),
    dayFirsts: new Map<number, number>(),
    dayLasts: new Map<number, number>(),
  };
  const periodOf = (at: number) => calendar.indexOf(at);
  const dayOf = (at: number) => Math.floor(at / DAY_MS);
  /** Counts a customer's states' span (see {@link stateSpan}) by period and by UTC day. */
  const countSpan = (states: readonly SubscriptionState[], by: 1 | -1) => {
    const [periodFirst, periodLast] = stateSpan(states, periodOf);
    addCount(spans.periodFirsts, periodFirst, by);
    addCount(spans.periodLasts, periodLast, by);
    const [dayFirst, dayLast] = stateSpan(states, dayOf);
    addCount(spans.dayFirsts, dayFirst, by);
    addCount(spans.dayLasts, dayLast, by);
  };
  const engineFor = (variant: Definition) =>
    createSubscriptionEngine({ definition: variant, calendar, zone });
  const variantOf = (variant: Pick<Definition, 'eligible' | 'rule'>) => {
    const key = `${variant.eligible}|${variant.rule}`;
    let found = variants.get(key);
    if (found !== undefined) return found;
    checkRuleFitsMetric(definition.metric, variant.rule);
    const chosen: Definition = { ...definition, eligible: variant.eligible, rule: variant.rule };
    found = {
      definition: chosen,
      totals: createSubscriptionTotals({
        unit: calendar.unit,
        timeZone: calendar.timeZone,
        eligible: chosen.eligible,
        rule: isSubscriptionRule(chosen.rule) ? chosen.rule : 'expansion',
      }),
      before: engineFor(chosen),
      after: engineFor(chosen),
    };
    if (snapshots > 0) {
      // Asked for after rows came: every customer computed once for it.
      const engine = engineFor(chosen);
      for (const id of store.customers()) {
        const built = buildSubscriptionStates(store.rowsOf(id), shape!);
        if (built.states.length > 0)
          engine.addCustomer(id, built.states, segmentOf(id, built.states[0]!.dimensions));
      }
      found.totals.add(engine.finish(), 1);
    }
    variants.set(key, found);
    return found;
  };
  // A snapshot's refresh works through this small function rather than one loop: V8 optimizes
  // a loop's function whole (tens of milliseconds, on a core the other shard's worker shares)
  // and throws it all away when one branch meets what it had not seen.
  /**
   * Computes a customer again: their first `seen` rows (those of earlier snapshots) taken away,
   * all their rows added, each variant's change written into its `after` engine where it can
   * (`changeCustomer`), else the earlier states added to its `before` engine (to be taken away)
   * and the states to `after`. Reports the issues the earlier rows did not raise. True when a
   * `before` engine got a customer.
   */
  const refreshCustomer = (
    id: string,
    rows: SubscriptionRow[],
    seen: number,
    before: readonly SubscriptionEngine[],
    after: readonly SubscriptionEngine[],
  ): boolean => {
    // Issues of the rows seen before, reported then: only new ones are reported now.
    let reported: Map<string, number> | undefined;
    let earlierStates: readonly SubscriptionState[] = [];
    if (seen > 0) {
      const earlier = buildSubscriptionStates(seen === rows.length ? rows : rows.slice(0, seen), shape!);
      accounting.accepted -= earlier.accepted;
      accounting.rejected -= earlier.rejected;
      if (earlier.issues.length > 0) {
        reported = new Map();
        for (const issue of earlier.issues) addCount(reported, issueKey(issue), 1);
      }
      earlierStates = earlier.states;
    }
    const built = buildSubscriptionStates(rows, shape!);
    accounting.accepted += built.accepted;
    accounting.rejected += built.rejected;
    for (const issue of built.issues) {
      const key = issueKey(issue);
      if (reported?.has(key)) addCount(reported, key, -1);
      else onIssue?.(issue);
    }
    const states = built.states;
    const segment = states.length > 0 ? segmentOf(id, states[0]!.dimensions) : undefined;
    const earlierSegment = earlierStates.length > 0 ? segmentOf(id, earlierStates[0]!.dimensions) : undefined;
    const together =
      segment !== undefined &&
      earlierSegment !== undefined &&
      segment.every((value, i) => value === earlierSegment[i]);
    let usedBefore = false;
    for (let i = 0; i < after.length; i++) {
      if (together && after[i]!.changeCustomer(id, earlierStates, states, segment)) continue;
      if (earlierSegment !== undefined) {
        before[i]!.addCustomer(id, earlierStates, earlierSegment);
        usedBefore = true;
      }
      if (segment !== undefined) after[i]!.addCustomer(id, states, segment);
    }
    if (earlierStates.length > 0) countSpan(earlierStates, -1);
    if (states.length > 0) countSpan(states, 1);
    return usedBefore;
  };
  /** Computes again the customers with rows since the last snapshot (every customer at the first). */
  const refresh = () => {
    const current = [...variants.values()];
    // Each variant's `after` engine gets its customers' changes (as they are, less as they
    // were), added to the totals; `before` gets those it cannot change (money outside plain
    // numbers, a new segment), taken away. The two engines are kept from one snapshot to the
    // next (flushed, not made again).
    let computedBefore = false;
    const before = current.map((v) => v.before);
    const after = current.map((v) => v.after);
    const ids = snapshots === 0 ? store.customers() : [...touched.keys()].sort();
    for (const id of ids) {
      const number = touched.get(id);
      const rows = number === undefined ? store.rowsOf(id) : store.rowsOfNumber(number, id);
      // Rows come in the order they were added: those seen before are the first ones.
      let seen = 0;
      while (seen < rows.length && rows[seen]!.order < seenRows) seen++;
      if (refreshCustomer(id, rows, seen, before, after)) computedBefore = true;
    }
    touched.clear();
    seenRows = store.size;
    snapshots++;
    for (const variant of current) {
      // An engine no customer was added to has nothing to take away.
      if (computedBefore) variant.totals.add(variant.before.flush(), -1);
      variant.totals.add(variant.after.flush(), 1);
    }
  };
  const snapshot = (variant: Pick<Definition, 'eligible' | 'rule'> | undefined): SubscriptionRunOutput => {
    if (!live) throw new UpsellError('INVALID_ARGUMENT', 'snapshot: only a live run takes snapshots');
    if (shape === undefined) {
      throw new UpsellError('INVALID_ARGUMENT', 'snapshot: no subscription file was added');
    }
    if (finished) throw new UpsellError('INVALID_ARGUMENT', 'snapshot: the run has finished');
    variantOf(definition);
    refresh();
    const chosen = variantOf(variant ?? definition);
    return {
      definition: chosen.definition,
      calendar,
      counters: chosen.totals.counters(rangeOf(spans.periodFirsts, spans.periodLasts)),
      accounting: { ...accounting },
      shape,
      currency,
      days: rangeOf(spans.dayFirsts, spans.dayLasts),
    };
  };

  const addCustomer = (id: string, rows: SubscriptionRow[]) => {
    const built = buildSubscriptionStates(rows, shape!);
    accounting.accepted += built.accepted;
    accounting.rejected += built.rejected;
    if (onIssue) for (const issue of built.issues) onIssue(issue);
    if (built.states.length > 0)
      engine.addCustomer(id, built.states, segmentOf(id, built.states[0]!.dimensions));
  };

  return {
    definition,
    addFile(header, fileName, sample, fileFormats) {
      if (finished) throw new UpsellError('INVALID_ARGUMENT', 'addFile: the run has finished');
      const mapping = mapSubscriptionColumns(
        header,
        options.map,
        fileName === undefined ? {} : { file: fileName },
      );
      if (shape === undefined) {
        shape = mapping.shape;
        firstFile = fileName;
      } else if (mapping.shape !== shape) {
        const name = (file: string | undefined) => (file === undefined ? 'a file' : file);
        throw new UpsellError(
          'INVALID_ARGUMENT',
          `${name(fileName)} is a history of ${mapping.shape} but ${name(firstFile)} one of ${shape}: give the files of one computation in one shape`,
          { shape: mapping.shape, expected: shape, ...(fileName === undefined ? {} : { file: fileName }) },
        );
      }
      const chosen =
        options.formats === undefined && fileFormats === undefined
          ? undefined
          : { ...options.formats, ...fileFormats };
      const formats = subscriptionFileFormats(mapping, sample, chosen, fileName);
      const reader = {
        mapping,
        zone,
        currency,
        formats,
        segmentColumns: segmentColumns(definition.by, mapping, attributes),
        source: subscriptionRowSource({ mapping, ...(fileName === undefined ? {} : { fileName }) }),
        ...(fx === undefined ? {} : { fx }),
        ...(fileName === undefined ? {} : { fileName }),
      };
      const read = createSubscriptionRowReader(reader);
      const customerColumn = mapping.fields.customer_id!;
      const take = (row: SubscriptionRow) => {
        accounting.rows++;
        if (!streaming) {
          const number = store.add(row);
          if (live && snapshots > 0) touched.set(row.customerId, number);
        } else if (current !== undefined && current.id === row.customerId) current.rows.push(row);
        else {
          if (current !== undefined) {
            const done = current;
            current = undefined;
            finishedCustomers.add(customerHash(done.id));
            addCustomer(done.id, done.rows);
          }
          // An id above every id handed on so far cannot be one of them (files sorted by
          // customer skip the table): only the others are looked up.
          const above = largestCustomer === undefined || row.customerId > largestCustomer;
          if (above) largestCustomer = row.customerId;
          else if (finishedCustomers.has(customerHash(row.customerId))) {
            throw new UpsellError(
              'OUT_OF_ORDER',
              `customer ${shortenText(row.customerId)}: line ${row.line}${fileName === undefined ? '' : ` of ${fileName}`} comes after rows of other customers, but a streaming run needs each customer's rows together`,
              {
                customerId: row.customerId,
                line: row.line,
                ...(fileName === undefined ? {} : { file: fileName }),
              },
            );
          }
          current = { id: row.customerId, rows: [row] };
        }
      };
      return {
        mapping,
        shape: mapping.shape,
        formats,
        customerColumn,
        accepts,
        shard,
        reader,
        reject(found) {
          if (shard === undefined || shard.index === 0) reject(found);
        },
        push(fields, line) {
          if (finished) throw new UpsellError('INVALID_ARGUMENT', 'push: the run has finished');
          if (
            shard !== undefined &&
            !accepts(fields.length > customerColumn ? fields[customerColumn]!.trim() : '')
          )
            return;
          const row = read(fields, line, order++, issues);
          if (row === undefined) {
            reject(issues);
            issues.length = 0;
            return;
          }
          take(row);
        },
        pushRow(row) {
          if (finished) throw new UpsellError('INVALID_ARGUMENT', 'push: the run has finished');
          if (shard !== undefined && !accepts(row.customerId)) return;
          row.order = order++;
          take(row);
        },
      };
    },
    snapshot,
    finish() {
      if (live) {
        const output = snapshot(undefined);
        finished = true;
        return output;
      }
      if (shape === undefined) {
        throw new UpsellError('INVALID_ARGUMENT', 'finish: no subscription file was added');
      }
      if (finished) throw new UpsellError('INVALID_ARGUMENT', 'finish: the run has finished');
      finished = true;
      if (current !== undefined) addCustomer(current.id, current.rows);
      current = undefined;
      // Customers in id order: what the engine records does not then depend on the rows' order.
      for (const id of store.customers()) addCustomer(id, store.take(id));
      const output: SubscriptionRunOutput = {
        definition,
        calendar,
        counters: engine.finish(),
        accounting,
        shape,
        currency,
      };
      const explanation = engine.explanation();
      if (explanation !== undefined) output.explanation = explanation;
      return output;
    },
  };
}

const DAY_MS = 86_400_000;

/** Adds `by` to a key's count, forgetting the key at zero. */
function addCount<K>(counts: Map<K, number>, key: K, by: number): void {
  const n = (counts.get(key) ?? 0) + by;
  if (n === 0) counts.delete(key);
  else counts.set(key, n);
}

/** The smallest key of `firsts` and the largest of `lasts`, or null when there are none. */
function rangeOf(firsts: Map<number, number>, lasts: Map<number, number>): [number, number] | null {
  if (firsts.size === 0) return null;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const key of firsts.keys()) if (key < first) first = key;
  for (const key of lasts.keys()) if (key > last) last = key;
  return [first, last];
}

/**
 * The span of a customer's states in some index of time (a period, a day): of the earliest
 * start, and of the latest start or end, as the engine reports its periods.
 */
function stateSpan(states: readonly SubscriptionState[], indexOf: (at: number) => number): [number, number] {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const state of states) {
    const starts = indexOf(state.startsAt);
    if (starts < first) first = starts;
    if (starts > last) last = starts;
    if (Number.isFinite(state.endsAt)) {
      const ends = indexOf(state.endsAt);
      if (ends > last) last = ends;
    }
  }
  return [first, last];
}

const issueKey = (issue: RowIssue) =>
  `${issue.file ?? ''}\u0000${issue.line}\u0000${issue.column}\u0000${issue.reason}`;

/** A subscription table held in memory: a header and data rows (line numbers count the header as line 1). */
export type SubscriptionTable = InMemoryTable;

/**
 * Runs a definition over subscription tables in memory (tests, small files): each table's rows
 * are its sample and then pushed with lines from 2. It streams when each customer's rows are
 * together and runs buffered when they are not, so input order never changes a number; issues
 * are reported once, from the attempt that finished.
 *
 * @example
 * runSubscriptions([{ header, rows }], { definition: { period: 'month' } }).accounting // { rows: 8, accepted: 8, rejected: 0 }
 */
export function runSubscriptions(
  tables: readonly SubscriptionTable[],
  options: Omit<SubscriptionRunOptions, 'order'>,
): SubscriptionRunOutput {
  return runTables(
    tables,
    (order, onIssue) => createSubscriptionRun({ ...options, order, onIssue }),
    options.onIssue,
  );
}

/**
 * The MRR bridge of tables in memory, as `upsell mrr --format json` prints it.
 *
 * @example
 * computeMrrMovements([table], { definition: { period: 'month' } }).rows[2].expansion // 45
 */
export function computeMrrMovements(
  tables: readonly SubscriptionTable[],
  options: Omit<SubscriptionRunOptions, 'order'>,
): MrrMovementsResult {
  const output = runSubscriptions(tables, options);
  return buildMrrMovementsResult(output.counters, output);
}

/**
 * The subscription upsell rate (or the upgrade, add-on, quantity rate) of tables in memory.
 *
 * @example
 * computeSubscriptionRate([table], { definition: { period: 'month', rule: 'upgrade' } }).rows[2].numerator // 1
 */
export function computeSubscriptionRate(
  tables: readonly SubscriptionTable[],
  options: Omit<SubscriptionRunOptions, 'order'>,
): MetricResult {
  const output = runSubscriptions(tables, options);
  return buildSubscriptionRateResult(output.counters, output);
}

/**
 * One page of the customers and movements behind a figure of tables in memory.
 *
 * @example
 * explainSubscriptions([table], { definition: { period: 'month' } }, { period: '2024-03', figure: 'expansion' }).value // 45
 */
export function explainSubscriptions(
  tables: readonly SubscriptionTable[],
  options: Omit<SubscriptionRunOptions, 'explain' | 'order'>,
  target: SubscriptionExplainTarget,
  page: SubscriptionDrillDownPage = {},
): SubscriptionDrillDown {
  const output = runSubscriptions(tables, { ...options, explain: target });
  return buildSubscriptionDrillDown(output.explanation!, output, page);
}
