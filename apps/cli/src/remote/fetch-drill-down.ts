import {
  type DefinitionInput,
  type DrillDown,
  type SubscriptionDrillDown,
  SubscriptionDrillDownSchema,
  type SubscriptionDrillFigure,
} from '@upsell/core';
import type { DatasetSource } from './metric-source.ts';
import { inKeyOrderOf } from './query-metric.ts';

/** The most customers (or lines) the server gives in one page. */
const SERVER_PAGE = 1000;

/** The row of a drill-down: its period label and segment, and the definition without the period unit. */
export interface DrillDownRequest {
  definition: Omit<DefinitionInput, 'period'>;
  period: string;
  segment: Record<string, string>;
}

/**
 * The first `limit` customers (lines for the purchase up-sell rate) behind a row of a dataset on a
 * server, as one {@link DrillDown} from offset 0: the server gives at most 1,000 a call, so
 * larger limits (Infinity for all) take several.
 *
 * @example
 * await fetchDrillDown(source, { definition: { by: [] }, period: '2024-Q1', segment: {} }, 20)
 */
export async function fetchDrillDown(
  source: DatasetSource,
  request: DrillDownRequest,
  limit: number,
): Promise<DrillDown> {
  const page = (offset: number, wanted: number) =>
    source.connection.client.metric.customers.query({
      dataset: source.dataset,
      ...request,
      offset,
      // The server takes 1 to 1,000; a limit of 0 asks for one and keeps none.
      limit: Math.max(1, Math.min(SERVER_PAGE, wanted)),
    });
  const first = await page(0, limit);
  const wanted = Math.min(limit, first.total);
  const rest = async <T>(items: T[], pick: (drillDown: DrillDown) => T[] | undefined): Promise<T[]> => {
    while (items.length < wanted) {
      const next = pick(await page(items.length, wanted - items.length)) ?? [];
      if (next.length === 0) break;
      items.push(...next);
    }
    return items.slice(0, wanted);
  };
  if (first.lines !== undefined) return { ...first, lines: await rest([...first.lines], (d) => d.lines) };
  return { ...first, customers: await rest([...(first.customers ?? [])], (d) => d.customers) };
}

/** The row and figure of a subscription drill-down, as {@link fetchSubscriptionDrillDown} asks for it. */
export interface SubscriptionDrillDownRequest extends DrillDownRequest {
  figure: SubscriptionDrillFigure;
}

/**
 * The first `limit` customers behind a figure of a subscription dataset on a server
 * (`metric.movementCustomers`), as one {@link SubscriptionDrillDown} from offset 0, in pages of
 * at most 1,000 as the server gives them.
 *
 * @example
 * await fetchSubscriptionDrillDown(source, { definition: { by: [] }, period: '2024-03', segment: {}, figure: 'expansion' }, 20)
 */
export async function fetchSubscriptionDrillDown(
  source: DatasetSource,
  request: SubscriptionDrillDownRequest,
  limit: number,
): Promise<SubscriptionDrillDown> {
  const page = async (offset: number, wanted: number): Promise<SubscriptionDrillDown> => {
    const answer = await source.connection.client.metric.movementCustomers.query({
      dataset: source.dataset,
      ...request,
      offset,
      limit: Math.max(1, Math.min(SERVER_PAGE, wanted)),
    });
    // What the server adds is dropped, and the keys keep the server's order: the JSON printed is the offline JSON.
    return inKeyOrderOf(SubscriptionDrillDownSchema.parse(answer), answer);
  };
  const first = await page(0, limit);
  const wanted = Math.min(limit, first.total);
  const customers = [...first.customers];
  while (customers.length < wanted) {
    const next = (await page(customers.length, wanted - customers.length)).customers;
    if (next.length === 0) break;
    customers.push(...next);
  }
  return { ...first, customers: customers.slice(0, wanted) };
}
