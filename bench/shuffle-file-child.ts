// Child process of the benchmark: writes a CSV file with its data lines shuffled (bench/shuffle-lines.ts),
// holding the whole file in memory, in a process of its own so the benchmark's stays small.
// Run: node --import tsx shuffle-file-child.ts FROM TO SEED
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { writeShuffledLines } from './shuffle-lines.ts';

const [from, to, seed] = process.argv.slice(2);
if (from === undefined || to === undefined || seed === undefined || !/^\d+$/.test(seed)) {
  console.error('usage: shuffle-file-child.ts FROM TO SEED');
  process.exit(2);
}
const fd = openSync(to, 'w');
try {
  writeShuffledLines(readFileSync(from), Number(seed), (chunk) => {
    for (let done = 0; done < chunk.byteLength; ) done += writeSync(fd, chunk, done);
  });
} finally {
  closeSync(fd);
}
