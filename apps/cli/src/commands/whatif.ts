import {
  buildMrrMovementsResult,
  type MetricResult,
  type MrrMovementsResult,
  projectUpsellTarget,
} from '@upsell/core';
import { type DefinitionOptions, definitionFromOptions, parsePercent } from '../definition-flags.ts';
import { EXIT } from '../exit-code.ts';
import { metricSourceOf, type SourceOptions } from '../remote/metric-source.ts';
import { queryMovements } from '../remote/query-movements.ts';
import { WHATIF_REPORTERS, type WhatIfFormat } from '../reporters/whatif-reporters.ts';
import type { Terminal } from '../terminal.ts';
import { type WarehouseOptions, warehouseTargetOf } from '../warehouse/warehouse-flags.ts';
import { metricResultOf } from './rate.ts';
import { optionsForKind, subscriptionRateOfFiles } from './subscription-rate.ts';

/** The target when neither `--target` nor a saved target gives one: the lower edge of the strong band. */
export const DEFAULT_WHATIF_TARGET = 20;

/**
 * The rate and, for subscription history, the MRR bridge of the same definition, whose expansion
 * values the upsold customers: from files read here (one computation gives both), a server's
 * dataset, or a database through `upsell rate`'s own reading.
 */
async function inputsOf(
  files: readonly string[],
  options: DefinitionOptions & SourceOptions & WarehouseOptions,
  terminal: Terminal,
): Promise<{ result: MetricResult; movements?: MrrMovementsResult }> {
  const source = warehouseTargetOf(files, options) === undefined ? metricSourceOf(files, options) : undefined;
  if (source?.kind === 'files') {
    const { kind, options: given } = await optionsForKind(source.files, options);
    if (kind === 'subscriptions') {
      const { result, computed } = await subscriptionRateOfFiles(
        source.files,
        given,
        definitionFromOptions(given),
        terminal,
      );
      return { result, movements: buildMrrMovementsResult(computed.output.counters, computed.output) };
    }
  }
  const result = await metricResultOf(files, options, terminal);
  if (result.metric === 'subscription-upsell-rate' && source?.kind === 'dataset') {
    const { period, timeZone, by, from, to } = result.definition;
    const bridge = {
      period,
      timeZone,
      by,
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
    };
    return { result, movements: await queryMovements(source, bridge, terminal) };
  }
  return { result };
}

/**
 * `upsell whatif <files...> --target 22`: what raising the customer upsell rate to the target
 * would be worth per period and per year, in upsell revenue (purchases) or expansion MRR and ARR
 * (subscription history), with its interval and assumptions (docs/metrics.md, "What a target is
 * worth"). Reads wherever `upsell rate` reads.
 */
export async function whatifCommand(
  files: readonly string[],
  options: DefinitionOptions & SourceOptions & WarehouseOptions & { format: WhatIfFormat },
  terminal: Terminal,
): Promise<number> {
  // Checked before the files are read: a bad --target is a usage error at once.
  const given =
    options.target === undefined ? undefined : Math.round(parsePercent(options.target) * 1e8) / 1e6;
  const { result, movements } = await inputsOf(files, options, terminal);
  // A dataset's saved target reaches the rows (a server applies it): the default after --target.
  const saved = result.rows.find((row) => row.target !== undefined)?.target?.rate;
  let target: number;
  if (given !== undefined) target = given;
  else if (saved !== undefined) {
    target = Math.round(saved * 1e8) / 1e6;
    terminal.err(`note: no --target: projecting to the saved target, ${target}%\n`);
  } else {
    target = DEFAULT_WHATIF_TARGET;
    terminal.err(
      `note: no --target: projecting to ${DEFAULT_WHATIF_TARGET}%, where the strong band starts\n`,
    );
  }
  const whatIf = projectUpsellTarget(result, { target, ...(movements === undefined ? {} : { movements }) });
  terminal.out(WHATIF_REPORTERS[options.format](whatIf));
  return EXIT.ok;
}
