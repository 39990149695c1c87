import type { MrrCause, SubscriptionCustomer, SubscriptionDrillFigure } from '@upsell/core';
import type { ReactNode } from 'react';
import { formatDate, formatMoney } from '../dashboard/format-metric.ts';
import { KIND_LABELS } from './movement-words.ts';
import { signedMoney } from './signed-money.ts';

/** Props of {@link SubscriptionCustomerList}. */
export interface SubscriptionCustomerListProps {
  customers: readonly SubscriptionCustomer[];
  figure: SubscriptionDrillFigure;
  currency: string | null | undefined;
  /** A cause whose parts are marked (the drill-down of a cause's step). */
  cause?: MrrCause | undefined;
  /** More to say of a customer beside its id (the compare page: how the other definition reads it). */
  note?: (customer: SubscriptionCustomer) => ReactNode;
}

/**
 * The customers behind a figure, each with their MRR at the period's start and end and their
 * movements in the period: the day, the kind, the value, and the reason in words, split by
 * subscription with each part's cause. For the rate's figures, whether the customer qualifies.
 */
export function SubscriptionCustomerList({
  customers,
  figure,
  currency,
  cause,
  note,
}: SubscriptionCustomerListProps) {
  const rate = figure === 'eligible' || figure === 'qualifying';
  return (
    <ol className="customer-list subscription-customer-list">
      {customers.map((customer) => (
        <li key={customer.customerId} className={rate && customer.qualifying ? 'in-numerator' : undefined}>
          <div className="customer-head">
            <strong>{customer.customerId}</strong>
            {rate && (
              <span className={customer.qualifying ? 'tag tag-numerator' : 'tag'}>
                {customer.qualifying ? 'In the numerator' : 'Denominator only'}
              </span>
            )}
            {note?.(customer)}
            {customer.segment.length > 0 && <span className="tag">{customer.segment.join(' · ')}</span>}
          </div>
          <p className="hint">
            MRR {formatMoney(customer.mrrStart, currency)} at the start,{' '}
            {formatMoney(customer.mrrEnd, currency)} at the end
          </p>
          {customer.movements.length === 0 ? (
            <p className="hint">No movement in this period.</p>
          ) : (
            <ul className="movement-list">
              {customer.movements.map((movement) => (
                <li key={`${movement.date}|${movement.kind}`}>
                  <div className="movement-head">
                    <time dateTime={movement.date}>{formatDate(`${movement.date}T00:00:00Z`)}</time>
                    <span className={`tag movement-${movement.kind}`}>{KIND_LABELS[movement.kind]}</span>
                    <strong className="num">{signedMoney(movement.value, currency)}</strong>
                    <span className="hint">
                      {formatMoney(movement.mrrBefore, currency)} → {formatMoney(movement.mrrAfter, currency)}
                    </span>
                  </div>
                  <p className="movement-reason">{movement.reason}</p>
                  {movement.parts.length > 1 && (
                    <ul className="movement-parts">
                      {movement.parts.map((part) => (
                        <li key={`${part.subscriptionId}|${part.cause}`}>
                          {cause !== undefined && part.cause === cause ? (
                            <mark>
                              {part.subscriptionId}: {part.reason}
                            </mark>
                          ) : (
                            `${part.subscriptionId}: ${part.reason}`
                          )}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
