import type { Metric } from '@upsell/core';
import type { DrillDownCustomer } from './api-types.ts';
import { CustomerInitialOrder } from './customer-initial-order.tsx';
import { LinesTable } from './lines-table.tsx';

/**
 * The customers of a drill-down, numerator first, each with their lines in the period; times in
 * the definition's zone (`timeZone`), amounts in the dataset's currency when known.
 */
export function CustomerList({
  customers,
  metric,
  timeZone,
  currency,
}: {
  customers: readonly DrillDownCustomer[];
  metric: Metric;
  timeZone?: string;
  currency?: string | null;
}) {
  return (
    <ol className="customer-list">
      {customers.map((customer) => (
        <li key={customer.customerId} className={customer.inNumerator ? 'in-numerator' : undefined}>
          <div className="customer-head">
            <strong>{customer.customerId}</strong>
            <span className={customer.inNumerator ? 'tag tag-numerator' : 'tag'}>
              {customer.inNumerator ? 'In the numerator' : 'Denominator only'}
            </span>
            {/* Besides the numerator's own reason, the other movement is worth a glance. */}
            {metric === 'customer-cross-sell-rate' && customer.upsell && (
              <span className="tag">also an upsell</span>
            )}
            {metric !== 'customer-cross-sell-rate' && customer.crossSell && (
              <span className="tag">also a cross-sell</span>
            )}
          </div>
          <CustomerInitialOrder customer={customer} timeZone={timeZone} />
          {customer.lines.length === 0 ? (
            <p className="hint">No purchases in this period: eligible, but bought nothing.</p>
          ) : (
            <LinesTable
              lines={customer.lines}
              caption={`Lines of ${customer.customerId} in the period`}
              timeZone={timeZone}
              currency={currency}
            />
          )}
        </li>
      ))}
    </ol>
  );
}
