import { EXIT } from '../exit-code.ts';
import { connect, type ServerOptions } from '../remote/connect.ts';
import { describeDataset } from '../reporters/dataset-reporters.ts';
import type { Terminal } from '../terminal.ts';

/**
 * `upsell datasets delete <dataset>`: deletes a dataset with its files, asking nothing (it is
 * for scripts too), and says what it deleted (as JSON: the dataset's summary before).
 */
export async function datasetsDeleteCommand(
  dataset: string,
  options: ServerOptions & { format: 'table' | 'json' },
  terminal: Terminal,
): Promise<number> {
  const { client } = connect(options);
  const summary = await client.dataset.byId.query({ id: dataset });
  await client.dataset.delete.mutate({ id: summary.id });
  terminal.out(
    options.format === 'json'
      ? `${JSON.stringify(summary, null, 2)}\n`
      : `Deleted dataset ${describeDataset(summary)}\n`,
  );
  return EXIT.ok;
}
