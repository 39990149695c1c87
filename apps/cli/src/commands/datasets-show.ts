import { EXIT } from '../exit-code.ts';
import { connect, type ServerOptions } from '../remote/connect.ts';
import { datasetDetails } from '../reporters/dataset-reporters.ts';
import type { Terminal } from '../terminal.ts';

/**
 * `upsell datasets show <dataset>`: what a dataset holds (rows, customers, dates, columns, tiers,
 * families, dimensions) and its files; as JSON, the server's dataset summary as it is.
 */
export async function datasetsShowCommand(
  dataset: string,
  options: ServerOptions & { format: 'table' | 'json' },
  terminal: Terminal,
): Promise<number> {
  const summary = await connect(options).client.dataset.byId.query({ id: dataset });
  terminal.out(
    options.format === 'json' ? `${JSON.stringify(summary, null, 2)}\n` : datasetDetails(summary, terminal),
  );
  return EXIT.ok;
}
