import { PERIOD_UNITS } from '@upsell/core';
import type { DatasetCohortReport } from '@upsell/datasets';
import { z } from 'zod';
import type { Assert, Same } from './same-type.ts';

const quartile = z.number().int().nullable();

const perPeriod = (what: string) => z.array(z.number()).describe(`${what}, k = 0, 1, ... periods since`);

/** A subscription cohort's money and subscribers (`CohortRevenue`). */
const CohortRevenueSchema = z
  .object({
    startingMrr: z.number().describe("the MRR the cohort's customers started with (their new movements)"),
    mrr: perPeriod("the cohort's MRR at the period's end"),
    nrr: perPeriod('net revenue retention: mrr / startingMrr'),
    grossMrr: perPeriod("each customer's MRR at the period's end capped at their starting MRR, summed"),
    grr: perPeriod('gross revenue retention: grossMrr / startingMrr'),
    subscribers: z.array(z.number().int()).describe("the cohort's subscribers at the period's end"),
    logoRetention: perPeriod('subscribers / customers'),
  })
  .describe('subscription datasets only');

/** {@link DatasetCohortReport} (`metric.cohorts`): the CLI's `upsell cohorts --format json` plus which data. */
export const DatasetCohortReportSchema = z.object({
  period: z.enum(PERIOD_UNITS),
  timeZone: z.string(),
  by: z.array(z.string()),
  asOf: z
    .string()
    .nullable()
    .describe(
      "the local date of the data's last line (subscriptions: latest start or end): the censoring date",
    ),
  periodsSince: z.number().int(),
  cohorts: z.array(
    z.object({
      cohort: z.string(),
      customers: z.number().int(),
      upsold: z.array(z.number().int()).describe('customers upsold by k periods since, k = 0, 1, ...'),
      share: z.array(z.number()).describe('upsold[k] / customers'),
      revenue: CohortRevenueSchema.optional(),
    }),
  ),
  currency: z
    .string()
    .optional()
    .describe("subscription datasets: the reporting currency of the cohorts' revenue"),
  timeToFirstUpsell: z.array(
    z.object({
      segment: z.record(z.string(), z.string()),
      subjects: z.number().int(),
      events: z.number().int(),
      censored: z.number().int(),
      curve: z.array(
        z.object({
          time: z.number().int().describe('days since the initial order (the first subscription)'),
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
