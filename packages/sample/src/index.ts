export { generateSample } from './generate-sample.ts';
export { generateSampleCustomers } from './generate-sample-customers.ts';
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
