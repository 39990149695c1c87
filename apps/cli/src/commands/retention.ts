import {
  buildRetentionResult,
  parseInactiveAfter,
  RETENTION_DRILLS,
  type RetentionDrill,
  retentionDefinition,
  UpsellError,
} from '@upsell/core';
import { requireKind } from '../compute/dataset-kind-of-files.ts';
import { computeForCommand } from '../compute-for-command.ts';
import { type DefinitionOptions, definitionFromOptions } from '../definition-flags.ts';
import { EXIT } from '../exit-code.ts';
import { metricSourceOf, type SourceOptions } from '../remote/metric-source.ts';
import { RETENTION_REPORTERS, type RetentionFormat } from '../reporters/retention-reporters.ts';
import type { Terminal } from '../terminal.ts';

/** The flags of `upsell retention` beside the definition's. */
export interface RetentionOptions extends DefinitionOptions, SourceOptions {
  format: RetentionFormat;
  inactiveAfter: string;
  /** List the customers behind one KPI: `churned`, `at-risk`, `retained`, `repeat` or `active`. */
  drill?: RetentionDrill;
  /** The period label of the drill-down. */
  at?: string;
  segment: string[];
}

/** A drill-down's customer ids, sorted: one a line, or the target and its ids as JSON. */
const drillOutput = (
  drill: { kind: RetentionDrill; period: string; segment: Record<string, string>; customers: string[] },
  format: RetentionFormat,
) =>
  format === 'json' ? `${JSON.stringify(drill, null, 2)}\n` : drill.customers.map((id) => `${id}\n`).join('');

const segmentOf = (pairs: readonly string[]): Record<string, string> =>
  Object.fromEntries(
    pairs.map((pair) => {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new UpsellError('INVALID_ARGUMENT', `--segment "${pair}": write column=value`);
      return [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()];
    }),
  );

/**
 * `upsell retention <files...> --period month --by channel --inactive-after 90d`: the retention
 * KPIs of purchase files or of a purchase dataset on a server (`--dataset`) per period and
 * customer segment (docs/metrics.md, "Retention KPIs"), or with `--drill <kpi> --at <period>` the
 * ids of the customers behind one of them.
 */
export async function retentionCommand(
  files: readonly string[],
  options: RetentionOptions,
  terminal: Terminal,
): Promise<number> {
  const source = metricSourceOf(files, options);
  if (source.kind === 'files') await requireKind(files, options, 'purchases', 'upsell retention');
  const inactiveAfterDays = parseInactiveAfter(options.inactiveAfter);
  if ((options.drill === undefined) !== (options.at === undefined)) {
    throw new UpsellError('INVALID_ARGUMENT', '--drill and --at go together: --drill churned --at 2024-03');
  }
  if (options.drill !== undefined && !RETENTION_DRILLS.includes(options.drill)) {
    throw new UpsellError('INVALID_ARGUMENT', `--drill: one of ${RETENTION_DRILLS.join(', ')}`);
  }
  if (options.drill === 'churned' || options.drill === 'at-risk') {
    if (inactiveAfterDays === null)
      throw new UpsellError('INVALID_ARGUMENT', `--drill ${options.drill} needs --inactive-after`);
  }
  const drill =
    options.drill === undefined || options.at === undefined
      ? undefined
      : { kind: options.drill, period: options.at, segment: segmentOf(options.segment) };
  if (source.kind === 'dataset') {
    const { period, timeZone, by, from, to, fiscalYearStart } = definitionFromOptions(options);
    const answer = await source.connection.client.metric.retention.query({
      dataset: source.dataset,
      definition: {
        ...(period === undefined ? {} : { period }),
        ...(timeZone === undefined ? {} : { timeZone }),
        ...(by === undefined ? {} : { by }),
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
        ...(fiscalYearStart === undefined ? {} : { fiscalYearStart }),
      },
      inactiveAfterDays,
      ...(drill === undefined ? {} : { drill }),
    });
    const { datasetId: _id, datasetVersion: _version, cached: _cached, drill: drilled, ...result } = answer;
    if (drill === undefined || drilled === undefined)
      terminal.out(RETENTION_REPORTERS[options.format](result));
    else {
      const { kind, period: at, segment, customers } = drilled;
      terminal.out(
        drillOutput({ kind, period: at, segment, customers: [...customers].sort() }, options.format),
      );
    }
    return EXIT.ok;
  }
  const computed = await computeForCommand(files, options, terminal, (job) => ({
    ...job,
    definition: retentionDefinition(job.definition),
    retention: drill === undefined ? { inactiveAfterDays } : { inactiveAfterDays, drill },
  }));
  if (drill !== undefined) {
    const ids = [...(computed.retentionDrill ?? [])].sort();
    terminal.out(drillOutput({ ...drill, customers: ids }, options.format));
    return EXIT.ok;
  }
  const result = buildRetentionResult(computed.counters, { ...computed, inactiveAfterDays });
  terminal.out(RETENTION_REPORTERS[options.format](result));
  return EXIT.ok;
}
