import { seedKey } from './create-random.ts';
import { customerProfile } from './customer-profile.ts';
import { CHUNK_SIZE, customerId, customerIdWidth } from './generate-sample.ts';
import { planDays } from './plan-days.ts';
import { RANDOM_STREAMS } from './random-streams.ts';
import { SAMPLE_INDUSTRIES, SAMPLE_REGIONS, SAMPLE_SIZES } from './sample-catalog.ts';
import { SAMPLE_CUSTOMER_COLUMNS } from './sample-columns.ts';
import { type ResolvedSampleOptions, resolveSampleOptions, type SampleOptions } from './sample-options.ts';

function* customerChunks(options: ResolvedSampleOptions): Generator<string> {
  const plan = planDays(options);
  const appearing = plan.placed.length === 0 ? 0 : plan.placed[plan.placed.length - 1]!;
  const key = seedKey(options.seed, RANDOM_STREAMS.customers);
  const width = customerIdWidth(options.customers);
  let chunk = `${SAMPLE_CUSTOMER_COLUMNS.join(',')}\n`;
  for (let c = 0; c < appearing; c++) {
    const profile = customerProfile(key, c);
    chunk += `${customerId(c, width)},${SAMPLE_REGIONS[profile.region]},${SAMPLE_INDUSTRIES[profile.industry]},${SAMPLE_SIZES[profile.size]}\n`;
    if (chunk.length >= CHUNK_SIZE) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * The customers file that goes with `generateSample` for the same options: one row per customer
 * who appears in the purchases, `customer_id,region,industry,size`, in chunks like the purchases.
 *
 * @example
 * const csv = [...generateSampleCustomers({ rows: 1000, seed: 7 })].join('');
 * csv.split('\n')[1] // 'C000001,emea,retail,small'
 */
export function generateSampleCustomers(options: SampleOptions): Generator<string> {
  return customerChunks(resolveSampleOptions(options, 'generateSampleCustomers'));
}
