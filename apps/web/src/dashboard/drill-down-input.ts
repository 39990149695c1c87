import type { CustomersInput } from './api-types.ts';
import { type DashboardDefinition, toDefinitionInput } from './dashboard-definition.ts';
import type { DrillTarget } from './drill-target.ts';

/** Customers (or lines) per page of a drill-down. */
export const DRILL_PAGE_SIZE = 20;

/**
 * `metric.customers`' input for a row: the definition without its period unit (the row's label
 * gives it) and without `by` (the segment's names give it).
 */
export function drillDownInput(
  dataset: string,
  definition: DashboardDefinition,
  target: DrillTarget,
  page: { offset: number; search: string },
): CustomersInput {
  const { period: _unit, by: _by, ...rest } = toDefinitionInput({ ...definition, metric: target.metric });
  const input: CustomersInput = {
    dataset,
    definition: rest,
    period: target.period,
    segment: target.segment,
    offset: page.offset,
    limit: DRILL_PAGE_SIZE,
  };
  if (page.search !== '') input.search = page.search;
  return input;
}
