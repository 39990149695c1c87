import { userLocale } from '../dashboard/format-metric.ts';

/** A money axis: its domain and round ticks. */
export interface MoneyAxis {
  domain: [number, number];
  ticks: number[];
}

/**
 * A money axis over values (and 0, where bars start, unless `fromZero` is false): about five
 * ticks at a round step (1, 2, 2.5 or 5 times a power of ten), from a tick at or below the
 * lowest value to one at or above the highest.
 *
 * @example
 * moneyAxis([30, 75]) // { domain: [0, 80], ticks: [0, 20, 40, 60, 80] }
 * moneyAxis([-10, 45]) // { domain: [-20, 60], ticks: [-20, 0, 20, 40, 60] }
 * moneyAxis([1_080_062, 1_227_381.5], { fromZero: false }) // { domain: [1_050_000, 1_250_000], ... }
 */
export function moneyAxis(values: readonly number[], options: { fromZero?: boolean } = {}): MoneyAxis {
  const finite = [...(options.fromZero === false ? [] : [0]), ...values.filter(Number.isFinite)];
  if (finite.length === 0) return { domain: [0, 1], ticks: [0, 1] };
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  if (high === low) return { domain: [0, 1], ticks: [0, 1] };
  const rough = (high - low) / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= rough) ?? 10) * power;
  const min = Math.floor(low / step) * step;
  const max = Math.ceil(high / step) * step;
  const ticks: number[] = [];
  for (let i = 0; min + i * step <= max + step / 1e6; i++)
    ticks.push(Math.round((min + i * step) * 100) / 100);
  return { domain: [min, max], ticks };
}

const formats = new Map<string, Intl.NumberFormat>();

/**
 * An axis tick in money: whole units, compact from a thousand, with the currency's symbol when
 * known: `$80`, `$1.5K`, `−$20`.
 *
 * @example
 * axisMoney(80, 'USD') // '$80' (en-US)
 */
export function axisMoney(value: number, currency: string | null | undefined): string {
  const compact = Math.abs(value) >= 1000;
  const whole = Number.isInteger(value);
  // Whole and fractional ticks format apart: a cached whole-unit format read 72.5 as `$73`.
  const key = `${userLocale()} ${currency ?? ''} ${compact} ${whole}`;
  let format = formats.get(key);
  if (!format) {
    const options: Intl.NumberFormatOptions = compact
      ? // Two decimals: ticks 50K apart on an axis of millions must not all read `$1.1M`.
        { notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 2 }
      : { maximumFractionDigits: whole ? 0 : 2 };
    try {
      format = new Intl.NumberFormat(
        userLocale(),
        currency ? { ...options, style: 'currency', currency } : options,
      );
    } catch {
      format = new Intl.NumberFormat(userLocale(), options);
    }
    formats.set(key, format);
  }
  return format.format(value);
}
