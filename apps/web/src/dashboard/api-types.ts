import type { RouterInputs, RouterOutputs } from '@upsell/client';

/** What the dashboard reads from the API, by the router's own types (type imports only). */
export type DatasetMetricResult = RouterOutputs['metric']['query'];
export type DrillDownPage = RouterOutputs['metric']['customers'];
export type DrillDownCustomer = NonNullable<DrillDownPage['customers']>[number];
export type DrillDownLine = NonNullable<DrillDownPage['lines']>[number];
export type Comparison = RouterOutputs['metric']['compare'];
export type ComparedRow = Comparison['rows'][number];
export type DatasetSummary = RouterOutputs['dataset']['byId'];
export type DatasetDimension = DatasetSummary['dimensions'][number];
export type SavedDefinition = RouterOutputs['definition']['list'][number];
export type Target = RouterOutputs['target']['list'][number];
export type CustomersInput = RouterInputs['metric']['customers'];
export type DatasetRetentionResult = RouterOutputs['metric']['retention'];
export type RetentionRow = DatasetRetentionResult['rows'][number];
