import type { Random } from './create-random.ts';

export const SECONDS_PER_DAY = 86400;

// Relative order volume by UTC hour: a working day with a long evening tail.
const HOUR_WEIGHTS = [1, 1, 1, 1, 1, 2, 3, 5, 8, 10, 11, 10, 9, 10, 11, 10, 8, 6, 5, 4, 3, 2, 2, 1];
const HOUR_TABLE_SIZE = 1024;

let hourTable: Uint8Array | undefined;
let labels: string[] | undefined;

function hours(): Uint8Array {
  if (hourTable) return hourTable;
  const table = new Uint8Array(HOUR_TABLE_SIZE);
  const total = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);
  let running = 0;
  let slot = 0;
  HOUR_WEIGHTS.forEach((weight, hour) => {
    running += weight;
    const end = Math.round((running / total) * HOUR_TABLE_SIZE);
    for (; slot < end; slot++) table[slot] = hour;
  });
  hourTable = table;
  return table;
}

/**
 * A second of the day (0 .. 86399) with business-hours weighting.
 *
 * @example
 * drawSecondOfDay(createRandom(1)) // 49950, that is 13:52:30
 */
export function drawSecondOfDay(random: Random): number {
  return hours()[random.int(HOUR_TABLE_SIZE)]! * 3600 + random.int(3600);
}

/**
 * `HH:MM:SSZ` for every second of the day, built once: formatting a time is then an array read.
 *
 * @example
 * secondLabels()[50709] // '14:05:09Z'
 */
export function secondLabels(): readonly string[] {
  if (labels) return labels;
  const two = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
  const built: string[] = new Array(SECONDS_PER_DAY);
  for (let s = 0; s < SECONDS_PER_DAY; s++) {
    built[s] = `${two[Math.floor(s / 3600)]}:${two[Math.floor(s / 60) % 60]}:${two[s % 60]}Z`;
  }
  labels = built;
  return built;
}
