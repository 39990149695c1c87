import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, REPO_ROOT, runUpsell } from './run-upsell.ts';

const temp = makeTempDir();
afterAll(() => temp.remove());

/** The file's data lines in a seeded random order, header first; a seed gives one order. */
function shuffledCopy(source: string, seed: number, name: string): string {
  const [header, ...lines] = readFileSync(join(REPO_ROOT, source), 'utf8').trimEnd().split('\n');
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  for (let i = lines.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
  }
  const text = `${[header, ...lines].join('\n')}\n`;
  // A shuffle that kept the order would make the comparisons below vacuous.
  expect(text).not.toBe(readFileSync(join(REPO_ROOT, source), 'utf8'));
  const path = temp.path(name);
  writeFileSync(path, text);
  return path;
}

const stdoutOf = (args: string[]) => {
  const run = runUpsell(args);
  expect(run.status).toBe(0);
  return run.stdout;
};

describe('input order', () => {
  it.each([1, 2, 3])(
    'does not change rate JSON of the worked example when lines are shuffled (seed %i)',
    (seed) => {
      const args = ['--period', 'month', '--by', 'channel', '--format', 'json'];
      const original = stdoutOf(['rate', 'examples/worked-200-of-1000.csv', ...args]);
      const shuffled = stdoutOf([
        'rate',
        shuffledCopy('examples/worked-200-of-1000.csv', seed, `w${seed}.csv`),
        ...args,
      ]);
      expect(shuffled).toBe(original);
    },
  );

  it('does not change the shop example with its customer attributes when lines are shuffled', () => {
    const args = [
      '--period',
      'quarter',
      '--by',
      'region',
      '--customers',
      'examples/customers.csv',
      '--format',
      'json',
    ];
    const original = stdoutOf(['rate', 'examples/shop.csv', ...args]);
    const shuffled = stdoutOf(['rate', shuffledCopy('examples/shop.csv', 9, 'shop.csv'), ...args]);
    expect(shuffled).toBe(original);
  });

  it('does not change the purchase up-sell rate when lines are shuffled', () => {
    const args = ['--metric', 'purchase-upsell-rate', '--period', 'month', '--format', 'json'];
    const original = stdoutOf(['rate', 'examples/shop.csv', ...args]);
    const shuffled = stdoutOf(['rate', shuffledCopy('examples/shop.csv', 4, 'shop-lines.csv'), ...args]);
    expect(shuffled).toBe(original);
  });

  it('notes on stderr, once, that unsorted input was read again and sorted, and how to avoid it', () => {
    const { stderr } = runUpsell(['rate', shuffledCopy('examples/worked-20-of-100.csv', 5, 'w20.csv')]);
    expect(stderr.match(/the input was read again and sorted/g)).toHaveLength(1);
    expect(stderr).toContain('a file sorted by purchase time is read once');
  });

  it("reads the README's example in one pass, without the note", () => {
    const { stderr } = runUpsell(['report', 'examples/shop.csv']);
    expect(stderr).not.toContain('not in time order');
  });
});
