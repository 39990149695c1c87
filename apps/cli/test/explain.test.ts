import { addRational, parseRational, ZERO } from '@upsell/core';
import { describe, expect, it } from 'vitest';
import { runUpsell } from './run-upsell.ts';

const SHOP = 'examples/shop.csv';

function json(args: readonly string[]) {
  const run = runUpsell(args);
  if (run.status !== 0) throw new Error(`upsell ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

describe('upsell explain', () => {
  it("splits the change of upsell rate's own unsegmented rates, the parts adding up to it exactly", () => {
    const definition = ['--period', 'quarter', '--eligible', 'all'];
    const why = json(['explain', SHOP, ...definition, '--by', 'Channel', '--format', 'json']);
    const overall = json(['rate', SHOP, ...definition, '--format', 'json']).rows;
    const [before, last] = overall.slice(-2);
    expect([why.from, why.to]).toEqual([before.period, last.period]);
    expect([why.rateFrom, why.rateTo]).toEqual([before.rate, last.rate]);
    const change = parseRational(why.exact.change);
    const sum = why.segments
      .map((s: { exact: { contribution: string } }) => parseRational(s.exact.contribution))
      .reduce(addRational, ZERO);
    expect(sum).toEqual(change);
    expect(addRational(parseRational(why.exact.rateEffect), parseRational(why.exact.mixEffect))).toEqual(
      change,
    );
  });

  it('compares the first and last periods of --from and --to, and prints a table with a headline', () => {
    const run = runUpsell([
      'explain',
      SHOP,
      '--period',
      'quarter',
      '--by',
      'Channel',
      '--from',
      '2023-Q2',
      '--to',
      '2024-Q2',
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(
      /^Customer upsell rate 2023-Q2 -> 2024-Q2: \d+\.\d% -> \d+\.\d% \([+-]\d+\.\d pts\)$/,
    );
    expect(run.stdout).toContain('segment');
    expect(run.stdout).toContain('Channel=online');
  });

  it('says that without --by the whole change is one rate effect, and refuses a single period', () => {
    const bare = runUpsell(['explain', SHOP, '--period', 'quarter']);
    expect(bare.status).toBe(0);
    expect(bare.stderr).toContain('note: without --by there is one segment');
    const one = runUpsell(['explain', SHOP, '--period', 'all', '--by', 'Channel']);
    expect(one.status).toBe(2);
    expect(one.stderr).toMatch(/a change needs two periods; the result has only all/);
  });
});
