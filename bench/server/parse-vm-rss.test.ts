import { describe, expect, it } from 'vitest';
import { parseVmRssKiB } from './parse-vm-rss.ts';

describe('parseVmRssKiB', () => {
  it('reads VmRSS, not the peak (VmHWM) beside it', () => {
    expect(parseVmRssKiB('Name:\tnode\nVmHWM:\t  812345 kB\nVmRSS:\t  700000 kB\nThreads:\t11\n')).toBe(
      700000,
    );
  });

  it('throws when there is no VmRSS line (a process that has ended)', () => {
    expect(() => parseVmRssKiB('Name:\tnode\n')).toThrow(/no VmRSS line/);
  });
});
