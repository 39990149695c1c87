import { UpsellError } from '../errors.ts';

/** `count` subjects observed up to `time`: the event happened then, or they were censored then. */
export interface SurvivalObservation {
  time: number;
  event: boolean;
  count: number;
}

/** One step of a Kaplan-Meier curve: what happened at `time` and the survival just after it. */
export interface SurvivalStep {
  time: number;
  /** Subjects still observed (neither an event nor censored before `time`). */
  atRisk: number;
  events: number;
  censored: number;
  /** S(time): the estimated share with no event by `time` (included). */
  survival: number;
}

/** The Kaplan-Meier estimate: its steps and its quartiles (null where the curve never gets there). */
export interface KaplanMeierEstimate {
  subjects: number;
  events: number;
  censored: number;
  /** One step per distinct time with an event or a censoring, in time order. */
  curve: SurvivalStep[];
  /** Smallest time t with S(t) <= 0.75, 0.5, 0.25 (see {@link survivalQuantile}); null when none. */
  q1: number | null;
  median: number | null;
  q3: number | null;
}

// Survival is a product of floats: a step that is exactly 1 - p in rationals may land a hair
// above it (2/3 x 3/4 = 0.5000000000000001), which must not move a quartile by a whole step.
const TOLERANCE = 1e-9;

/**
 * The p-quantile of a Kaplan-Meier curve: the smallest step time t with S(t) <= 1 - p, the usual
 * convention (a curve that rests exactly on 1 - p takes the start of that flat stretch, not the
 * midpoint to the next event that R's survfit reports); null when S stays above 1 - p.
 *
 * @example
 * survivalQuantile([{ time: 3, atRisk: 2, events: 1, censored: 0, survival: 0.5 }], 0.5) // 3
 */
export function survivalQuantile(curve: readonly SurvivalStep[], p: number): number | null {
  if (!(p > 0 && p < 1))
    throw new UpsellError('INVALID_ARGUMENT', `survivalQuantile: p must be in (0, 1), got ${p}`);
  for (const step of curve) if (step.survival <= 1 - p + TOLERANCE) return step.time;
  return null;
}

/**
 * The Kaplan-Meier estimate of the survival function S(t) = P(T > t) from event times and
 * censoring times: S(t) is the product over event times s <= t of (1 - events(s) / atRisk(s)).
 * Ties take the standard convention: at one time, events come before censorings, so a subject
 * censored at t is still at risk at t. Input order does not matter.
 *
 * @example
 * kaplanMeier([
 *   { time: 2, event: true, count: 1 },
 *   { time: 3, event: false, count: 1 },
 *   { time: 5, event: true, count: 1 },
 * ]).curve.map((s) => s.survival) // [2/3, 2/3, 0]
 */
export function kaplanMeier(observations: readonly SurvivalObservation[]): KaplanMeierEstimate {
  const byTime = new Map<number, { events: number; censored: number }>();
  let subjects = 0;
  for (const o of observations) {
    if (!Number.isFinite(o.time) || !Number.isInteger(o.count) || o.count < 0) {
      throw new UpsellError(
        'INVALID_ARGUMENT',
        `kaplanMeier: each observation needs a finite time and a whole count >= 0, got time ${o.time}, count ${o.count}`,
      );
    }
    if (o.count === 0) continue;
    const at = byTime.get(o.time) ?? { events: 0, censored: 0 };
    if (o.event) at.events += o.count;
    else at.censored += o.count;
    byTime.set(o.time, at);
    subjects += o.count;
  }
  const curve: SurvivalStep[] = [];
  let atRisk = subjects;
  let survival = 1;
  let events = 0;
  for (const time of [...byTime.keys()].sort((a, b) => a - b)) {
    const at = byTime.get(time)!;
    if (at.events > 0) survival *= 1 - at.events / atRisk;
    curve.push({ time, atRisk, events: at.events, censored: at.censored, survival });
    atRisk -= at.events + at.censored;
    events += at.events;
  }
  return {
    subjects,
    events,
    censored: subjects - events,
    curve,
    q1: survivalQuantile(curve, 0.25),
    median: survivalQuantile(curve, 0.5),
    q3: survivalQuantile(curve, 0.75),
  };
}
