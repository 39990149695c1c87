import { buildMetricResult, type MetricResult } from '@upsell/core';
import { computeForCommand } from '../compute/compute-for-command.ts';
import type { DefinitionOptions } from '../definition-options.ts';
import { EXIT } from '../exit-code.ts';
import { METRIC_REPORTERS, type MetricFormat } from '../reporters/metric-reporters.ts';
import type { Terminal } from '../terminal.ts';

/** True when a row of the latest reported period is below the target. */
export function belowTarget(result: MetricResult): boolean {
  const latest = result.rows.at(-1)?.period;
  return result.rows.some((row) => row.period === latest && row.target !== undefined && !row.target.met);
}

/** `upsell rate <files...>`: one metric in a table, JSON or CSV. */
export async function rateCommand(
  files: readonly string[],
  options: DefinitionOptions & { format: MetricFormat },
  terminal: Terminal,
): Promise<number> {
  const computed = await computeForCommand(files, options, terminal);
  const result = buildMetricResult(computed.partial, computed);
  if (options.industry !== undefined && options.metric !== 'customer-upsell-rate') {
    terminal.err(
      `note: industry benchmarks are customer upsell rates; none is shown beside the ${options.metric}\n`,
    );
  }
  terminal.out(METRIC_REPORTERS[options.format](result, terminal));
  return belowTarget(result) ? EXIT.failed : EXIT.ok;
}
