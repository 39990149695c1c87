import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc.ts';
import { DRILL_PAGE_SIZE } from '../dashboard/drill-down-input.ts';
import type { ShownRule, SubscriptionDrillTarget } from './subscription-drill-target.ts';
import { movementsDefinition, rateDefinition, type SubscriptionView } from './subscription-view.ts';

/**
 * `metric.movementCustomers`' input for a drill target of a view, one page: the rate's
 * definition (its rule says who qualifies) without the period unit (the row's label gives it),
 * segmented by the segment's names.
 *
 * @example
 * movementCustomersInput('saas', view, { period: '2024-03', segment: {}, figure: 'expansion' }, 0).figure // 'expansion'
 */
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
  const trpc = useTRPC();
  return useQuery(
    trpc.metric.movements.queryOptions(
      { dataset, definition: movementsDefinition(view, segmented) },
      // The previous bridge stays (marked as updating) while a changed view computes.
      { enabled, placeholderData: segmented ? undefined : keepPreviousData },
    ),
  );
}

/** The subscription upsell rate (`expansion`) or the upgrade rate of a view (`metric.query`). */
export function useSubscriptionRate(
  dataset: string,
  view: SubscriptionView,
  rule: ShownRule,
  enabled: boolean,
) {
  const trpc = useTRPC();
  return useQuery(
    trpc.metric.query.queryOptions({ dataset, definition: rateDefinition(view, rule) }, { enabled }),
  );
}

/**
 * The subscription upsell rate (`expansion`) by the view's segments, for the waterfall of why it
 * moved between the last two periods.
 */
export function useSegmentedSubscriptionRate(dataset: string, view: SubscriptionView, enabled: boolean) {
  const trpc = useTRPC();
  return useQuery(
    trpc.metric.query.queryOptions(
      { dataset, definition: { ...rateDefinition(view, 'expansion'), by: [...view.by] } },
      { enabled },
    ),
  );
}

/** One page of the customers behind a drill target (`metric.movementCustomers`). */
export function useMovementCustomers(
  dataset: string,
  view: SubscriptionView,
  target: SubscriptionDrillTarget,
  offset: number,
) {
  const trpc = useTRPC();
  return useQuery(
    trpc.metric.movementCustomers.queryOptions(movementCustomersInput(dataset, view, target, offset), {
      placeholderData: keepPreviousData,
    }),
  );
}
