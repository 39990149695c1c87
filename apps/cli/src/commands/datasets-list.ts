import { EXIT } from '../exit-code.ts';
import { connect, type ServerOptions } from '../remote/connect.ts';
import { datasetsTable } from '../reporters/dataset-reporters.ts';
import type { Terminal } from '../terminal.ts';

/** `upsell datasets list`: the server's datasets, one line each (or their summaries as JSON). */
export async function datasetsListCommand(
  options: ServerOptions & { format: 'table' | 'json' },
  terminal: Terminal,
): Promise<number> {
  const datasets = await connect(options).client.dataset.list.query();
  terminal.out(
    options.format === 'json' ? `${JSON.stringify(datasets, null, 2)}\n` : datasetsTable(datasets),
  );
  return EXIT.ok;
}
