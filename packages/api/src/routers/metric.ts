import { applyMetricDefaults, explainRateChange, periodUnitOfLabel, projectUpsellTarget } from '@upsell/core';
import { applySavedTarget } from '../apply-saved-target.ts';
import {
  CompareCustomersInputSchema,
  CompareInputSchema,
  CompareMovementCustomersInputSchema,
  CustomersInputSchema,
  MovementCustomersInputSchema,
  MovementsInputSchema,
  QueryInputSchema,
} from '../schemas/metric-inputs.ts';
import { RetentionInputSchema } from '../schemas/retention-schemas.ts';
import { WhatIfInputSchema } from '../schemas/whatif-schemas.ts';
import { router, viewerProcedure } from '../trpc.ts';

/** The what-if target without one given or saved: where the strong band starts. */
const DEFAULT_WHATIF_TARGET = 0.2;

/** `metric.*`: rates of a dataset under any definition, the customers behind a row, comparisons. */
export const metricRouter = router({
  /**
   * The metric per period and segment: the CLI's `upsell rate --format json`, plus the dataset
   * version. Without a `target`, the saved target of the metric for all customers applies.
   */
  query: viewerProcedure
    .input(QueryInputSchema)
    .query(async ({ ctx, input }) =>
      ctx.store.query(input.dataset, await applySavedTarget(ctx.db, input.definition, ctx.caches.targets)),
    ),
  /**
   * A subscription dataset's MRR bridge per period and segment: the spec's JSON (`upsell mrr
   * --format json`), plus the dataset version.
   */
  movements: viewerProcedure
    .input(MovementsInputSchema)
    .query(({ ctx, input }) => ctx.store.movements(input.dataset, input.definition)),
  /**
   * The customers and movements behind one figure of a subscription dataset (a bridge figure, or
   * the rate's eligible or qualifying customers) for one row, paged: `value` is the figure's exact
   * sum in cents, so it equals the bar it came from.
   */
  movementCustomers: viewerProcedure.input(MovementCustomersInputSchema).query(({ ctx, input }) => {
    const { dataset, definition, period, segment = {}, figure, ...page } = input;
    const full = applyMetricDefaults({
      ...definition,
      metric: definition.metric ?? 'subscription-upsell-rate',
      period: periodUnitOfLabel(period),
      by: definition.by ?? Object.keys(segment),
    });
    return ctx.store.movementCustomers(dataset, full, { period, segment, figure }, page);
  }),
  /**
   * The customers (or lines) behind one row of a purchase dataset, paged: the CLI's `upsell
   * customers --format json` (a subscription dataset's are `movementCustomers`).
   */
  customers: viewerProcedure.input(CustomersInputSchema).query(({ ctx, input }) => {
    const { dataset, definition, period, segment = {}, ...page } = input;
    const full = {
      ...definition,
      period: periodUnitOfLabel(period),
      by: definition.by ?? Object.keys(segment),
    };
    return ctx.store.customers(dataset, full, { period, segment }, page);
  }),
  /** The customers counted in one definition's numerator and not the other's, for one row, paged. */
  compareCustomers: viewerProcedure.input(CompareCustomersInputSchema).query(({ ctx, input }) => {
    const { dataset, a, b, period, segment = {}, side, ...page } = input;
    const full = (definition: typeof a) => ({
      ...definition,
      period: periodUnitOfLabel(period),
      by: definition.by ?? Object.keys(segment),
    });
    return ctx.store.compareCustomers(dataset, full(a), full(b), { period, segment }, side, page);
  }),
  /**
   * A subscription dataset's `compareCustomers`: the subscribers in one subscription upsell
   * rate's numerator and not the other's, for one row, paged, with their movements on both sides.
   */
  compareMovementCustomers: viewerProcedure
    .input(CompareMovementCustomersInputSchema)
    .query(({ ctx, input }) => {
      const { dataset, a, b, period, segment = {}, side, ...page } = input;
      const full = (definition: typeof a) =>
        applyMetricDefaults({
          ...definition,
          metric: definition.metric ?? 'subscription-upsell-rate',
          period: periodUnitOfLabel(period),
          by: definition.by ?? Object.keys(segment),
        });
      return ctx.store.compareMovementCustomers(dataset, full(a), full(b), { period, segment }, side, page);
    }),
  /**
   * Why the rate moved between two periods (`upsell explain --format json`): the change split into
   * each segment's rate effect and mix effect, exactly. The periods are the first and last of the
   * definition's `from`/`to` when either is given, else the result's last two.
   */
  explain: viewerProcedure.input(QueryInputSchema).query(async ({ ctx, input }) => {
    return explainRateChange(await ctx.store.query(input.dataset, input.definition));
  }),
  /**
   * What raising the rate to `target` would be worth per period and per year (`upsell whatif
   * --format json`): upsell revenue for a customer upsell rate, expansion MRR and ARR for a
   * subscription upsell rate (valued from the dataset's MRR bridge of the same definition).
   */
  whatif: viewerProcedure.input(WhatIfInputSchema).query(async ({ ctx, input }) => {
    const definition = await applySavedTarget(ctx.db, input.definition, ctx.caches.targets);
    const result = await ctx.store.query(input.dataset, definition);
    const target = (input.target ?? definition.target ?? DEFAULT_WHATIF_TARGET) * 100;
    if (result.metric !== 'subscription-upsell-rate') return projectUpsellTarget(result, { target });
    const { period, timeZone, by, from, to, fiscalYearStart } = result.definition;
    const movements = await ctx.store.movements(input.dataset, {
      period,
      timeZone,
      by,
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
      ...(fiscalYearStart === undefined ? {} : { fiscalYearStart }),
    });
    return projectUpsellTarget(result, { target, movements });
  }),
  /**
   * A purchase dataset's retention KPIs per period and segment (`upsell retention --format
   * json`), with `drill` the ids of the customers behind one KPI of one period and segment.
   */
  retention: viewerProcedure
    .input(RetentionInputSchema)
    .query(({ ctx, input }) =>
      ctx.store.retention(input.dataset, input.definition, input.inactiveAfterDays, input.drill),
    ),
  /**
   * A dataset's acquisition cohorts by periods since (the cumulative share upsold; for subscriptions
   * also MRR, net and gross revenue retention and subscribers) and
   * the Kaplan-Meier days to first upsell per segment (`upsell cohorts --format json`).
   */
  cohorts: viewerProcedure
    .input(QueryInputSchema)
    .query(({ ctx, input }) => ctx.store.cohorts(input.dataset, input.definition)),
  /** Two definitions over the same data, row by row (purchase metrics, or two subscription upsell rates). */
  compare: viewerProcedure
    .input(CompareInputSchema)
    .query(({ ctx, input }) => ctx.store.compare(input.dataset, input.a, input.b)),
});
