import { stat } from 'node:fs/promises';
import { UpsellError } from '@upsell/core';

/** The size of a file to read, or an error naming it when it is missing or is a folder. */
export async function inputFileSize(path: string): Promise<number> {
  const found = await stat(path).catch(() => undefined);
  if (found === undefined) throw new UpsellError('INVALID_ARGUMENT', `${path}: no such file`);
  if (found.isDirectory()) throw new UpsellError('INVALID_ARGUMENT', `${path}: is a directory, not a file`);
  return found.size;
}
