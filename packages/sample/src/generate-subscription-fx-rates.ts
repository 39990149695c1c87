import { daysFromCivil, formatDay } from '@upsell/core';
import { createRandom } from './create-random.ts';
import { SUBSCRIPTION_SAMPLE_CURRENCIES } from './subscription-sample-catalog.ts';
import {
  resolveSubscriptionSampleOptions,
  SUBSCRIPTION_RANDOM_STREAMS,
  type SubscriptionSampleOptions,
} from './subscription-sample-options.ts';

// Rates in ten-thousandths of the reporting currency (USD) per unit, for EUR and GBP at the start.
const FIRST_RATES = [10_850, 12_700];
// Largest monthly move, in ten-thousandths of the rate, either way.
const MONTHLY_MOVE = 200;

const formatRate = (tenThousandths: number) =>
  `${Math.floor(tenThousandths / 10_000)}.${String(tenThousandths % 10_000).padStart(4, '0')}`;

/**
 * The exchange rates that go with {@link generateSubscriptionSample} for the same options, as
 * CSV text (`date,currency,rate`, LF line ends): a rate for every currency other than USD on the
 * first day of every month from the start's month to the last month of the span, in USD per 1
 * unit, 4 decimals, wandering by at most 2% a month. Every state of the sample starts on or after
 * the first rate, so each one converts.
 *
 * @example
 * generateSubscriptionFxRates({ rows: 10, seed: 1 }).split('\n').slice(0, 3)
 * // ['date,currency,rate', '2023-01-01,EUR,1.0850', '2023-01-01,GBP,1.2700']
 */
export function generateSubscriptionFxRates(options: SubscriptionSampleOptions): string {
  const resolved = resolveSubscriptionSampleOptions(options, 'generateSubscriptionFxRates');
  const random = createRandom(resolved.seed, SUBSCRIPTION_RANDOM_STREAMS.fx);
  const currencies = SUBSCRIPTION_SAMPLE_CURRENCIES.slice(1);
  const rates = [...FIRST_RATES];
  const endDay = resolved.firstDay + resolved.days;
  let text = 'date,currency,rate\n';
  const start = formatDay(resolved.firstDay);
  let year = Number(start.slice(0, 4));
  let month = Number(start.slice(5, 7));
  for (let day = daysFromCivil(year, month, 1); day < endDay; ) {
    const date = formatDay(day);
    currencies.forEach((currency, i) => {
      text += `${date},${currency},${formatRate(rates[i]!)}\n`;
      rates[i] = Math.round(rates[i]! * (1 + ((random.next() * 2 - 1) * MONTHLY_MOVE) / 10_000));
    });
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
    day = daysFromCivil(year, month, 1);
  }
  return text;
}
