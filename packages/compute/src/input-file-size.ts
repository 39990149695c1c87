import { stat } from 'node:fs/promises';
import { UpsellError } from '@upsell/core';

/** The size of a file to read, or an error naming it when it is missing or is a folder. */
export async function inputFileSize(path: string): Promise<number> {
  const found = await stat(path).catch(() => undefined);
  if (found === undefined) throw new UpsellError('INVALID_ARGUMENT', `${path}: no such file`);
  if (found.isDirectory()) throw new UpsellError('INVALID_ARGUMENT', `${path}: is a directory, not a file`);
  return found.size;
}

/**
 * The bytes of a job's main files, each checked with {@link inputFileSize}, and its side files
 * (customers, catalog, rates) checked too but not counted: a missing file is said before any work.
 *
 * @example
 * const inputBytes = await jobInputBytes(job.files, [job.customersPath, job.fxPath]);
 */
export async function jobInputBytes(
  files: readonly { path: string }[],
  sides: readonly (string | undefined)[] = [],
): Promise<number> {
  let bytes = 0;
  for (const file of files) bytes += await inputFileSize(file.path);
  for (const side of sides) if (side !== undefined) await inputFileSize(side);
  return bytes;
}
