import { explainRateChange } from '@upsell/core';
import type { DefinitionOptions } from '../definition-flags.ts';
import { EXIT } from '../exit-code.ts';
import type { SourceOptions } from '../remote/metric-source.ts';
import { EXPLAIN_REPORTERS, type ExplainFormat } from '../reporters/explain-reporters.ts';
import type { Terminal } from '../terminal.ts';
import type { WarehouseOptions } from '../warehouse/warehouse-flags.ts';
import { metricResultOf } from './rate.ts';

/**
 * `upsell explain <files...> --by <column>`: why the rate moved between two periods, each
 * segment's contribution split into a rate effect and a mix effect (docs/metrics.md, "Why the
 * rate moved"). The periods are the first and last of `--from`/`--to` when either is given, else
 * the last two. Reads wherever `upsell rate` reads.
 */
export async function explainCommand(
  files: readonly string[],
  options: DefinitionOptions & SourceOptions & WarehouseOptions & { format: ExplainFormat },
  terminal: Terminal,
): Promise<number> {
  const result = await metricResultOf(files, options, terminal);
  const why = explainRateChange(result);
  if (result.definition.by.length === 0) {
    terminal.err('note: without --by there is one segment, so the whole change is its rate effect\n');
  }
  terminal.out(EXPLAIN_REPORTERS[options.format](why));
  return EXIT.ok;
}
