import type { DrillDownCustomer, DrillDownLine } from './api-types.ts';
import { CustomerInitialOrder } from './customer-initial-order.tsx';
import { LinesTable } from './lines-table.tsx';

/** Props of {@link CompareCustomerList}. */
export interface CompareCustomerListProps {
  /** The customers one side counts and the other does not, with that side's lines. */
  customers: readonly DrillDownCustomer[];
  /** The same customers as the other side reads them. */
  other: readonly DrillDownCustomer[];
  /** The side that counts them, and the other. */
  counted: 'A' | 'B';
  timeZone?: string;
  currency?: string | null;
}

const lineKey = (line: Pick<DrillDownLine, 'file' | 'line'>) => `${line.file}:${line.line}`;

/**
 * The customers counted by one definition and not by the other, each with their lines: why the
 * counting side counts each line, and beside it how the other side reads the same line (why it
 * does not count it).
 */
export function CompareCustomerList({
  customers,
  other,
  counted,
  timeZone,
  currency,
}: CompareCustomerListProps) {
  const notCounted = counted === 'A' ? 'B' : 'A';
  const otherOf = new Map(other.map((c) => [c.customerId, c]));
  return (
    <ol className="customer-list">
      {customers.map((customer) => {
        const there = otherOf.get(customer.customerId);
        const byLine = new Map((there?.lines ?? []).map((line) => [lineKey(line), line]));
        return (
          <li key={customer.customerId} className="in-numerator">
            <div className="customer-head">
              <strong>{customer.customerId}</strong>
              <span className="tag tag-numerator">Counted by {counted}</span>
              <span className="tag">
                {there ? `not by ${notCounted}` : `not eligible under ${notCounted}`}
              </span>
            </div>
            <CustomerInitialOrder customer={customer} timeZone={timeZone} />
            <LinesTable
              lines={customer.lines}
              caption={`Lines of ${customer.customerId} in the period`}
              timeZone={timeZone}
              currency={currency}
              otherReading={{ label: `Under ${notCounted}`, byLine }}
            />
          </li>
        );
      })}
    </ol>
  );
}
