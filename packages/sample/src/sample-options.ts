import { civilFromDays, daysFromCivil } from '@upsell/core';
import { SampleError } from './sample-error.ts';

/** What sample to make. The same options always give byte-identical output. */
export interface SampleOptions {
  /** Exact number of purchase lines to produce (>= 0). */
  rows: number;
  /** Any safe integer; same seed + options => byte-identical output. */
  seed: number;
  /** First day, ISO date (`YYYY-MM-DD`), default `2023-01-01`. */
  start?: string;
  /** Span in calendar months, default 24. */
  months?: number;
  /** Size of the customer base, default about rows / 8 (at least 1); only those who buy appear. */
  customers?: number;
}

/** {@link SampleOptions} checked, with defaults filled in and the span as day numbers. */
export interface ResolvedSampleOptions {
  rows: number;
  seed: number;
  customers: number;
  /** Days since 1970-01-01 of the first day. */
  firstDay: number;
  /** Number of days in the span (first day included). */
  days: number;
}

const MAX_CUSTOMERS = 2 ** 27;
const MAX_MONTHS = 1200;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function invalid(caller: string, message: string): SampleError {
  return new SampleError('INVALID_ARGUMENT', `${caller}: ${message}`);
}

/**
 * Checks `options` and fills in the defaults; `caller` names the public function in errors.
 *
 * @example
 * resolveSampleOptions({ rows: 80, seed: 1 }, 'generateSample')
 * // { rows: 80, seed: 1, customers: 10, firstDay: 19358, days: 731 }
 */
export function resolveSampleOptions(options: SampleOptions, caller: string): ResolvedSampleOptions {
  const { rows, seed, start = '2023-01-01', months = 24 } = options;
  if (!Number.isSafeInteger(rows) || rows < 0) {
    throw invalid(caller, `rows must be a whole number >= 0, got ${rows}`);
  }
  if (!Number.isSafeInteger(seed)) {
    throw invalid(caller, `seed must be a safe integer, got ${seed}`);
  }
  if (!Number.isInteger(months) || months < 1 || months > MAX_MONTHS) {
    throw invalid(caller, `months must be a whole number from 1 to ${MAX_MONTHS}, got ${months}`);
  }
  const customers = options.customers ?? Math.max(1, Math.round(rows / 8));
  if (!Number.isInteger(customers) || customers < 1 || customers > MAX_CUSTOMERS) {
    throw invalid(caller, `customers must be a whole number from 1 to ${MAX_CUSTOMERS}, got ${customers}`);
  }
  const match = ISO_DATE.exec(start);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  const firstDay = daysFromCivil(year, month, day);
  const check = civilFromDays(firstDay);
  if (!match || check.year !== year || check.month !== month || check.day !== day) {
    throw invalid(caller, `start must be an ISO date like 2023-01-01, got "${start}"`);
  }
  const endMonth = month - 1 + months;
  const endDay = daysFromCivil(year + Math.floor(endMonth / 12), (endMonth % 12) + 1, 1);
  // As many days as the `months` calendar months from the start's month: start + months, whatever the day.
  const days = endDay - daysFromCivil(year, month, 1);
  return { rows, seed, customers, firstDay, days };
}
