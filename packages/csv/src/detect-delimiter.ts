import type { Delimiter } from './types.ts';

const CANDIDATES: readonly Delimiter[] = [',', ';', '\t'];
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const MAX_LINES = 100;

const encoder = new TextEncoder();

/**
 * Guesses the delimiter of a CSV sample among `,`, `;` and tab.
 *
 * Each candidate splits the first lines (up to 100, quoted sections ignored, empty lines skipped)
 * into fields; the winner is the candidate whose most common field count above one is shared by the
 * most lines. Ties go to the wider rows, then to `,`; a sample with none of them (a single column)
 * gives `,`.
 *
 * @example
 * detectDelimiter('order_id;amount\n1;"3,50"\n2;"4,20"\n'); // ';'
 * detectDelimiter('order_id,amount\n1,3.50\n'); // ','
 */
export function detectDelimiter(sample: Uint8Array | string): Delimiter {
  if (typeof sample !== 'string' && !(sample instanceof Uint8Array)) {
    throw new TypeError('detectDelimiter: sample must be a string or a Uint8Array');
  }
  const bytes = typeof sample === 'string' ? encoder.encode(sample) : sample;
  let best: Delimiter = ',';
  let bestLines = 0;
  let bestWidth = 0;
  for (const candidate of CANDIDATES) {
    const { lines, width } = consistency(bytes, candidate.charCodeAt(0));
    if (lines > bestLines || (lines === bestLines && width > bestWidth)) {
      best = candidate;
      bestLines = lines;
      bestWidth = width;
    }
  }
  return best;
}

/** How many lines share the most common field count above one, and that count. */
function consistency(bytes: Uint8Array, delimiter: number): { lines: number; width: number } {
  const linesByWidth = new Map<number, number>();
  let fields = 1;
  let lineHasBytes = false;
  let inQuotes = false;
  let seen = 0;
  const endLine = () => {
    if (lineHasBytes && fields > 1) linesByWidth.set(fields, (linesByWidth.get(fields) ?? 0) + 1);
    if (lineHasBytes) seen++;
    fields = 1;
    lineHasBytes = false;
  };
  for (let i = 0; i < bytes.length && seen < MAX_LINES; i++) {
    const b = bytes[i]!;
    if (b === QUOTE) inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (b === LF) {
      endLine();
      continue;
    } else if (b === delimiter) fields++;
    if (b !== CR) lineHasBytes = true;
  }
  if (seen < MAX_LINES) endLine();
  let lines = 0;
  let width = 0;
  for (const [w, n] of linesByWidth) {
    if (n > lines || (n === lines && w > width)) {
      lines = n;
      width = w;
    }
  }
  return { lines, width };
}
