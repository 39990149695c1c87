/**
 * Runs `measure` `runs` times, one after the other, and keeps the fastest result.
 *
 * @example
 * const best = await bestOf(3, () => timeSomething(), (result) => result.seconds);
 */
export async function bestOf<T>(
  runs: number,
  measure: (run: number) => Promise<T>,
  seconds: (result: T) => number,
): Promise<T> {
  let best: T | undefined;
  for (let run = 1; run <= runs; run += 1) {
    const result = await measure(run);
    if (best === undefined || seconds(result) < seconds(best)) best = result;
  }
  if (best === undefined) throw new Error(`bestOf: runs must be at least 1, got ${runs}`);
  return best;
}
