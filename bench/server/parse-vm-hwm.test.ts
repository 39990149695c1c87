import { describe, expect, it } from 'vitest';
import { parseVmHwmKiB } from './parse-vm-hwm.ts';

const STATUS = [
  'Name:\tnode',
  'State:\tS (sleeping)',
  'VmPeak:\t 9876543 kB',
  'VmSize:\t 9000000 kB',
  'VmHWM:\t  812345 kB',
  'VmRSS:\t  700000 kB',
  'Threads:\t11',
  '',
].join('\n');

describe('parseVmHwmKiB', () => {
  it('reads the peak resident set size, not the current one or the virtual peak', () => {
    expect(parseVmHwmKiB(STATUS)).toBe(812_345);
  });

  it('throws when the status has no VmHWM line (a zombie process has none)', () => {
    expect(() => parseVmHwmKiB('Name:\tnode\nState:\tZ (zombie)\n')).toThrow(/no VmHWM line/);
  });
});
