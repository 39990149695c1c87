export { generateSample } from './generate-sample.ts';
export { generateSampleCustomers } from './generate-sample-customers.ts';
export { generateSubscriptionFxRates } from './generate-subscription-fx-rates.ts';
export { generateSubscriptionSample } from './generate-subscription-sample.ts';
export {
  SAMPLE_CHANNELS,
  SAMPLE_FAMILIES,
  SAMPLE_INDUSTRIES,
  SAMPLE_PRODUCTS,
  SAMPLE_REGIONS,
  SAMPLE_SIZES,
  type SampleProduct,
} from './sample-catalog.ts';
export { SAMPLE_COLUMNS, SAMPLE_CUSTOMER_COLUMNS } from './sample-columns.ts';
export { SampleError, type SampleErrorCode } from './sample-error.ts';
export type { SampleOptions } from './sample-options.ts';
export {
  SUBSCRIPTION_SAMPLE_ADD_ONS,
  SUBSCRIPTION_SAMPLE_CHANNELS,
  SUBSCRIPTION_SAMPLE_COLUMNS,
  SUBSCRIPTION_SAMPLE_CURRENCIES,
  SUBSCRIPTION_SAMPLE_REGIONS,
  SUBSCRIPTION_SAMPLE_TIERS,
} from './subscription-sample-catalog.ts';
export type { SubscriptionSampleOptions } from './subscription-sample-options.ts';
