import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kaplanMeier, type SurvivalObservation, survivalQuantile } from './kaplan-meier.ts';

const at = (time: number, event: boolean, count = 1): SurvivalObservation => ({ time, event, count });

describe('kaplanMeier', () => {
  it('matches a curve worked by hand, with an event and a censoring tied at 0', () => {
    // Six subjects: events at 0, 15, 52; censored at 0, 40, 60.
    // t=0: 6 at risk, 1 event -> S = 5/6 (the one censored at 0 is still at risk at 0).
    // t=15: 4 at risk -> 5/6 x 3/4 = 0.625. t=40: censored, no change. t=52: 2 at risk -> 0.3125.
    const km = kaplanMeier([
      at(15, true),
      at(60, false),
      at(0, true),
      at(40, false),
      at(52, true),
      at(0, false),
    ]);
    expect(km.curve).toEqual([
      { time: 0, atRisk: 6, events: 1, censored: 1, survival: 5 / 6 },
      { time: 15, atRisk: 4, events: 1, censored: 0, survival: 0.625 },
      { time: 40, atRisk: 3, events: 0, censored: 1, survival: 0.625 },
      { time: 52, atRisk: 2, events: 1, censored: 0, survival: 0.3125 },
      { time: 60, atRisk: 1, events: 0, censored: 1, survival: 0.3125 },
    ]);
    expect(km).toMatchObject({ subjects: 6, events: 3, censored: 3, q1: 15, median: 52, q3: null });
  });

  it('counts a censoring tied with an event as at risk at that time (events come first)', () => {
    // Both at time 5: 2 at risk, 1 event -> 1/2. Censorings first would give 1 - 1/1 = 0.
    expect(kaplanMeier([at(5, false), at(5, true)]).curve[0]!.survival).toBe(0.5);
  });

  it('takes the first time the curve reaches 1 - p, even when it rests exactly there', () => {
    // 4 subjects, events at 1, 2, 3, 4: S = 0.75, 0.5, 0.25, 0. Median 2 (R's survfit says 2.5).
    const km = kaplanMeier([1, 2, 3, 4].map((t) => at(t, true)));
    expect([km.q1, km.median, km.q3]).toEqual([1, 2, 3]);
  });

  it('is not thrown a whole step by float rounding of a survival that is exactly 1/2', () => {
    // 24 subjects, one event at each of the times 1..24: after 12 events S is 12/24 = 1/2 in
    // rationals, but the float product (23/24)(22/23)...(12/13) is 0.5000000000000001.
    const km = kaplanMeier(Array.from({ length: 24 }, (_, i) => at(i + 1, true)));
    expect(km.curve[11]!.survival).not.toBe(0.5);
    expect(km.median).toBe(12);
  });

  it('weights observations by their counts like repeated ones', () => {
    const weighted = kaplanMeier([at(3, true, 2), at(7, false, 3)]);
    const repeated = kaplanMeier([at(3, true), at(7, false), at(3, true), at(7, false), at(7, false)]);
    expect(weighted).toEqual(repeated);
  });

  describe('edge cases', () => {
    it('gives an empty curve and no quartiles for no subjects', () => {
      expect(kaplanMeier([])).toEqual({
        subjects: 0,
        events: 0,
        censored: 0,
        curve: [],
        q1: null,
        median: null,
        q3: null,
      });
    });

    it('gives one subject with an event at 0 a median of 0', () => {
      expect(kaplanMeier([at(0, true)])).toMatchObject({ median: 0, q1: 0, q3: 0 });
    });

    it('keeps survival at 1 and the median unknown when every subject is censored', () => {
      const km = kaplanMeier([at(4, false), at(2, false)]);
      expect(km.curve.map((s) => s.survival)).toEqual([1, 1]);
      expect(km.median).toBeNull();
    });

    it('refuses a negative or fractional count and a time that is not finite', () => {
      expect(() => kaplanMeier([at(1, true, -1)])).toThrow(/whole count/);
      expect(() => kaplanMeier([at(1, true, 0.5)])).toThrow(/whole count/);
      expect(() => kaplanMeier([at(Number.NaN, true)])).toThrow(/finite time/);
      expect(() => survivalQuantile([], 1)).toThrow(/p must be in/);
    });
  });

  describe('properties', () => {
    const observations = fc.array(
      fc.record({
        time: fc.integer({ min: 0, max: 30 }),
        event: fc.boolean(),
        count: fc.integer({ min: 0, max: 4 }),
      }),
      { maxLength: 40 },
    );

    it('equals the empirical distribution when nothing is censored', () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 40 }), (times) => {
          const km = kaplanMeier(times.map((t) => at(t, true)));
          for (const step of km.curve) {
            const beyond = times.filter((t) => t > step.time).length / times.length;
            expect(step.survival).toBeCloseTo(beyond, 12);
          }
          // The median is the smallest time with at least half the subjects at or before it.
          const sorted = [...times].sort((a, b) => a - b);
          expect(km.median).toBe(sorted[Math.ceil(times.length / 2) - 1]);
        }),
      );
    });

    it('never rises, stays in [0, 1], and accounts for every subject', () => {
      fc.assert(
        fc.property(observations, (obs) => {
          const km = kaplanMeier(obs);
          let last = 1;
          for (const step of km.curve) {
            expect(step.survival).toBeLessThanOrEqual(last);
            expect(step.survival).toBeGreaterThanOrEqual(0);
            last = step.survival;
          }
          const total = obs.reduce((n, o) => n + o.count, 0);
          expect(km.subjects).toBe(total);
          expect(km.curve.reduce((n, s) => n + s.events + s.censored, 0)).toBe(total);
          if (km.q1 !== null && km.median !== null) expect(km.q1).toBeLessThanOrEqual(km.median);
          if (km.median !== null && km.q3 !== null) expect(km.median).toBeLessThanOrEqual(km.q3);
        }),
      );
    });

    it('gives the same estimate for the observations in any order', () => {
      const shuffled = observations.chain((obs) =>
        fc.tuple(
          fc.constant(obs),
          fc.shuffledSubarray(obs, { minLength: obs.length, maxLength: obs.length }),
        ),
      );
      fc.assert(
        fc.property(shuffled, ([obs, reordered]) => {
          expect(kaplanMeier(reordered)).toEqual(kaplanMeier(obs));
        }),
      );
    });
  });
});
