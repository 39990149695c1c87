import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { isUpsellClientError } from '@upsell/client';
import type { Metric } from '@upsell/core';
import { type ReactNode, useId, useState } from 'react';
import { useTRPC } from '../api/trpc.ts';
import { useCan } from '../auth/session.tsx';
import { Link } from '../layout/link.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { Loading } from '../ui/loading.tsx';
import { ChangeWaterfall } from './change-waterfall.tsx';
import { CohortSection } from './cohort-section.tsx';
import { ComputingNotice } from './computing-notice.tsx';
import {
  type DashboardDefinition,
  DEFAULT_DEFINITION,
  toDefinitionInput,
  writeDefinition,
} from './dashboard-definition.ts';
import { DashboardHeader } from './dashboard-header.tsx';
import { DashboardResults } from './dashboard-results.tsx';
import { DefinitionControls } from './definition-controls.tsx';
import { definitionSentence } from './definition-sentence.ts';
import { DefinitionSummary } from './definition-summary.tsx';
import { DrillDownDialog } from './drill-down-dialog.tsx';
import type { DrillTarget } from './drill-target.ts';
import { formatPercent } from './format-metric.ts';
import { IgnoredSettingsNotice } from './ignored-settings-notice.tsx';
import { MetricTiles } from './metric-tiles.tsx';
import { NoPeriodsNotice } from './no-periods-notice.tsx';
import { RetentionSection } from './retention-section.tsx';
import { SegmentSection } from './segment-section.tsx';
import { SegmentsArea } from './segments-area.tsx';
import { TrendSection } from './trend-section.tsx';
import { useDefinitionParams, withQuery } from './use-definition-params.ts';
import { useWhatIfTarget } from './use-whatif-target.ts';
import { WhatIfPanel } from './whatif-panel.tsx';
import './dashboard.css';

/** The rate shown beside the chosen one: purchase up-sell beside a customer rate, else customer upsell. */
const otherMetricOf = (metric: Metric): Metric =>
  metric === 'purchase-upsell-rate' ? 'customer-upsell-rate' : 'purchase-upsell-rate';

/** A definition for another metric: the benchmark and target belong to the chosen metric only. */
const forOtherMetric = (definition: DashboardDefinition): DashboardDefinition => {
  const { target: _target, industry: _industry, benchmark: _benchmark, ...rest } = definition;
  return { ...rest, metric: otherMetricOf(definition.metric), by: [] };
};

/** `/datasets/<name>`: a dataset's upsell rates under the definition in the URL. */
export function DashboardPage({ name }: { name: string }) {
  const trpc = useTRPC();
  const canAppend = useCan('analyst');
  const { definition, ignored, setDefinition } = useDefinitionParams();
  const [drill, setDrill] = useState<DrillTarget | undefined>();
  const [editing, setEditing] = useState(false);
  const formId = useId();
  const base = `/datasets/${encodeURIComponent(name)}`;

  const dataset = useQuery(trpc.dataset.byId.queryOptions({ id: name }));
  const saved = useQuery(trpc.definition.list.queryOptions());
  const hasPurchases = (dataset.data?.accepted ?? 0) > 0;
  // The page opens once the summary has named the kind (DatasetDashboard, which loads this
  // page's code meanwhile), so the numbers are asked for only when there are purchases.
  const wanted = hasPurchases;
  const input = toDefinitionInput(definition);
  const segmentedBy = definition.by.length > 0;
  // The previous numbers stay (marked as updating) while a changed definition computes.
  const overall = useQuery(
    trpc.metric.query.queryOptions(
      { dataset: name, definition: { ...input, by: [] } },
      { enabled: wanted, placeholderData: keepPreviousData },
    ),
  );
  const segmented = useQuery(
    trpc.metric.query.queryOptions({ dataset: name, definition: input }, { enabled: wanted && segmentedBy }),
  );
  const other = useQuery(
    trpc.metric.query.queryOptions(
      { dataset: name, definition: toDefinitionInput(forOtherMetric(definition)) },
      { enabled: wanted },
    ),
  );
  const targets = useQuery(trpc.target.list.queryOptions({ metric: definition.metric }, { enabled: wanted }));
  const savedTarget = targets.data?.find((t) => Object.keys(t.segment).length === 0);
  // The slider starts at the definition's target, else the saved one, else the strong band's edge.
  const [whatIfTarget, setWhatIfTarget] = useWhatIfTarget(
    definition.target ?? (savedTarget === undefined ? 20 : savedTarget.rate * 100),
  );

  const compareParams = writeDefinition(
    writeDefinition(new URLSearchParams(), definition, 'a.'),
    { ...DEFAULT_DEFINITION, period: definition.period, by: definition.by },
    'b.',
  );

  let body: ReactNode;
  if (dataset.isPending) {
    body = <Loading label={`Loading the dataset ${name}…`} />;
  } else if (dataset.isError) {
    body = (
      <>
        <ErrorPanel
          title={`Could not load the dataset “${name}”`}
          error={dataset.error}
          onRetry={() => dataset.refetch()}
        />
        <p>
          <Link to="/datasets">Back to the datasets</Link>
        </p>
      </>
    );
  } else if (!hasPurchases) {
    body = (
      <EmptyState title={`No purchases in ${name} yet`}>
        {canAppend ? (
          <p>
            Upload a purchase export (CSV or NDJSON) to see its upsell rates.{' '}
            <Link to={`${base}/append`}>Upload purchases</Link>
          </p>
        ) : (
          <p>An analyst or admin needs to upload a purchase export before there is anything to show.</p>
        )}
      </EmptyState>
    );
  } else if (overall.isPending) {
    body = <ComputingNotice blocks={6} />;
  } else if (overall.isError) {
    const refused = isUpsellClientError(overall.error) && overall.error.data?.code === 'BAD_REQUEST';
    body = (
      <>
        <ErrorPanel
          title="Could not compute the numbers"
          error={overall.error}
          onRetry={refused ? undefined : () => overall.refetch()}
        />
        {refused && (
          <p>
            <button type="button" className="link-button" onClick={() => setEditing(true)}>
              Open the definition
            </button>{' '}
            to change the part it names, or{' '}
            <button type="button" className="link-button" onClick={() => setDefinition(DEFAULT_DEFINITION)}>
              reset the definition to its defaults
            </button>
            .
          </p>
        )}
      </>
    );
  } else if (overall.data.rows.length === 0) {
    body = (
      <NoPeriodsNotice
        from={definition.from}
        to={definition.to}
        what={`eligible ${definition.metric === 'purchase-upsell-rate' ? 'purchases' : 'customers'}`}
        onClear={() => {
          const { from: _from, to: _to, ...rest } = definition;
          setDefinition(rest);
        }}
      />
    );
  } else {
    const result = overall.data;
    body = (
      <DashboardResults stale={overall.isPlaceholderData} busy={overall.isFetching} changed="definition">
        <MetricTiles
          metric={result.metric}
          rows={result.rows}
          other={{ metric: otherMetricOf(result.metric), rows: other.data?.rows }}
          industry={definition.industry}
          currency={dataset.data.currency}
          onDrill={setDrill}
          onEditDefinition={() => setEditing(true)}
        />
        <TrendSection
          dataset={name}
          metric={result.metric}
          period={result.definition.period}
          rows={result.rows}
          onDrill={setDrill}
        />
        <SegmentsArea
          by={definition.by}
          dimensions={dataset.data.dimensions}
          onChoose={(dimension) => setDefinition({ ...definition, by: [dimension] })}
          query={segmented}
        >
          {(data) => (
            <>
              <SegmentSection
                dataset={name}
                metric={data.metric}
                by={data.definition.by}
                rows={data.rows}
                targets={targets.data ?? []}
                definitionHasTarget={definition.target !== undefined}
                onDrill={setDrill}
              />
              <ChangeWaterfall
                metric={data.metric}
                by={data.definition.by}
                rows={data.rows}
                onDrill={setDrill}
              />
            </>
          )}
        </SegmentsArea>
        {result.metric === 'customer-upsell-rate' && (
          <WhatIfPanel
            result={result}
            target={whatIfTarget}
            currency={dataset.data.currency}
            onTargetChange={setWhatIfTarget}
          />
        )}
        {!dataset.data?.source && (
          <RetentionSection
            dataset={name}
            definition={{
              period: input.period,
              timeZone: input.timeZone,
              ...(input.from === undefined ? {} : { from: input.from }),
              ...(input.to === undefined ? {} : { to: input.to }),
            }}
            currency={dataset.data.currency}
          />
        )}
        {!dataset.data?.source && <CohortSection dataset={name} definition={input} />}
        <p className="hint">
          {dataset.data?.source
            ? `Computed at the source${result.cached ? ' (kept: the source looked unchanged)' : ''}.`
            : `Computed from version ${result.datasetVersion} of the dataset${result.cached ? ' (cached)' : ''}.`}
        </p>
      </DashboardResults>
    );
  }

  return (
    <div className="dashboard">
      <DashboardHeader name={name} dataset={dataset.data}>
        {hasPurchases && (
          <Link to={withQuery(`${base}/compare`, compareParams)}>Compare two definitions</Link>
        )}
        {canAppend && !dataset.data?.source && <Link to={`${base}/append`}>Append data</Link>}
      </DashboardHeader>
      <IgnoredSettingsNotice ignored={ignored} />
      {dataset.data && hasPurchases && (
        <DefinitionSummary
          sentence={definitionSentence(
            definition,
            definition.rule === 'auto' && !overall.isPlaceholderData ? overall.data?.definition : undefined,
          )}
          editing={editing}
          onToggle={() => setEditing(!editing)}
          formId={formId}
        >
          <DefinitionControls
            definition={definition}
            onChange={setDefinition}
            dimensions={dataset.data.dimensions}
            periods={overall.data?.rows.map((row) => row.period) ?? []}
            saved={saved.data ?? []}
            targetHint={
              savedTarget
                ? `Empty: the saved target, ${formatPercent(savedTarget.rate)}.`
                : 'Empty: no target (an admin can save one under Targets).'
            }
          />
        </DefinitionSummary>
      )}
      {body}
      {drill && (
        <DrillDownDialog
          dataset={name}
          definition={definition}
          target={drill}
          onClose={() => setDrill(undefined)}
        />
      )}
    </div>
  );
}
