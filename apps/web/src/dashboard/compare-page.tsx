import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTRPC } from '../api/trpc.ts';
import { Link } from '../layout/link.tsx';
import { useLocation } from '../routing/use-location.ts';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { Loading } from '../ui/loading.tsx';
import { alternativeDefinition } from './alternative-definition.ts';
import type { DatasetMetricResult } from './api-types.ts';
import { CompareChart } from './compare-chart.tsx';
import { CompareCustomersSection } from './compare-customers-section.tsx';
import { CompareTable } from './compare-table.tsx';
import { ComputingNotice } from './computing-notice.tsx';
import { comparisonCsv } from './csv.ts';
import { type DashboardDefinition, toDefinitionInput, writeDefinition } from './dashboard-definition.ts';
import {
  type DefinitionChoices,
  metricLabel,
  PURCHASE_CHOICES,
  SUBSCRIPTION_CHOICES,
} from './definition-choices.ts';
import { DefinitionControls } from './definition-controls.tsx';
import { fileBaseName } from './download.ts';
import './compare-page.css';
import { writeSubscriptionView } from '../subscriptions/subscription-view.ts';
import { ExportButtons } from './export-buttons.tsx';
import { IgnoredSettingsNotice } from './ignored-settings-notice.tsx';
import { useDefinitionParams, withQuery } from './use-definition-params.ts';

/** How a side was computed, in words: the rule actually used, eligibility, period and zone. */
export function describeResult(result: DatasetMetricResult): string {
  const d = result.definition;
  const choices = result.metric === 'subscription-upsell-rate' ? SUBSCRIPTION_CHOICES : PURCHASE_CHOICES;
  const eligible =
    choices.eligibilities.find((o) => o.value === d.eligible)?.label.toLowerCase() ?? d.eligible;
  const parts = [metricLabel(result.metric), `rule ${d.rule}`];
  if (result.metric !== 'purchase-upsell-rate') parts.push(eligible);
  parts.push(d.period === 'all' ? 'all time' : `by ${d.period}`, d.timeZone);
  if (d.by.length > 0) parts.push(`by ${d.by.join(', ')}`);
  if (d.from || d.to) parts.push(`${d.from ?? 'start'} to ${d.to ?? 'end'}`);
  return parts.join(' · ');
}

const hasSide = (params: URLSearchParams, prefix: string) =>
  [...params.keys()].some((key) => key.startsWith(prefix));

/**
 * The query string with `definition` written as B. A B equal to the defaults writes nothing,
 * which would read as "no B" (and bring back the alternative), so its rule is written then.
 */
function writeB(
  params: URLSearchParams,
  definition: DashboardDefinition,
  choices: DefinitionChoices,
): URLSearchParams {
  const next = writeDefinition(params, definition, 'b.', choices);
  if (!hasSide(next, 'b.')) next.set('b.rule', definition.rule);
  return next;
}

/** Props of {@link ComparePage}. */
export interface ComparePageProps {
  name: string;
  /** The dataset's kind: a subscription dataset compares two subscription upsell rates. */
  kind?: 'purchases' | 'subscriptions';
}

/**
 * `/datasets/<name>/compare`: two definitions over the same data, row by row, as a chart of A
 * against B by period, a table, and the customers counted in one and not the other. Both are
 * kept in the URL, A's parameters prefixed `a.` and B's `b.`; with no B in the URL, B is a
 * meaningful alternative of A (see {@link alternativeDefinition}). A subscription dataset's page
 * is the same with the subscription upsell rate's rules and eligibilities (by month unless told),
 * and subscribers with their movements for customers.
 */
export function ComparePage({ name, kind = 'purchases' }: ComparePageProps) {
  const trpc = useTRPC();
  const { path, params, navigate } = useLocation();
  const choices = kind === 'subscriptions' ? SUBSCRIPTION_CHOICES : PURCHASE_CHOICES;
  const a = useDefinitionParams('a.', choices);
  const givenB = useDefinitionParams('b.', choices);
  const base = `/datasets/${encodeURIComponent(name)}`;

  const dataset = useQuery(trpc.dataset.byId.queryOptions({ id: name }));
  const alternative = hasSide(params, 'b.')
    ? undefined
    : alternativeDefinition(a.definition, { tiers: dataset.data?.tiers ?? [] });
  const b = {
    definition: alternative?.definition ?? givenB.definition,
    ignored: givenB.ignored,
    setDefinition: (definition: DashboardDefinition) =>
      navigate(withQuery(path, writeB(params, definition, choices))),
  };
  const savedList = useQuery(trpc.definition.list.queryOptions());
  const saved = (savedList.data ?? []).filter((s) =>
    choices.metrics.some((m) => m.value === (s.definition.metric ?? PURCHASE_CHOICES.defaults.metric)),
  );
  const hasPurchases = (dataset.data?.accepted ?? 0) > 0;
  const rowsWord = kind === 'subscriptions' ? 'subscriptions' : 'purchases';
  const comparison = useQuery(
    trpc.metric.compare.queryOptions(
      { dataset: name, a: toDefinitionInput(a.definition), b: toDefinitionInput(b.definition) },
      { enabled: hasPurchases, placeholderData: keepPreviousData },
    ),
  );

  const swap = () => {
    const next = writeB(writeDefinition(params, b.definition, 'a.', choices), a.definition, choices);
    navigate(withQuery(path, next));
  };
  // The subscription dashboard keeps its period, zone, segments and range; its rates are both rules.
  const dashboardOf = (definition: DashboardDefinition) =>
    withQuery(
      base,
      kind === 'subscriptions'
        ? writeSubscriptionView(new URLSearchParams(), {
            period: definition.period,
            timeZone: definition.timeZone,
            by: definition.by,
            ...(definition.from === undefined ? {} : { from: definition.from }),
            ...(definition.to === undefined ? {} : { to: definition.to }),
            ...(definition.fiscalYearStart === undefined
              ? {}
              : { fiscalYearStart: definition.fiscalYearStart }),
          })
        : writeDefinition(new URLSearchParams(), definition),
    );
  const ignored = [...a.ignored, ...b.ignored];

  let body: ReactNode;
  if (dataset.isPending) body = <Loading label={`Loading the dataset ${name}…`} />;
  else if (dataset.isError)
    body = (
      <ErrorPanel
        title={`Could not load the dataset “${name}”`}
        error={dataset.error}
        onRetry={() => dataset.refetch()}
      />
    );
  else if (!hasPurchases)
    body = (
      <EmptyState title={`No ${rowsWord} in ${name} yet`}>
        <p>
          Upload or append {kind === 'subscriptions' ? 'subscription history' : 'a purchase export'} first:{' '}
          <Link to={`${base}/append`}>upload {rowsWord}</Link>.
        </p>
      </EmptyState>
    );
  else if (comparison.isPending) body = <ComputingNotice blocks={2} />;
  else if (comparison.isError)
    body = (
      <ErrorPanel
        title="Could not compare the two definitions"
        error={comparison.error}
        onRetry={() => comparison.refetch()}
      />
    );
  else {
    const data = comparison.data;
    const caption = `A: ${describeResult(data.a)}. B: ${describeResult(data.b)}. Difference is B − A.`;
    body = (
      <section
        className={comparison.isPlaceholderData ? 'dash-section stale' : 'dash-section'}
        aria-labelledby="compare-heading"
      >
        <div className="section-head">
          <h2 id="compare-heading">Row by row</h2>
          <ExportButtons
            fileName={fileBaseName([name, 'compare'])}
            csv={() => comparisonCsv(data.rows)}
            title={`${name}: A vs B`}
          />
        </div>
        {comparison.isPlaceholderData && (
          <p role="status" className="updating">
            Updating… the rows below are for the previous definitions.
          </p>
        )}
        <ul className="compare-summary">
          <li>
            <strong>A</strong> {describeResult(data.a)} ·{' '}
            <Link to={dashboardOf(a.definition)}>open A’s dashboard</Link>
          </li>
          <li>
            <strong>B</strong> {describeResult(data.b)} ·{' '}
            <Link to={dashboardOf(b.definition)}>open B’s dashboard</Link>
          </li>
        </ul>
        {alternative && (
          <p className="hint compare-why">
            <strong>Why this B:</strong> {alternative.why} Change B’s controls above to compare anything else.
          </p>
        )}
        {data.rows.length === 0 ? (
          <p>Neither definition has any rows: widen the date ranges.</p>
        ) : (
          <>
            <CompareChart rows={data.rows} />
            <CompareTable
              rows={data.rows}
              metrics={{ a: data.a.metric, b: data.b.metric }}
              caption={caption}
            />
          </>
        )}
      </section>
    );
  }

  return (
    <div className="dashboard compare">
      <header className="dash-header">
        <div>
          <p className="breadcrumb">
            <Link to="/datasets">Datasets</Link> / <Link to={dashboardOf(a.definition)}>{name}</Link> /
          </p>
          <h1>Compare two definitions</h1>
          <p className="hint">
            The same data under definitions A and B, period by period and segment by segment.
          </p>
        </div>
        <nav className="dash-actions" aria-label="Comparison">
          <button type="button" onClick={swap}>
            Swap A and B
          </button>
        </nav>
      </header>
      <IgnoredSettingsNotice ignored={ignored} />
      {dataset.data && hasPurchases && (
        <div className="compare-controls">
          <DefinitionControls
            legend="Definition A"
            definition={a.definition}
            onChange={a.setDefinition}
            dimensions={dataset.data.dimensions}
            saved={saved}
            choices={choices}
            targetHint="Empty: no target (a comparison applies no saved target)."
          />
          <DefinitionControls
            legend="Definition B"
            definition={b.definition}
            onChange={b.setDefinition}
            dimensions={dataset.data.dimensions}
            saved={saved}
            choices={choices}
            targetHint="Empty: no target (a comparison applies no saved target)."
          />
        </div>
      )}
      {body}
      {comparison.data && dataset.data && hasPurchases && (
        <CompareCustomersSection
          dataset={name}
          kind={kind}
          a={a.definition}
          b={b.definition}
          rows={comparison.data.rows}
        />
      )}
    </div>
  );
}
