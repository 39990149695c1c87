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
  it('adds the process, its workers and the state a pass holds', () => {
    // 125 + 2 x 55 + 0.6 x 729 / 3 = 380.8
    expect(estimatePeakMiB(tenMillion, 3)).toBeCloseTo(380.8, 5);
    // Alone in the calling thread: no workers. 125 + 0.6 x 729 = 562.4
    expect(estimatePeakMiB({ ...tenMillion, threads: 1, inWorkers: false }, 1)).toBeCloseTo(562.4, 5);
    // A replay holds lines: 125 + 110 + 4 x 729 / 8 = 599.5
    expect(estimatePeakMiB({ ...tenMillion, order: 'buffer' }, 8)).toBeCloseTo(599.5, 5);
    expect(MEMORY_MODEL.baseMiB).toBe(125);
  });
});

describe('planWithin', () => {
  it('keeps the threads and takes the fewest passes that fit', () => {
    expect(planWithin(400, tenMillion, false)).toEqual({ threads: 2, passes: 3 });
    expect(planWithin(1024, tenMillion, false)).toEqual({ threads: 2, passes: 1 });
    // 235 + 437.4 / p <= 240 needs 88 passes: more than 64, so one thread in this one.
    expect(planWithin(240, tenMillion, false)).toEqual({ threads: 1, passes: 4 });
  });

  it('falls back to one thread and passes of at most 64 MiB of state when nothing fits', () => {
    // 437.4 MiB of state in passes of 64: 7.
    expect(planWithin(100, tenMillion, false)).toEqual({ threads: 1, passes: 7 });
    // Off the calling thread, the one thread is a worker: 125 + 55 + 437.4 / p <= 200 at p = 22.
    expect(planWithin(200, { ...tenMillion, threads: 1 }, true)).toEqual({ threads: 1, passes: 22 });
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
