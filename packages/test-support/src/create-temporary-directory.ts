import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A directory of the system's temporary ones, for one test. */
export interface TemporaryDirectory {
  path: string;
  /** Removes it with everything in it. */
  remove(): Promise<void>;
}

/**
 * Creates a fresh directory under the system's temporary directory, named `<prefix>XXXXXX`.
 *
 * @example
 * const dir = await createTemporaryDirectory('upsell-api-');
 * await dir.remove();
 */
export async function createTemporaryDirectory(prefix: string): Promise<TemporaryDirectory> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}
