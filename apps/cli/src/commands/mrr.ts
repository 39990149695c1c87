import {
  buildMrrMovementsResult,
  type DefinitionInput,
  type MrrMovementsResult,
  type PERIOD_UNITS,
} from '@upsell/core';
import { requireKind } from '../compute/dataset-kind-of-files.ts';
import {
  computeSubscriptionsForCommand,
  type SubscriptionFileOptions,
} from '../compute/subscriptions-for-command.ts';
import { parseFiscalYearStart } from '../definition-flags.ts';
import { EXIT } from '../exit-code.ts';
import { metricSourceOf, type SourceOptions } from '../remote/metric-source.ts';
import { queryMovements } from '../remote/query-movements.ts';
import { MRR_REPORTERS, type MrrFormat } from '../reporters/mrr-reporters.ts';
import { checkResultRows } from '../result-row-limit.ts';
import type { Terminal } from '../terminal.ts';

/** Options of `upsell mrr`. */
export interface MrrOptions extends SubscriptionFileOptions, SourceOptions {
  period: (typeof PERIOD_UNITS)[number];
  by?: string;
  tz: string;
  from?: string;
  to?: string;
  fiscalYearStart?: string;
  format: MrrFormat;
}

/** The bridge's definition from the flags: period, zone, segments and the periods reported. */
export function bridgeDefinitionOf(options: MrrOptions): DefinitionInput {
  return {
    period: options.period,
    timeZone: options.tz,
    by: (options.by ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== ''),
    ...(options.from === undefined ? {} : { from: options.from }),
    ...(options.to === undefined ? {} : { to: options.to }),
    ...(options.fiscalYearStart === undefined
      ? {}
      : { fiscalYearStart: parseFiscalYearStart(options.fiscalYearStart) }),
  };
}

/**
 * `upsell mrr <files...>` or `upsell mrr --dataset <name>`: the MRR bridge per period and
 * segment, with its causes and retention, as a table, the spec's JSON or CSV.
 */
export async function mrrCommand(
  files: readonly string[],
  options: MrrOptions,
  terminal: Terminal,
): Promise<number> {
  const source = metricSourceOf(files, options);
  const definition = bridgeDefinitionOf(options);
  let result: MrrMovementsResult;
  if (source.kind === 'files') {
    await requireKind(source.files, options, 'subscriptions', 'upsell mrr');
    const { output } = await computeSubscriptionsForCommand(source.files, options, definition, terminal);
    checkResultRows(output);
    result = buildMrrMovementsResult(output.counters, output);
  } else {
    result = await queryMovements(source, definition, terminal);
  }
  terminal.out(MRR_REPORTERS[options.format](result, terminal));
  return EXIT.ok;
}
