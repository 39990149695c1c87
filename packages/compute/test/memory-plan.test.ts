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
    // 110 + 2 x 25 + 0.03 x 729 + 2 x 0.08 x 729 + 0.6 x 729 / 3 = 110 + 50 + 21.87 + 116.64 + 145.8
    // (each thread keeps a route log of the rows, and more, when it reads the input more than once)
    expect(estimatePeakMiB(tenMillion, 3)).toBeCloseTo(444.31, 5);
    // Alone in the calling thread: no workers. 110 + 21.87 + 437.4
    expect(estimatePeakMiB({ ...tenMillion, threads: 1, inWorkers: false }, 1)).toBeCloseTo(569.27, 5);
    // A replay holds lines: 110 + 50 + 21.87 + 116.64 + 1.4 x 729 / 8
    expect(estimatePeakMiB({ ...tenMillion, order: 'buffer' }, 8)).toBeCloseTo(426.085, 5);
    // Passes cannot go below the process, its workers, the reading and the route logs.
    expect(estimatePeakMiB(tenMillion, Number.POSITIVE_INFINITY)).toBeCloseTo(298.51, 5);
    expect(MEMORY_MODEL.baseMiB).toBe(110);
  });
});

describe('planWithin', () => {
  it('keeps the threads and takes the fewest passes that fit', () => {
    // 298.51 + 437.4 / p <= 400 from p = 5.
    expect(planWithin(400, tenMillion, false)).toEqual({ threads: 2, passes: 5 });
    expect(planWithin(1024, tenMillion, false)).toEqual({ threads: 2, passes: 1 });
    // A replay: 298.51 + 1020.6 / p <= 400 from p = 11.
    expect(planWithin(400, { ...tenMillion, order: 'buffer' }, false)).toEqual({ threads: 2, passes: 11 });
    // Two workers alone pass 240; one thread in this one: 190.19 + 437.4 / p <= 240 from p = 9.
    expect(planWithin(240, tenMillion, false)).toEqual({ threads: 1, passes: 9 });
  });

  it('falls back to one thread and passes of at most 64 MiB of state when nothing fits', () => {
    // 437.4 MiB of state in passes of 64: 7.
    expect(planWithin(100, tenMillion, false)).toEqual({ threads: 1, passes: 7 });
    // Off the calling thread, the one thread is a worker: 215.19 + 437.4 / p <= 300 from p = 6.
    expect(planWithin(300, { ...tenMillion, threads: 1 }, true)).toEqual({ threads: 1, passes: 6 });
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
