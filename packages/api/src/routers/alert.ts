import { DatasetStoreError } from '@upsell/datasets';
import {
  type AlertRuleRow,
  deleteAlertRule,
  listAlertDeliveries,
  listAlertFirings,
  listAlertRules,
} from '@upsell/db';
import { z } from 'zod';
import type { AlertService } from '../alerts/alert-service.ts';
import type { AppContext } from '../context.ts';
import {
  AlertDeliveriesInputSchema,
  AlertHistoryInputSchema,
  AlertListInputSchema,
  CreateAlertInputSchema,
} from '../schemas/alert-inputs.ts';
import { IdSchema } from '../schemas/common-inputs.ts';
import { adminProcedure, router, viewerProcedure } from '../trpc.ts';

function requireAlerts(ctx: AppContext): AlertService {
  if (ctx.alerts === undefined) {
    throw new DatasetStoreError('NOT_CONFIGURED', 'this server runs without alerts');
  }
  return ctx.alerts;
}

/**
 * A webhook URL as a non-admin sees it: its origin only. The path of many webhooks (Slack's,
 * for one) is itself a secret that lets anyone post.
 */
const shownUrl = (rule: AlertRuleRow, role: string): AlertRuleRow =>
  role === 'admin' ? rule : { ...rule, url: `${new URL(rule.url).origin}/…` };

/** A dataset named by id or name, as its id (NOT_FOUND when there is none). */
const datasetIdOf = async (ctx: AppContext, idOrName: string | undefined) =>
  idOrName === undefined ? undefined : (await ctx.store.get(idOrName)).id;

/**
 * `alert.*`: alert rules on a dataset and definition, their firings and delivery attempts.
 * Everyone who reads datasets sees rules (the webhook URL's path only for admins), firings and
 * deliveries; only admins create, delete and test rules, since a rule makes the server send
 * requests to a URL of their choosing.
 */
export const alertRouter = router({
  /** The rules, oldest first; a dataset's when given. Never a secret. */
  list: viewerProcedure.input(AlertListInputSchema).query(async ({ ctx, input }) => {
    const datasetId = await datasetIdOf(ctx, input.dataset);
    const rules = await listAlertRules(ctx.db, datasetId === undefined ? {} : { datasetId });
    return rules.map((rule) => shownUrl(rule, ctx.identity.role));
  }),
  /**
   * A new rule; it is evaluated at once. `secret` (`whsec_...`), which signs its webhooks, is
   * shown this once and kept sealed under UPSELL_SECRET_KEY.
   */
  create: adminProcedure.input(CreateAlertInputSchema).mutation(async ({ ctx, input }) => {
    const alerts = requireAlerts(ctx);
    const { dataset, ...rule } = input;
    return alerts.createRule({ ...rule, datasetId: (await ctx.store.get(dataset)).id });
  }),
  /** Removes a rule with its firings and deliveries. */
  delete: adminProcedure
    .input(z.object({ id: IdSchema }))
    .mutation(({ ctx, input }) => deleteAlertRule(ctx.db, input.id)),
  /** Sends a test payload (`type: alert.test`) now, once, and answers how it went. */
  test: adminProcedure
    .input(z.object({ id: IdSchema }))
    .mutation(({ ctx, input }) => requireAlerts(ctx).sendTest(input.id)),
  /** Firings, newest first, with their delivery status. */
  firings: viewerProcedure.input(AlertHistoryInputSchema).query(async ({ ctx, input }) => {
    const datasetId = await datasetIdOf(ctx, input.dataset);
    return listAlertFirings(ctx.db, {
      ...(datasetId === undefined ? {} : { datasetId }),
      ...(input.rule === undefined ? {} : { ruleId: input.rule }),
      ...(input.limit === undefined ? {} : { limit: input.limit }),
    });
  }),
  /** Delivery attempts, newest first: what each receiver answered. */
  deliveries: viewerProcedure.input(AlertDeliveriesInputSchema).query(async ({ ctx, input }) => {
    const datasetId = await datasetIdOf(ctx, input.dataset);
    return listAlertDeliveries(ctx.db, {
      ...(datasetId === undefined ? {} : { datasetId }),
      ...(input.rule === undefined ? {} : { ruleId: input.rule }),
      ...(input.firing === undefined ? {} : { firingId: input.firing }),
      ...(input.limit === undefined ? {} : { limit: input.limit }),
    });
  }),
});
