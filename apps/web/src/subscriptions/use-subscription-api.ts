import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MetricResult, MrrMovementsResult, SubscriptionDrillDown } from '@upsell/core';
import { useTRPC, useTRPCClient } from '../api/trpc.ts';
import { DRILL_PAGE_SIZE } from '../dashboard/drill-down-input.ts';
import type { SubscriptionDrillTarget } from './subscription-drill-target.ts';
import { movementsDefinition, rateDefinition, type SubscriptionView } from './subscription-view.ts';

/**
 * The subscription procedures as the server helper is adding them (issue 11). Until they are in
 * the router's type this names them here; the calls are the router's own.
 */
interface SubscriptionProcedures {
  metric: {
    movements: {
      query(input: {
        dataset: string;
        definition: ReturnType<typeof movementsDefinition>;
      }): Promise<MrrMovementsResult>;
    };
    movementCustomers: {
      query(input: ReturnType<typeof movementCustomersInput>): Promise<SubscriptionDrillDown>;
    };
  };
}

/** `metric.movementCustomers`' input for a drill target of a view, one page. */
export function movementCustomersInput(
  dataset: string,
  view: SubscriptionView,
  target: SubscriptionDrillTarget,
  offset: number,
) {
  const { period: _unit, by: _by, ...definition } = rateDefinition(view, target.rule ?? 'expansion');
  return {
    dataset,
    definition: { ...definition, by: Object.keys(target.segment) },
    period: target.period,
    segment: target.segment,
    figure: target.figure,
    offset,
    limit: DRILL_PAGE_SIZE,
  };
}

/** The bridge of a view (`metric.movements`), all customers or by the view's segments. */
export function useMovements(dataset: string, view: SubscriptionView, segmented: boolean, enabled: boolean) {
  const client = useTRPCClient() as unknown as SubscriptionProcedures;
  const input = { dataset, definition: movementsDefinition(view, segmented) };
  return useQuery({
    queryKey: ['metric.movements', input],
    queryFn: () => client.metric.movements.query(input),
    enabled,
    placeholderData: segmented ? undefined : keepPreviousData,
  });
}

/** The subscription upsell rate (`expansion`) or the upgrade rate of a view (`metric.query`). */
export function useSubscriptionRate(
  dataset: string,
  view: SubscriptionView,
  rule: 'expansion' | 'upgrade',
  enabled: boolean,
) {
  const trpc = useTRPC();
  return useQuery(
    trpc.metric.query.queryOptions({ dataset, definition: rateDefinition(view, rule) }, { enabled }),
  ) as {
    data: MetricResult | undefined;
  };
}

/** One page of the customers behind a drill target (`metric.movementCustomers`). */
export function useMovementCustomers(
  dataset: string,
  view: SubscriptionView,
  target: SubscriptionDrillTarget,
  offset: number,
) {
  const client = useTRPCClient() as unknown as SubscriptionProcedures;
  const input = movementCustomersInput(dataset, view, target, offset);
  return useQuery({
    queryKey: ['metric.movementCustomers', input],
    queryFn: () => client.metric.movementCustomers.query(input),
    placeholderData: keepPreviousData,
  });
}
