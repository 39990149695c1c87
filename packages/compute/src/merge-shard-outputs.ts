import {
  createPeriodCalendar,
  type EngineCounters,
  type Explanation,
  mergeEngineCounters,
  mergePurchaseProfiles,
  type RowAccounting,
  type RowIssue,
} from '@upsell/core';
import type { ComputationOutput } from './computation-output.ts';
import type { ShardOutput } from './run-job.ts';

const byFileAndLine = (a: RowIssue, b: RowIssue) =>
  (a.file ?? '').localeCompare(b.file ?? '') || a.line - b.line || a.column - b.column;

/**
 * The outputs of a job's runs (one per shard and pass) as one: counters and accounting added
 * up, explanations and the first `keepIssues` bad rows in order.
 */
export function mergeShardOutputs(
  outputs: ShardOutput[],
  keepIssues: number,
): Omit<ComputationOutput, 'threads' | 'passes' | 'replayed' | 'inputBytes'> {
  const first = outputs[0]!.output;
  const accounting: RowAccounting = { rows: 0, accepted: 0, rejected: 0 };
  const shardCounters: EngineCounters[] = [];
  const explanation: Explanation = { customers: [], lines: [] };
  for (const { output } of outputs) {
    accounting.rows += output.accounting.rows;
    accounting.accepted += output.accounting.accepted;
    accounting.rejected += output.accounting.rejected;
    shardCounters.push(output.counters);
    // A loop, not push(...spread): a spread of some hundred thousand entries overflows the stack.
    for (const customer of output.explanation.customers) explanation.customers.push(customer);
    for (const line of output.explanation.lines) explanation.lines.push(line);
  }
  explanation.customers.sort(
    (a, b) =>
      a.initialOrderAt - b.initialOrderAt ||
      (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0),
  );
  explanation.lines.sort((a, b) => a.file - b.file || a.line - b.line);
  return {
    definition: first.definition,
    rule: first.rule,
    // Calendars hold functions, which do not cross from workers: make this thread's own.
    calendar: createPeriodCalendar(
      first.definition.period,
      first.definition.timeZone,
      first.definition.fiscalYearStart,
    ),
    hasAmounts: first.hasAmounts,
    ...(first.currency === undefined ? {} : { currency: first.currency }),
    counters: mergeEngineCounters(shardCounters),
    accounting,
    explanation,
    issues: outputs
      .flatMap((o) => o.issues)
      .sort(byFileAndLine)
      .slice(0, keepIssues),
    // Every run reads all the files and the side files: the first one's mappings and side counts hold.
    mappings: outputs[0]!.mappings,
    formats: outputs[0]!.formats,
    customersRows: outputs[0]!.customersRows,
    customersRejected: outputs[0]!.customersRejected,
    catalogRows: outputs[0]!.catalogRows,
    catalogRejected: outputs[0]!.catalogRejected,
    // Shards hold disjoint customers: their drilled ids join without duplicates.
    ...(first.retentionDrill
      ? { retentionDrill: outputs.flatMap((o) => o.output.retentionDrill ?? []) }
      : {}),
    ...(first.profile ? { profile: mergePurchaseProfiles(outputs.map((o) => o.output.profile!)) } : {}),
  };
}
