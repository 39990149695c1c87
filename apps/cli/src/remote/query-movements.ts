import {
  type DefinitionInput,
  type MrrMovementsResult,
  MrrMovementsResultSchema,
  UpsellError,
} from '@upsell/core';
import type { Terminal } from '../terminal.ts';
import type { DatasetSource } from './metric-source.ts';
import { inKeyOrderOf, noteRejectedRows } from './query-metric.ts';

/**
 * The MRR bridge of a subscription dataset on a server (`metric.movements`), as the core's
 * {@link MrrMovementsResult}: what the server adds is dropped, so the reporters print what they
 * print for the same files read here. Notes the dataset's rejected rows on stderr.
 *
 * @example
 * const bridge = await queryMovements(source, { period: 'month' }, terminal);
 */
export async function queryMovements(
  source: DatasetSource,
  definition: DefinitionInput,
  terminal: Terminal,
): Promise<MrrMovementsResult> {
  const answer = await source.connection.client.metric.movements.query({
    dataset: source.dataset,
    definition,
  });
  const parsed = MrrMovementsResultSchema.safeParse(answer);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `the server's MRR bridge is not one this upsell can read (${issue.path.join('.')}: ${issue.message}): is it another version?`,
    );
  }
  const result = inKeyOrderOf(parsed.data, answer);
  noteRejectedRows(source, result, terminal);
  return result;
}
