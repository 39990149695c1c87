import type { ReactNode } from 'react';
import { Link } from '../layout/link.tsx';
import type { DatasetSummary } from './api-types.ts';
import { formatCount, formatDate } from './format-metric.ts';

/** Props of {@link DashboardHeader}. */
export interface DashboardHeaderProps {
  /** The dataset's name: the heading. */
  name: string;
  /** The dataset's summary once it has come: its facts under the heading. */
  dataset: DatasetSummary | undefined;
  /** The page's links (compare, append, upload exchange rates). */
  children: ReactNode;
}

/**
 * The head of a dataset's dashboard, purchase or subscription: the way back to the datasets, the
 * dataset's name, its facts in one line, and the page's links.
 *
 * @example
 * <DashboardHeader name="shop" dataset={summary}><Link to="/datasets/shop/append">Append data</Link></DashboardHeader>
 */
export function DashboardHeader({ name, dataset, children }: DashboardHeaderProps) {
  return (
    <header className="dash-header">
      <div>
        <p className="breadcrumb">
          <Link to="/datasets">Datasets</Link> /
        </p>
        <h1>{name}</h1>
        {dataset && <DatasetFacts dataset={dataset} />}
      </div>
      <nav className="dash-actions" aria-label="Dataset">
        {children}
      </nav>
    </header>
  );
}

/**
 * A dataset in one line: its kind's rows and customers, its first and last day, and the rows
 * rejected at import.
 *
 * @example
 * <DatasetFacts dataset={summary} /> // "678 customers · 12,340 purchase lines · 5 Jan 2024 to 31 Mar 2024"
 */
export function DatasetFacts({ dataset }: { dataset: DatasetSummary }) {
  const range = dataset.dateRange;
  const customers = `${formatCount(dataset.customers)} customers`;
  return (
    <p className="hint">
      {dataset.kind === 'subscriptions'
        ? `Subscription history · ${customers} · ${formatCount(dataset.accepted)} rows`
        : dataset.source
          ? // A connected dataset's customers are counted where it lives, by each query, not here.
            `${formatCount(dataset.accepted)} purchase lines at ${dataset.source.location}${dataset.source.table ? ` (${dataset.source.table})` : ''}`
          : `${customers} · ${formatCount(dataset.accepted)} purchase lines`}
      {range ? ` · ${formatDate(range.first)} to ${formatDate(range.last)}` : ''}
      {dataset.rejected > 0 ? ` · ${formatCount(dataset.rejected)} rows rejected at import` : ''}
    </p>
  );
}
