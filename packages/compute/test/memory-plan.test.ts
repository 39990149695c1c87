import { describe, expect, it } from 'vitest';
import {
  estimatePeakMiB,
  MAX_PASSES,
  MEMORY_MODEL,
  passesAfterOverrun,
  planWithin,
} from '../src/memory-plan.ts';

const MiB = 1024 * 1024;
const tenMillion = { inputBytes: 729 * MiB, threads: 2, inWorkers: true, order: 'stream' as const };

describe('the memory model', () => {
  it('adds the process, its workers, the reading and the state a pass holds', () => {
    // 125 + 2 x 50 + 0.12 x 729 + 2 x 0.025 x 729 + 0.5 x 729 / 3 = 125 + 100 + 87.48 + 36.45 + 121.5
    // (each thread keeps a route log of the rows when it reads the input more than once)
    expect(estimatePeakMiB(tenMillion, 3)).toBeCloseTo(470.43, 5);
    // Alone in the calling thread: no workers. 125 + 87.48 + 364.5
    expect(estimatePeakMiB({ ...tenMillion, threads: 1, inWorkers: false }, 1)).toBeCloseTo(576.98, 5);
    // A replay holds lines: 125 + 100 + 87.48 + 36.45 + 1 x 729 / 8
    expect(estimatePeakMiB({ ...tenMillion, order: 'buffer' }, 8)).toBeCloseTo(440.055, 5);
    // Passes cannot go below the process, its workers, the reading and the route logs.
    expect(estimatePeakMiB(tenMillion, Number.POSITIVE_INFINITY)).toBeCloseTo(348.93, 5);
    expect(MEMORY_MODEL.baseMiB).toBe(125);
  });
});

describe('planWithin', () => {
  it('keeps the threads and takes the fewest passes that fit', () => {
    // 348.93 + 364.5 / p <= 400 from p = 8.
    expect(planWithin(400, tenMillion, false)).toEqual({ threads: 2, passes: 8 });
    expect(planWithin(1024, tenMillion, false)).toEqual({ threads: 2, passes: 1 });
    // Two workers alone pass 240; one thread in this one: 230.705 + 364.5 / p <= 240 from p = 40.
    expect(planWithin(240, tenMillion, false)).toEqual({ threads: 1, passes: 40 });
  });

  it('falls back to one thread and passes of at most 64 MiB of state when nothing fits', () => {
    // 364.5 MiB of state in passes of 64: 6.
    expect(planWithin(100, tenMillion, false)).toEqual({ threads: 1, passes: 6 });
    // Off the calling thread, the one thread is a worker: 280.705 + 364.5 / p <= 300 from p = 19.
    expect(planWithin(300, { ...tenMillion, threads: 1 }, true)).toEqual({ threads: 1, passes: 19 });
  });
});

describe('passesAfterOverrun', () => {
  it('carries the state seen on to the whole input and shares it out within the budget', () => {
    // (500 - 180) / 0.5 = 640 MiB of state, in rooms of 400 - 180 = 220: 3 passes.
    expect(
      passesAfterOverrun({ budgetMiB: 400, peakMiB: 500, fraction: 0.5, passes: 1, fixedMiB: 180 }),
    ).toBe(3);
    // Already in 2 passes: 2 x 640 / 220 -> 6.
    expect(
      passesAfterOverrun({ budgetMiB: 400, peakMiB: 500, fraction: 0.5, passes: 2, fixedMiB: 180 }),
    ).toBe(6);
  });

  it('takes at least one pass more, and at most the most there are', () => {
    expect(passesAfterOverrun({ budgetMiB: 400, peakMiB: 401, fraction: 1, passes: 4, fixedMiB: 180 })).toBe(
      5,
    );
    expect(
      passesAfterOverrun({ budgetMiB: 400, peakMiB: 5000, fraction: 0.01, passes: 1, fixedMiB: 180 }),
    ).toBe(MAX_PASSES);
  });
});
