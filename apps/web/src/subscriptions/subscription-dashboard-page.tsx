import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useId, useMemo, useState } from 'react';
import { useTRPC } from '../api/trpc.ts';
import { useCan } from '../auth/session.tsx';
import { ChangeWaterfall } from '../dashboard/change-waterfall.tsx';
import { CohortSection } from '../dashboard/cohort-section.tsx';
import { ComputingNotice } from '../dashboard/computing-notice.tsx';
import { DashboardHeader } from '../dashboard/dashboard-header.tsx';
import { DashboardResults } from '../dashboard/dashboard-results.tsx';
import { DefinitionSummary } from '../dashboard/definition-summary.tsx';
import { formatCount } from '../dashboard/format-metric.ts';
import { IgnoredSettingsNotice } from '../dashboard/ignored-settings-notice.tsx';
import { NoPeriodsNotice } from '../dashboard/no-periods-notice.tsx';
import { SegmentsArea } from '../dashboard/segments-area.tsx';
import { withQuery } from '../dashboard/use-definition-params.ts';
import { useWhatIfTarget } from '../dashboard/use-whatif-target.ts';
import { WhatIfPanel } from '../dashboard/whatif-panel.tsx';
import { Link } from '../layout/link.tsx';
import { useLocation } from '../routing/use-location.ts';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { Loading } from '../ui/loading.tsx';
import { BridgeSection } from './bridge-section.tsx';
import { MovementsSection } from './movements-section.tsx';
import { RetentionSection } from './retention-section.tsx';
import { SegmentBreakdown } from './segment-breakdown.tsx';
import { SubscriptionControls, subscriptionSentence } from './subscription-controls.tsx';
import { SubscriptionDrillDownDialog } from './subscription-drill-down-dialog.tsx';
import type { SubscriptionDrillTarget } from './subscription-drill-target.ts';
import { SubscriptionTiles } from './subscription-tiles.tsx';
import {
  cohortDefinition,
  type SubscriptionView,
  subscriptionViewFromParams,
  writeSubscriptionView,
} from './subscription-view.ts';
import { useMovements, useSegmentedSubscriptionRate, useSubscriptionRate } from './use-subscription-api.ts';
import '../dashboard/dashboard.css';
import './subscription-dashboard.css';

/**
 * `/datasets/<name>` of a subscription dataset: the chosen period's tiles (MRR, net new MRR, the
 * subscription upsell and upgrade rates, NRR, GRR, logo churn), its MRR bridge as a waterfall,
 * movements over time, retention trends, cohorts by first subscription (asked for when opened)
 * and the segments; every bar and tile opens the customers and movements behind it. The view is in the URL (`subscription-view.ts`).
 */
export function SubscriptionDashboardPage({ name }: { name: string }) {
  const trpc = useTRPC();
  const canAppend = useCan('analyst');
  const { path, params, navigate } = useLocation();
  const query = params.toString();
  const { view, ignored } = useMemo(() => subscriptionViewFromParams(new URLSearchParams(query)), [query]);
  const setView = (next: SubscriptionView) =>
    navigate(withQuery(path, writeSubscriptionView(new URLSearchParams(query), next)));
  const [drill, setDrill] = useState<SubscriptionDrillTarget | undefined>();
  const [editing, setEditing] = useState(false);
  const formId = useId();
  const base = `/datasets/${encodeURIComponent(name)}`;

  const dataset = useQuery(trpc.dataset.byId.queryOptions({ id: name }));
  const hasRows = (dataset.data?.accepted ?? 0) > 0;
  const wanted = dataset.isPending || hasRows;
  const segmented = view.by.length > 0;
  const movements = useMovements(name, view, false, wanted);
  const bySegment = useMovements(name, view, true, wanted && segmented);
  const expansion = useSubscriptionRate(name, view, 'expansion', wanted);
  const upgrade = useSubscriptionRate(name, view, 'upgrade', wanted);
  const rateBySegment = useSegmentedSubscriptionRate(name, view, wanted && segmented);

  const rows = movements.data?.rows ?? [];
  const periods = rows.map((row) => row.period);
  const period = view.at !== undefined && periods.includes(view.at) ? view.at : periods.at(-1);
  const row = rows.find((r) => r.period === period);
  const currency = movements.data?.definition.currency ?? dataset.data?.currency;
  const [whatIfTarget, setWhatIfTarget] = useWhatIfTarget(view.target ?? 20);

  let body: ReactNode;
  if (dataset.isPending) {
    body = <Loading label={`Loading the dataset ${name}…`} />;
  } else if (dataset.isError) {
    body = (
      <ErrorPanel
        title={`Could not load the dataset “${name}”`}
        error={dataset.error}
        onRetry={() => dataset.refetch()}
      />
    );
  } else if (!hasRows) {
    body = (
      <EmptyState title={`No subscription history in ${name} yet`}>
        {canAppend ? (
          <p>
            Upload a subscription export to see its MRR and upsell.{' '}
            <Link to={`${base}/append`}>Upload subscriptions</Link>
          </p>
        ) : (
          <p>An analyst or admin needs to upload a subscription export before there is anything to show.</p>
        )}
      </EmptyState>
    );
  } else if (movements.isPending) {
    body = <ComputingNotice blocks={6} />;
  } else if (movements.isError) {
    body = (
      <ErrorPanel
        title="Could not compute the MRR movements"
        error={movements.error}
        onRetry={() => movements.refetch()}
      />
    );
  } else if (row === undefined || period === undefined) {
    body = (
      <NoPeriodsNotice
        from={view.from}
        to={view.to}
        what="subscriptions"
        onClear={() => {
          const { from: _from, to: _to, ...rest } = view;
          setView(rest);
        }}
      />
    );
  } else {
    const input = movements.data.input;
    body = (
      <DashboardResults stale={movements.isPlaceholderData} busy={movements.isFetching} changed="settings">
        <SubscriptionTiles
          rows={rows}
          period={period}
          rates={{ expansion: expansion.data?.rows, upgrade: upgrade.data?.rows }}
          currency={currency}
          onDrill={setDrill}
        />
        <BridgeSection
          dataset={name}
          row={row}
          periods={periods}
          onPeriod={(at) => setView({ ...view, at })}
          currency={currency}
          onDrill={setDrill}
        />
        <MovementsSection
          dataset={name}
          period={view.period}
          rows={rows}
          currency={currency}
          onDrill={setDrill}
        />
        <RetentionSection dataset={name} rows={rows} onDrill={setDrill} />
        <CohortSection dataset={name} definition={cohortDefinition(view)} subscriptions />
        <SegmentsArea
          by={view.by}
          dimensions={dataset.data.dimensions}
          onChoose={(dimension) => setView({ ...view, by: [dimension] })}
          query={bySegment}
        >
          {(data) => (
            <SegmentBreakdown
              dataset={name}
              by={data.definition.by}
              rows={data.rows}
              period={period}
              currency={currency}
              onDrill={setDrill}
            />
          )}
        </SegmentsArea>
        {segmented && rateBySegment.data && (
          <ChangeWaterfall
            metric={rateBySegment.data.metric}
            by={rateBySegment.data.definition.by}
            rows={rateBySegment.data.rows}
            // A segment opens its qualifying customers: those the rate counts upsold.
            onDrill={(target) =>
              setDrill({
                period: target.period,
                segment: target.segment,
                figure: 'qualifying',
                rule: 'expansion',
              })
            }
          />
        )}
        {/* While a changed period computes, the kept bridge and the new rate do not match yet. */}
        {expansion.data && expansion.data.definition.period === movements.data.definition.period && (
          <WhatIfPanel
            result={expansion.data}
            movements={movements.data}
            target={whatIfTarget}
            currency={currency}
            onTargetChange={setWhatIfTarget}
          />
        )}
        <p className="hint">
          Computed from version {movements.data.datasetVersion} of the dataset
          {movements.data.cached ? ' (cached)' : ''}: {formatCount(input.accepted)} subscription rows
          {input.rejected > 0 ? ` (${formatCount(input.rejected)} rejected)` : ''}, money in{' '}
          {currency ?? 'the reporting currency'}.
        </p>
      </DashboardResults>
    );
  }

  return (
    <div className="dashboard subscription-dashboard">
      <DashboardHeader name={name} dataset={dataset.data}>
        {hasRows && <Link to={`${base}/compare`}>Compare two definitions</Link>}
        {canAppend && <Link to={`${base}/append`}>Append data</Link>}
        {canAppend && <Link to={`${base}/append`}>Upload exchange rates</Link>}
      </DashboardHeader>
      <IgnoredSettingsNotice ignored={ignored} />
      {dataset.data && hasRows && (
        <DefinitionSummary
          sentence={subscriptionSentence(view)}
          editing={editing}
          onToggle={() => setEditing(!editing)}
          formId={formId}
        >
          <SubscriptionControls
            view={view}
            onChange={setView}
            dimensions={dataset.data.dimensions}
            periods={periods}
          />
        </DefinitionSummary>
      )}
      {body}
      {drill && (
        <SubscriptionDrillDownDialog
          dataset={name}
          view={view}
          target={drill}
          currency={currency}
          onClose={() => setDrill(undefined)}
        />
      )}
    </div>
  );
}
