import { formatDay } from '@upsell/core';
import { createRandom } from './create-random.ts';
import { formatCents } from './format-cents.ts';
import { customerId, customerIdWidth } from './generate-sample.ts';
import { SECONDS_PER_DAY, secondLabels } from './second-of-day.ts';
import {
  SUBSCRIPTION_SAMPLE_ADD_ONS,
  SUBSCRIPTION_SAMPLE_CHANNELS,
  SUBSCRIPTION_SAMPLE_COLUMNS,
  SUBSCRIPTION_SAMPLE_CURRENCIES,
  SUBSCRIPTION_SAMPLE_REGIONS,
  subscriptionPlanId,
} from './subscription-sample-catalog.ts';
import {
  type ResolvedSubscriptionSampleOptions,
  resolveSubscriptionSampleOptions,
  SUBSCRIPTION_RANDOM_STREAMS,
  type SubscriptionSampleOptions,
} from './subscription-sample-options.ts';
import { FIRST_ADD_ON_KIND, RUNNING, SubscriptionSimulation } from './subscription-simulation.ts';

/** Characters per yielded chunk, roughly: big enough to amortise a write, small enough to stream. */
const CHUNK_SIZE = 64 * 1024;

// `,plan_id,tier,` by kind of state (plans, then add-ons with no tier).
const KIND_HEADS = [
  ...[0, 1, 2].flatMap((tier) =>
    [false, true].map((annual) => `,${subscriptionPlanId(tier, annual)},${tier + 1},`),
  ),
  ...SUBSCRIPTION_SAMPLE_ADD_ONS.map((addOn) => `,${addOn},,`),
];
// `,interval,` by kind of state.
const KIND_INTERVALS = KIND_HEADS.map((_, kind) =>
  kind < FIRST_ADD_ON_KIND && kind % 2 === 1 ? ',year,' : ',month,',
);

function* subscriptionChunks(options: ResolvedSubscriptionSampleOptions): Generator<string> {
  const simulation = new SubscriptionSimulation(
    options,
    createRandom(options.seed, SUBSCRIPTION_RANDOM_STREAMS.states),
  );
  const seconds = secondLabels();
  const days = Array.from({ length: options.days }, (_, d) => `${formatDay(options.firstDay + d)}T`);
  const time = (at: number) => {
    const day = Math.floor(at / SECONDS_PER_DAY);
    return days[day - options.firstDay]! + seconds[at - day * SECONDS_PER_DAY]!;
  };
  const tails: string[] = [];
  for (const currency of SUBSCRIPTION_SAMPLE_CURRENCIES)
    for (const channel of SUBSCRIPTION_SAMPLE_CHANNELS)
      for (const region of SUBSCRIPTION_SAMPLE_REGIONS) tails.push(`,${currency},${channel},${region}\n`);
  const width = customerIdWidth(options.customers);
  let left = options.rows;
  let chunk = `${SUBSCRIPTION_SAMPLE_COLUMNS.join(',')}\n`;
  for (let c = 0; left > 0 && (c < options.customers || !options.fixedCustomers); c++) {
    simulation.simulate();
    const { sub, kind, quantity, cents, start, end } = simulation;
    const head = `${customerId(c, width)},S`;
    const tail =
      tails[
        (simulation.currency * SUBSCRIPTION_SAMPLE_CHANNELS.length + simulation.channel) *
          SUBSCRIPTION_SAMPLE_REGIONS.length +
          simulation.region
      ]!;
    const count = Math.min(simulation.count, left);
    left -= count;
    for (let i = 0; i < count; i++) {
      chunk +=
        head +
        sub[i] +
        KIND_HEADS[kind[i]!] +
        time(start[i]!) +
        ',' +
        (end[i] === RUNNING ? '' : time(end[i]!)) +
        ',' +
        formatCents(cents[i]!) +
        KIND_INTERVALS[kind[i]!] +
        quantity[i] +
        tail;
    }
    if (chunk.length >= CHUNK_SIZE) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * Deterministic, realistic SaaS subscription history as CSV text in the states shape of the
 * subscription contract, in chunks of about 64 KiB (header first, LF line ends): one row per
 * state of a subscription, a customer's rows together and in order of `starts_at`, customers in
 * id order. Exactly `rows` rows (the last customer's history may be cut short, which leaves it
 * valid), unless a given `customers` is too few to hold them. The same options give
 * byte-identical output; nothing is kept in memory but one customer. Columns are
 * {@link SUBSCRIPTION_SAMPLE_COLUMNS}; amounts are in the customer's currency (USD, EUR or GBP),
 * so read it with the rates of {@link generateSubscriptionFxRates}.
 *
 * @example
 * const csv = [...generateSubscriptionSample({ rows: 1000, seed: 7 })].join('');
 * csv.split('\n')[1] // 'C000001,S1,starter-monthly,1,2023-08-14T10:21:07Z,,19.00,month,1,USD,online,na'
 */
export function generateSubscriptionSample(options: SubscriptionSampleOptions): Generator<string> {
  return subscriptionChunks(resolveSubscriptionSampleOptions(options, 'generateSubscriptionSample'));
}
