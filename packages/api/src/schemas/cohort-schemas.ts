import { PERIOD_UNITS } from '@upsell/core';
import type { DatasetCohortReport } from '@upsell/datasets';
import { z } from 'zod';
import type { Assert, Same } from './same-type.ts';

const quartile = z.number().int().nullable();

/** {@link DatasetCohortReport} (`metric.cohorts`): the CLI's `upsell cohorts --format json` plus which data. */
export const DatasetCohortReportSchema = z.object({
  period: z.enum(PERIOD_UNITS),
  timeZone: z.string(),
  by: z.array(z.string()),
  asOf: z.string().nullable().describe("the local date of the data's last line: the censoring date"),
  periodsSince: z.number().int(),
  cohorts: z.array(
    z.object({
      cohort: z.string(),
      customers: z.number().int(),
      upsold: z.array(z.number().int()).describe('customers upsold by k periods since, k = 0, 1, ...'),
      share: z.array(z.number()).describe('upsold[k] / customers'),
    }),
  ),
  timeToFirstUpsell: z.array(
    z.object({
      segment: z.record(z.string(), z.string()),
      subjects: z.number().int(),
      events: z.number().int(),
      censored: z.number().int(),
      curve: z.array(
        z.object({
          time: z.number().int().describe('days since the initial order'),
          atRisk: z.number().int(),
          events: z.number().int(),
          censored: z.number().int(),
          survival: z.number().describe('Kaplan-Meier share not yet upsold after this day'),
        }),
      ),
      q1: quartile,
      median: quartile,
      q3: quartile,
    }),
  ),
  datasetId: z.string(),
  datasetVersion: z.number().int(),
  cached: z.boolean(),
});

// Fails to compile when the schema and the store's type drift apart.
export type CohortSchemasMatchStore = [
  Assert<Same<z.output<typeof DatasetCohortReportSchema>, DatasetCohortReport>>,
];
