import { useQuery } from '@tanstack/react-query';
import type { DefinitionInput } from '@upsell/core';
import { useId, useState } from 'react';
import { useTRPC } from '../api/trpc.ts';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { Loading } from '../ui/loading.tsx';
import { CohortHeatmap } from './cohort-heatmap.tsx';
import { cohortStart } from './cohort-measures.ts';
import { FirstUpsellCurve } from './first-upsell-curve.tsx';

/** Props of {@link CohortSection}. */
export interface CohortSectionProps {
  dataset: string;
  /** The dashboard's definition: its period, rule, time zone, `by` and from/to shape the cohorts. */
  definition: DefinitionInput;
  /**
   * A subscription dataset: cohorts by first subscription, each with the revenue it keeps.
   * Said before the report comes, as the section's words depend on it.
   */
  subscriptions?: boolean;
}

/**
 * Acquisition cohorts and the days to first upsell (`metric.cohorts`; of a subscription dataset,
 * cohorts by first subscription with their revenue retention), asked for only when opened:
 * they take a computation of their own (each customer's first upsell), which a glance at the
 * rates should not wait for or pay.
 */
export function CohortSection({ dataset, definition, subscriptions = false }: CohortSectionProps) {
  const trpc = useTRPC();
  const id = useId();
  const [open, setOpen] = useState(false);
  const cohorts = useQuery(trpc.metric.cohorts.queryOptions({ dataset, definition }, { enabled: open }));
  return (
    <section className="dash-section cohorts" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Cohorts and time to first upsell</h2>
      {!open ? (
        <p>
          {subscriptions
            ? 'When do subscribers buy more, and how much revenue does each cohort keep? Each month’s (or period’s) new subscribers, how many of them were upsold by one, two, three periods on, and their MRR against the MRR they started with.'
            : "When do customers buy more? Each month's (or period's) new customers, and how many of them were upsold by one, two, three periods on."}{' '}
          <button type="button" className="link-button" onClick={() => setOpen(true)}>
            Show cohorts
          </button>
        </p>
      ) : cohorts.isPending ? (
        <Loading label="Computing the cohorts…" />
      ) : cohorts.isError ? (
        <ErrorPanel
          title="Could not compute the cohorts"
          error={cohorts.error}
          onRetry={() => cohorts.refetch()}
        />
      ) : (
        <>
          <CohortHeatmap report={cohorts.data} />
          <h3 className="heatmap-heading">Days from {cohortStart(subscriptions)} to first upsell</h3>
          <FirstUpsellCurve report={cohorts.data} />
        </>
      )}
    </section>
  );
}
