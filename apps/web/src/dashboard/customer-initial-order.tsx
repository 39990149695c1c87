import type { DrillDownCustomer } from './api-types.ts';
import { formatTimestamp } from './format-metric.ts';

/**
 * The line under a drill-down customer's name: when their initial order was, in the definition's
 * zone (the exact time on hover), and their segment values.
 *
 * @example
 * <CustomerInitialOrder customer={customer} timeZone="Europe/Paris" />
 */
export function CustomerInitialOrder({
  customer,
  timeZone,
}: {
  customer: Pick<DrillDownCustomer, 'initialOrderAt' | 'segment'>;
  timeZone?: string | undefined;
}) {
  return (
    <p className="hint">
      Initial order{' '}
      <time dateTime={customer.initialOrderAt} title={customer.initialOrderAt}>
        {formatTimestamp(customer.initialOrderAt, timeZone)}
      </time>
      {customer.segment.length > 0 ? ` · segment ${customer.segment.join(' · ')}` : ''}
    </p>
  );
}
