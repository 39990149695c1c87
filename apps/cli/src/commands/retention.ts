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
import type { DefinitionOptions } from '../definition-flags.ts';
import { EXIT } from '../exit-code.ts';
import { RETENTION_REPORTERS, type RetentionFormat } from '../reporters/retention-reporters.ts';
import type { Terminal } from '../terminal.ts';

/** The flags of `upsell retention` beside the definition's. */
export interface RetentionOptions extends DefinitionOptions {
  format: RetentionFormat;
  inactiveAfter: string;
  /** List the customers behind one KPI: `churned`, `at-risk`, `retained`, `repeat` or `active`. */
  drill?: RetentionDrill;
  /** The period label of the drill-down. */
  at?: string;
  segment: string[];
}

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
 * KPIs of purchase files per period and customer segment (docs/metrics.md, "Retention KPIs"),
 * or with `--drill <kpi> --at <period>` the ids of the customers behind one of them.
 */
export async function retentionCommand(
  files: readonly string[],
  options: RetentionOptions,
  terminal: Terminal,
): Promise<number> {
  if (files.length === 0)
    throw new UpsellError('INVALID_ARGUMENT', 'upsell retention: give one or more purchase files');
  await requireKind(files, options, 'purchases', 'upsell retention');
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
  const computed = await computeForCommand(files, options, terminal, (job) => ({
    ...job,
    definition: retentionDefinition(job.definition),
    retention: drill === undefined ? { inactiveAfterDays } : { inactiveAfterDays, drill },
  }));
  if (drill !== undefined) {
    const ids = [...(computed.retentionDrill ?? [])].sort();
    terminal.out(
      options.format === 'json'
        ? `${JSON.stringify({ ...drill, customers: ids }, null, 2)}\n`
        : ids.map((id) => `${id}\n`).join(''),
    );
    return EXIT.ok;
  }
  const result = buildRetentionResult(computed.counters, { ...computed, inactiveAfterDays });
  terminal.out(RETENTION_REPORTERS[options.format](result));
  return EXIT.ok;
}
