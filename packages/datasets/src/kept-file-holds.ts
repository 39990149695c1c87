/**
 * Which kept files (`files/<sha256>`) imports are using before their commit. A kept file is
 * shared by every import of the same bytes, and the database refers to it only once an import
 * commits: until then nothing but a hold here says that it is in use. Keeping a file (and holding
 * it) and removing unreferenced ones run one at a time, so a removal never decides on a list of
 * references older than a hold.
 *
 * @example
 * const holds = createKeptFileHolds();
 * const path = await holds.exclusive(async () => holds.hold(await vault.keep(upload)));
 * try { await commit(path); } finally { holds.release(path); }
 */
export function createKeptFileHolds() {
  const counts = new Map<string, number>();
  let queue: Promise<unknown> = Promise.resolve();

  return {
    /** Runs `work` when no other exclusive work is running. */
    exclusive<T>(work: () => Promise<T>): Promise<T> {
      const result = queue.then(work, work);
      queue = result.catch(() => {});
      return result;
    },
    /** Marks a kept file as used by one more import; returns it. */
    hold(storedPath: string): string {
      counts.set(storedPath, (counts.get(storedPath) ?? 0) + 1);
      return storedPath;
    },
    /** One import fewer uses the file (its commit is done, or it failed). */
    release(storedPath: string): void {
      const left = (counts.get(storedPath) ?? 0) - 1;
      if (left > 0) counts.set(storedPath, left);
      else counts.delete(storedPath);
    },
    /** Whether an import in flight uses the file. */
    isHeld: (storedPath: string): boolean => counts.has(storedPath),
  };
}

export type KeptFileHolds = ReturnType<typeof createKeptFileHolds>;
