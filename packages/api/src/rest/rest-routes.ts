import { METRICS, parseInactiveAfter } from '@upsell/core';
import { z } from 'zod';
import {
  AlertDeliveriesFieldsSchema,
  AlertHistoryFieldsSchema,
  AlertListFieldsSchema,
} from '../schemas/alert-inputs.ts';
import { AlertDeliverySchema, AlertFiringSchema, AlertRuleSchema } from '../schemas/alert-schemas.ts';
import { DatasetCohortReportSchema } from '../schemas/cohort-schemas.ts';
import { IdOrNameSchema } from '../schemas/common-inputs.ts';
import { RowErrorsInputSchema } from '../schemas/dataset-inputs.ts';
import {
  DatasetSummarySchema,
  ImportProgressSchema,
  RowErrorsPageSchema,
} from '../schemas/dataset-schemas.ts';
import {
  CompareCustomersInputSchema,
  CompareInputSchema,
  CompareMovementCustomersInputSchema,
  DefinitionFieldsSchema,
  DrillDownDefinitionSchema,
  DrillDownRowSchema,
  MovementCustomersInputSchema,
  MovementDrillDownDefinitionSchema,
  MovementsInputSchema,
} from '../schemas/metric-inputs.ts';
import {
  ComparisonSchema,
  CustomerComparisonSchema,
  DatasetHeadlineSchema,
  DatasetMetricResultSchema,
  DatasetMovementsResultSchema,
  DrillDownSchema,
  RateChangeExplanationSchema,
  SubscriberComparisonSchema,
  SubscriptionDrillDownSchema,
} from '../schemas/metric-schemas.ts';
import {
  HealthSchema,
  SavedDefinitionSchema,
  TargetSchema,
  TokenIdentitySchema,
  TokenSchema,
} from '../schemas/record-schemas.ts';
import { DatasetRetentionResultSchema, RetentionDefinitionSchema } from '../schemas/retention-schemas.ts';
import { UpsellTargetProjectionSchema } from '../schemas/whatif-schemas.ts';
import { defineRestRoute, type RestRoute } from './rest-route.ts';

const NoParams = z.object({});
const NoQuery = z.object({});
const IdParams = z.object({ id: IdOrNameSchema.describe('id or name') });

/**
 * The REST routes: every read procedure (and `metric.compare`, a read that takes two
 * definitions, as a POST with a JSON body), for curl and other HTTP clients. The host mounts them
 * under `/api` and calls them with {@link callRestRoute}.
 */
export const restRoutes: readonly RestRoute[] = [
  defineRestRoute({
    method: 'GET',
    path: '/health',
    procedure: 'health',
    summary: 'Whether the server is up, its version and its database',
    params: NoParams,
    query: NoQuery,
    output: { name: 'Health', schema: HealthSchema },
    input: () => undefined,
  }),
  defineRestRoute({
    method: 'GET',
    path: '/datasets',
    procedure: 'dataset.list',
    summary: 'All datasets',
    params: NoParams,
    query: NoQuery,
    output: { name: 'DatasetList', schema: z.array(DatasetSummarySchema) },
    input: () => undefined,
  }),
  defineRestRoute({
    method: 'GET',
    path: '/datasets/{id}',
    procedure: 'dataset.byId',
    summary: 'A dataset: rows, customers, columns, date range, tiers, families, dimensions, files',
    params: IdParams,
    query: NoQuery,
    output: { name: 'DatasetSummary', schema: DatasetSummarySchema },
    input: ({ params }) => ({ id: params.id }),
  }),
  defineRestRoute({
    method: 'GET',
    path: '/datasets/{id}/headline',
    procedure: 'dataset.headline',
    summary:
      "A dataset at a glance: the last period's rate under the default definition, and the rate by period",
    params: IdParams,
    query: NoQuery,
    output: { name: 'DatasetHeadline', schema: DatasetHeadlineSchema },
    input: ({ params }) => ({ id: params.id }),
  }),
  defineRestRoute({
    method: 'GET',
    path: '/datasets/{id}/errors',
    procedure: 'dataset.errors',
    summary: "The rejected rows of a dataset's files, paged",
    params: IdParams,
    query: RowErrorsInputSchema.omit({ id: true }),
    output: { name: 'RowErrorsPage', schema: RowErrorsPageSchema },
    input: ({ params, query }) => ({ ...query, id: params.id }),
  }),
  defineRestRoute({
    method: 'GET',
    path: '/datasets/{id}/metric',
    procedure: 'metric.query',
    summary: "A metric per period and segment (the CLI's `upsell rate --format json`)",
    description:
      'Each definition field is a query parameter: `?metric=customer-upsell-rate&period=month&by=region,plan&target=0.2`. ' +
      'Without `target`, the saved target of the metric for all customers applies.',
    params: IdParams,
    query: DefinitionFieldsSchema,
    output: { name: 'DatasetMetricResult', schema: DatasetMetricResultSchema },
    input: ({ params, query }) => ({ dataset: params.id, definition: query }),
  }),
  defineRestRoute({
    method: 'GET',
    path: '/datasets/{id}/explain',
    procedure: 'metric.explain',
    summary:
      "Why the rate moved between two periods: each segment's rate effect and mix effect (`upsell explain --format json`)",
    description:
      'The definition fields are query parameters as for the metric (`?period=quarter&by=channel`); the periods compared are the first and last of `from`/`to` when either is given, else the last two.',
    params: IdParams,
    query: DefinitionFieldsSchema,
    output: { name: 'RateChangeExplanation', schema: RateChangeExplanationSchema },
    input: ({ params, query }) => ({ dataset: params.id, definition: query }),
  }),
  defineRestRoute({
    method: 'GET',
    path: '/datasets/{id}/whatif',
    procedure: 'metric.whatif',
    summary:
      'What raising the upsell rate to a target would be worth per period and per year, with its interval and assumptions (`upsell whatif --format json`)',
    description:
      'The definition fields are query parameters as for the metric; `target` (a fraction, `?target=0.22&period=month`) is the rate projected to, by default the saved target, else 0.2.',
    params: IdParams,
    query: DefinitionFieldsSchema,
    output: { name: 'UpsellTargetProjection', schema: UpsellTargetProjectionSchema },
    input: ({ params, query }) => {
      const { target, ...definition } = query;
      return { dataset: params.id, definition, ...(target === undefined ? {} : { target }) };
    },
  }),
  defineRestRoute({
    method: 'GET',
    path: '/datasets/{id}/retention',
    procedure: 'metric.retention',
    summary:
      "A purchase dataset's retention KPIs per period and segment (the CLI's `upsell retention --format json`)",
    description:
      'The definition fields are query parameters (`?period=month&by=channel`), and `inactiveAfter` the days without an order after which a customer churns (`90`, `90d`, or `none`; default 90). Connected (SQL) datasets answer NOT_SUPPORTED.',
    params: IdParams,
    query: RetentionDefinitionSchema.extend({
      inactiveAfter: z
        .string()
        .regex(/^(\d{1,5}d?|none)$/)
        .optional(),
    }),
    output: { name: 'DatasetRetentionResult', schema: DatasetRetentionResultSchema },
    input: ({ params, query: { inactiveAfter, ...definition } }) => ({
      dataset: params.id,
      definition,
      ...(inactiveAfter === undefined ? {} : { inactiveAfterDays: parseInactiveAfter(inactiveAfter) }),
    }),
  }),
  defineRestRoute({
    method: 'GET',
    path: '/datasets/{id}/cohorts',
    procedure: 'metric.cohorts',
    summary:
      'Acquisition cohorts by periods since (share upsold) and the Kaplan-Meier days to first upsell (`upsell cohorts --format json`)',
    description:
      "The definition fields are query parameters as for the metric (`?period=month&by=channel`); `from`/`to` choose the cohorts. A subscription dataset's cohorts are by first subscription, each with its `revenue` (MRR, net and gross revenue retention, subscribers) and the report its `currency`; its `rule` is a subscription rule (expansion, upgrade, add_on, quantity). Datasets of files only: connected datasets are refused with 400 (NOT_SUPPORTED).",
    params: IdParams,
    query: DefinitionFieldsSchema,
    output: { name: 'DatasetCohortReport', schema: DatasetCohortReportSchema },
    input: ({ params, query }) => ({ dataset: params.id, definition: query }),
  }),
  defineRestRoute({
    method: 'GET',
    path: '/datasets/{id}/movements',
    procedure: 'metric.movements',
    summary:
      "A subscription dataset's MRR bridge per period and segment (the CLI's `upsell mrr --format json`)",
    description:
      'The definition fields are query parameters: `?period=month&timeZone=UTC&by=region&from=2024-01`.',
    params: IdParams,
    query: MovementsInputSchema.shape.definition.unwrap(),
    output: { name: 'DatasetMovementsResult', schema: DatasetMovementsResultSchema },
    input: ({ params, query }) => ({ dataset: params.id, definition: query }),
  }),
  defineRestRoute({
    method: 'GET',
    path: '/datasets/{id}/movement-customers',
    procedure: 'metric.movementCustomers',
    summary: 'The customers and movements behind one figure of a subscription dataset, paged',
    description:
      "`figure` is a bridge figure (`new`, `reactivation`, `expansion`, `contraction`, `churn`, `start`, `end`) or the rate's `eligible` / `qualifying`; " +
      "`period` is the row's label (`2024-03`; its form gives the unit), `segment[region]=EU` its segment; the other definition fields (`rule`, `eligible`, ...) are query parameters.",
    params: IdParams,
    query: MovementDrillDownDefinitionSchema.extend(
      MovementCustomersInputSchema.omit({ dataset: true, definition: true }).shape,
    ),
    output: { name: 'SubscriptionDrillDown', schema: SubscriptionDrillDownSchema },
    input: ({ params, query }) => {
      const { period, segment, figure, offset, limit, search, ...definition } = query;
      return { dataset: params.id, definition, period, segment, figure, offset, limit, search };
    },
  }),
  defineRestRoute({
    method: 'GET',
    path: '/datasets/{id}/customers',
    procedure: 'metric.customers',
    summary: 'The customers (or lines) behind one row, paged',
    description:
      "`period` is the row's label (`2024-Q1`; its form gives the unit), `segment[region]=EU` its segment; " +
      'the other definition fields are query parameters as for the metric.',
    params: IdParams,
    query: DrillDownDefinitionSchema.extend(DrillDownRowSchema.shape),
    output: { name: 'DrillDown', schema: DrillDownSchema },
    input: ({ params, query }) => {
      const { period, segment, offset, limit, search, ...definition } = query;
      return { dataset: params.id, definition, period, segment, offset, limit, search };
    },
  }),
  defineRestRoute({
    method: 'POST',
    path: '/datasets/{id}/compare',
    procedure: 'metric.compare',
    summary: 'Two definitions over the same data, row by row',
    params: IdParams,
    query: NoQuery,
    body: CompareInputSchema.omit({ dataset: true }),
    output: { name: 'Comparison', schema: ComparisonSchema },
    input: ({ params, body }) => ({ ...body, dataset: params.id }),
  }),
  defineRestRoute({
    method: 'POST',
    path: '/datasets/{id}/compare/customers',
    procedure: 'metric.compareCustomers',
    summary: "The customers counted in one definition's numerator and not the other's, for one row, paged",
    description:
      "`side` is `a-only` (in A's numerator and not B's) or `b-only`; `period` is the row's label and `segment` its segment, as for the customers route.",
    params: IdParams,
    query: NoQuery,
    body: CompareCustomersInputSchema.omit({ dataset: true }),
    output: { name: 'CustomerComparison', schema: CustomerComparisonSchema },
    input: ({ params, body }) => ({ ...body, dataset: params.id }),
  }),
  defineRestRoute({
    method: 'POST',
    path: '/datasets/{id}/compare/movement-customers',
    procedure: 'metric.compareMovementCustomers',
    summary:
      "The subscribers counted in one subscription upsell rate's numerator and not the other's, for one row, paged",
    description:
      "A subscription dataset's compare/customers: A and B are subscription drill-down definitions (`rule`, `eligible`, ...); `side`, `period` and `segment` as there.",
    params: IdParams,
    query: NoQuery,
    body: CompareMovementCustomersInputSchema.omit({ dataset: true }),
    output: { name: 'SubscriberComparison', schema: SubscriberComparisonSchema },
    input: ({ params, body }) => ({ ...body, dataset: params.id }),
  }),
  defineRestRoute({
    method: 'GET',
    path: '/imports',
    procedure: 'dataset.importProgress',
    summary: 'Imports in flight',
    params: NoParams,
    query: NoQuery,
    output: { name: 'ImportProgressList', schema: z.array(ImportProgressSchema) },
    input: () => undefined,
  }),
  defineRestRoute({
    method: 'GET',
    path: '/definitions',
    procedure: 'definition.list',
    summary: 'All saved definitions',
    params: NoParams,
    query: NoQuery,
    output: { name: 'SavedDefinitionList', schema: z.array(SavedDefinitionSchema) },
    input: () => undefined,
  }),
  defineRestRoute({
    method: 'GET',
    path: '/definitions/{id}',
    procedure: 'definition.byId',
    summary: 'A saved definition',
    params: IdParams,
    query: NoQuery,
    output: { name: 'SavedDefinition', schema: SavedDefinitionSchema },
    input: ({ params }) => ({ id: params.id }),
  }),
  defineRestRoute({
    method: 'GET',
    path: '/targets',
    procedure: 'target.list',
    summary: "All targets, or a metric's",
    params: NoParams,
    query: z.object({ metric: z.enum(METRICS).optional() }),
    output: { name: 'TargetList', schema: z.array(TargetSchema) },
    input: ({ query }) => query,
  }),
  defineRestRoute({
    method: 'GET',
    path: '/tokens/me',
    procedure: 'token.me',
    summary: "The calling token's name and role",
    params: NoParams,
    query: NoQuery,
    output: { name: 'TokenIdentity', schema: TokenIdentitySchema },
    input: () => undefined,
  }),
  defineRestRoute({
    method: 'GET',
    path: '/sources',
    procedure: 'source.list',
    summary: 'The connected datasets, each with where it lives (the password of its URL as ***)',
    params: NoParams,
    query: NoQuery,
    output: { name: 'ConnectedDatasetList', schema: z.array(DatasetSummarySchema) },
    input: () => undefined,
  }),
  defineRestRoute({
    method: 'GET',
    path: '/tokens',
    procedure: 'token.list',
    summary: 'All tokens, revoked ones included (never the tokens themselves)',
    params: NoParams,
    query: NoQuery,
    output: { name: 'TokenList', schema: z.array(TokenSchema) },
    input: () => undefined,
  }),
  defineRestRoute({
    method: 'GET',
    path: '/alerts',
    procedure: 'alert.list',
    summary: "Alert rules, or a dataset's (never a secret; the webhook's path only for admins)",
    params: NoParams,
    query: AlertListFieldsSchema,
    output: { name: 'AlertRuleList', schema: z.array(AlertRuleSchema) },
    input: ({ query }) => query,
  }),
  defineRestRoute({
    method: 'GET',
    path: '/alerts/firings',
    procedure: 'alert.firings',
    summary: "Alert firings, newest first, with their delivery status: a dataset's, a rule's, or all",
    params: NoParams,
    query: AlertHistoryFieldsSchema,
    output: { name: 'AlertFiringList', schema: z.array(AlertFiringSchema) },
    input: ({ query }) => query,
  }),
  defineRestRoute({
    method: 'GET',
    path: '/alerts/deliveries',
    procedure: 'alert.deliveries',
    summary: 'Webhook delivery attempts, newest first, with what the receiver answered',
    params: NoParams,
    query: AlertDeliveriesFieldsSchema,
    output: { name: 'AlertDeliveryList', schema: z.array(AlertDeliverySchema) },
    input: ({ query }) => query,
  }),
];
