import { METRICS } from '@upsell/core';
import { deleteTarget, listTargets, setTarget } from '@upsell/db';
import { z } from 'zod';
import { IdSchema, SegmentSchema } from '../schemas/common-inputs.ts';
import { adminProcedure, router, viewerProcedure } from '../trpc.ts';

/**
 * `target.*`: target rates per metric and segment. `metric.query` applies a metric's target for
 * all customers (segment `{}`) when its definition has none.
 */
export const targetRouter = router({
  list: viewerProcedure
    .input(z.object({ metric: z.enum(METRICS).optional() }).prefault({}))
    .query(({ ctx, input }) => listTargets(ctx.db, input)),
  /** Sets (or replaces) the target of a metric for a segment; `{}` is all customers. */
  set: adminProcedure
    .input(
      z.object({
        metric: z.enum(METRICS),
        segment: SegmentSchema.default({}),
        rate: z.number().min(0).max(1),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const target = await setTarget(ctx.db, input);
      ctx.caches.targets.clear();
      return target;
    }),
  delete: adminProcedure.input(z.object({ id: IdSchema })).mutation(async ({ ctx, input }) => {
    await deleteTarget(ctx.db, input.id);
    ctx.caches.targets.clear();
  }),
});
