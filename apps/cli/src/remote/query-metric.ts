import { type DefinitionInput, type MetricResult, MetricResultSchema, UpsellError } from '@upsell/core';
import { whole as count } from '../reporters/format-number.ts';
import type { Terminal } from '../terminal.ts';
import type { DatasetSource } from './metric-source.ts';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `parsed` with the keys of its objects in the order they have in `original`. zod builds its
 * output in the schema's key order, which is not the order the core writes a result in
 * (`revenue` comes before `change`): without this the JSON would not be the offline JSON.
 */
export function inKeyOrderOf<T>(parsed: T, original: unknown): T {
  if (Array.isArray(parsed)) {
    const items = Array.isArray(original) ? original : [];
    return parsed.map((item, index) => inKeyOrderOf(item, items[index])) as T;
  }
  if (!isRecord(parsed)) return parsed;
  const from = isRecord(original) ? original : {};
  const keys = [
    ...Object.keys(from).filter((key) => Object.hasOwn(parsed, key)),
    ...Object.keys(parsed).filter((key) => !Object.hasOwn(from, key)),
  ];
  return Object.fromEntries(keys.map((key) => [key, inKeyOrderOf(parsed[key], from[key])])) as T;
}

/**
 * A metric of a dataset on a server, as the core's {@link MetricResult}: what the server adds
 * (`datasetId`, `datasetVersion`, `cached`) is dropped by the core's schema, so that the
 * reporters print exactly what they print for the same files read here.
 *
 * @example
 * const result = await queryMetric(source, { metric: 'customer-upsell-rate', period: 'month' });
 */
export async function queryMetric(source: DatasetSource, definition: DefinitionInput): Promise<MetricResult> {
  const answer = await source.connection.client.metric.query.query({ dataset: source.dataset, definition });
  const parsed = MetricResultSchema.safeParse(answer);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `the server's result is not one this upsell can read (${issue.path.join('.')}: ${issue.message}): is it another version?`,
    );
  }
  return inKeyOrderOf(parsed.data, answer);
}

/** Notes on stderr the rows a dataset left out, once per command. */
export function noteRejectedRows(
  source: DatasetSource,
  result: { input: MetricResult['input'] },
  terminal: Terminal,
): void {
  const { rows, accepted, rejected } = result.input;
  if (rejected === 0) return;
  terminal.err(
    `note: dataset "${source.dataset}" left out ${count(rejected)} rejected rows (rows read ${count(rows)} = accepted ${count(accepted)} + rejected ${count(rejected)}); upsell datasets errors ${source.dataset} lists them\n`,
  );
}
