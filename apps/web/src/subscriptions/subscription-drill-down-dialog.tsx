import type { SubscriptionDrillFigure } from '@upsell/core';
import { useId, useState } from 'react';
import { DrillDownPager } from '../dashboard/drill-down-pager.tsx';
import { formatCount, formatMoney, formatPeriod, segmentLabel } from '../dashboard/format-metric.ts';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { ModalDialog } from '../ui/modal-dialog.tsx';
import { fromCents } from './cents.ts';
import { CAUSE_LABELS, FIGURE_LABELS } from './movement-words.ts';
import { SubscriptionCustomerList } from './subscription-customer-list.tsx';
import {
  drillTotalMatches,
  isMoneyFigure,
  type SubscriptionDrillTarget,
} from './subscription-drill-target.ts';
import type { SubscriptionView } from './subscription-view.ts';
import { useMovementCustomers } from './use-subscription-api.ts';

const DRILL_CLASSES = { backdrop: 'drill-backdrop', dialog: 'drill-dialog', header: 'drill-header' };

/** Props of {@link SubscriptionDrillDownDialog}. */
export interface SubscriptionDrillDownDialogProps {
  dataset: string;
  view: SubscriptionView;
  target: SubscriptionDrillTarget;
  currency: string | null | undefined;
  onClose(): void;
}

const RATE_NAMES = { expansion: 'subscription upsell rate', upgrade: 'upgrade rate' } as const;

/**
 * The customers and movements behind a bar or tile of the subscription dashboard, paged: the
 * figure's total as the server sums it (beside what the page showed), then each customer with
 * their movements and reasons. A modal dialog like the purchase drill-down: focus moves in and
 * stays in, Escape closes, focus goes back.
 */
export function SubscriptionDrillDownDialog({
  dataset,
  view,
  target,
  currency,
  onClose,
}: SubscriptionDrillDownDialogProps) {
  const id = useId();
  const [figure, setFigure] = useState<SubscriptionDrillFigure>(target.figure);
  const [offset, setOffset] = useState(0);
  const shownTarget = figure === target.figure ? target : { ...target, figure, shown: undefined };
  const query = useMovementCustomers(dataset, view, shownTarget, offset);
  const data = query.data;
  const where = `${formatPeriod(target.period)}, ${segmentLabel(target.segment)}`;
  const figureWords = target.rule
    ? `${FIGURE_LABELS[figure]} of the ${RATE_NAMES[target.rule]}`
    : FIGURE_LABELS[figure];
  const matches = data ? drillTotalMatches(shownTarget, data) : undefined;

  return (
    <ModalDialog
      title={`Customers behind ${figureWords}, ${where}`}
      closeHint=" the drill-down"
      onClose={onClose}
      classNames={DRILL_CLASSES}
    >
      {target.figures && (
        <div className="drill-figure">
          <label htmlFor={`${id}-figure`}>Movement</label>
          <select
            id={`${id}-figure`}
            value={figure}
            onChange={(event) => {
              setFigure(event.target.value as SubscriptionDrillFigure);
              setOffset(0);
            }}
          >
            {target.figures.map((option) => (
              <option key={option} value={option}>
                {FIGURE_LABELS[option]}
              </option>
            ))}
          </select>
        </div>
      )}
      {query.isError && !data ? (
        <ErrorPanel
          title="Could not load the customers behind this figure"
          error={query.error}
          onRetry={() => query.refetch()}
        />
      ) : !data ? (
        <p role="status" className="computing">
          Loading the customers…
        </p>
      ) : (
        <>
          <p className="drill-summary" data-testid="drill-total">
            {isMoneyFigure(figure) && data.value !== null ? (
              <>
                {FIGURE_LABELS[figure]}:{' '}
                <strong className="drill-value">{formatMoney(data.value, currency)}</strong> from{' '}
                {formatCount(data.total)} customer{data.total === 1 ? '' : 's'}.
              </>
            ) : (
              <>
                {FIGURE_LABELS[figure]}: <strong className="drill-value">{formatCount(data.total)}</strong>{' '}
                customer
                {data.total === 1 ? '' : 's'}
                {target.rule ? '; those who count in the rate are marked' : ''}.
              </>
            )}{' '}
            {matches === true && 'It is the figure the dashboard shows.'}
            {matches === false && shownTarget.shown && (
              <span className="field-error">
                The dashboard shows{' '}
                {'cents' in shownTarget.shown
                  ? formatMoney(fromCents(shownTarget.shown.cents), currency)
                  : formatCount(shownTarget.shown.count)}
                : the data changed since; reload the page.
              </span>
            )}
            {target.cause && figure === 'expansion' && (
              <> The parts of {CAUSE_LABELS[target.cause].toLowerCase()} are marked.</>
            )}
          </p>
          <DrillDownPager
            total={data.total}
            offset={data.offset}
            count={data.customers.length}
            unit="customers"
            search=""
            busy={query.isFetching}
            onPage={setOffset}
          />
          <div className={query.isPlaceholderData ? 'drill-body stale' : 'drill-body'}>
            <SubscriptionCustomerList
              customers={data.customers}
              figure={figure}
              currency={currency}
              cause={target.cause}
            />
          </div>
        </>
      )}
    </ModalDialog>
  );
}
