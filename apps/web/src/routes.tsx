import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { DatasetsPage } from './datasets/datasets-page.tsx';
import { DatasetOrNotFound } from './not-found/dataset-or-not-found.tsx';
import { NotFoundPage } from './not-found/not-found-page.tsx';
import { navigate, useLocation } from './routing/use-location.ts';
import { DatasetDashboard } from './subscriptions/dataset-dashboard.tsx';
import { Loading } from './ui/loading.tsx';
import { PageErrorBoundary } from './ui/page-error-boundary.tsx';

// Pages that pull in the CSV reader and the core, or that few people open, load on first use.
const UploadPage = lazy(() => import('./datasets/upload-page.tsx').then((m) => ({ default: m.UploadPage })));
const ConnectSourcePage = lazy(() =>
  import('./datasets/connect-source-page.tsx').then((m) => ({ default: m.ConnectSourcePage })),
);
const DefinitionsPage = lazy(() =>
  import('./admin/definitions-page.tsx').then((m) => ({ default: m.DefinitionsPage })),
);
const TargetsPage = lazy(() => import('./admin/targets-page.tsx').then((m) => ({ default: m.TargetsPage })));
const AlertsPage = lazy(() => import('./alerts/alerts-page.tsx').then((m) => ({ default: m.AlertsPage })));
const TokensPage = lazy(() => import('./admin/tokens-page.tsx').then((m) => ({ default: m.TokensPage })));
// The dashboard brings recharts: it loads with the first dashboard opened, while the dataset's
// summary says which dashboard it is (DatasetDashboard's prefetch).
const loadDashboardPage = () => import('./dashboard/dashboard-page.tsx');
const DashboardPage = lazy(() => loadDashboardPage().then((m) => ({ default: m.DashboardPage })));
// A subscription dataset's dashboard brings its own charts: it loads only for such a dataset.
const SubscriptionDashboardPage = lazy(() =>
  import('./subscriptions/subscription-dashboard-page.tsx').then((m) => ({
    default: m.SubscriptionDashboardPage,
  })),
);
const ComparePage = lazy(() =>
  import('./dashboard/compare-page.tsx').then((m) => ({ default: m.ComparePage })),
);

/** One route: a path pattern and the page for its captured (decoded) parts. */
interface Route {
  pattern: RegExp;
  render(parts: string[]): ReactNode;
}

/** The route table: the first match wins, so specific paths come before the patterns they fall under. */
const ROUTES: Route[] = [
  { pattern: /^\/$/, render: () => <Redirect to="/datasets" /> },
  { pattern: /^\/datasets\/?$/, render: () => <DatasetsPage /> },
  { pattern: /^\/datasets\/new\/?$/, render: () => <UploadPage /> },
  { pattern: /^\/datasets\/connect\/?$/, render: () => <ConnectSourcePage /> },
  { pattern: /^\/datasets\/([^/]+)\/append\/?$/, render: ([name]) => <UploadPage appendTo={name} /> },
  {
    pattern: /^\/datasets\/([^/]+)\/compare\/?$/,
    render: ([name = '']) => (
      <DatasetOrNotFound name={name}>
        <DatasetDashboard
          name={name}
          purchases={<ComparePage name={name} />}
          subscriptions={<ComparePage name={name} kind="subscriptions" />}
        />
      </DatasetOrNotFound>
    ),
  },
  {
    pattern: /^\/datasets\/([^/]+)\/?$/,
    render: ([name = '']) => (
      <DatasetOrNotFound name={name}>
        <DatasetDashboard
          name={name}
          purchases={<DashboardPage name={name} />}
          subscriptions={<SubscriptionDashboardPage name={name} />}
          prefetch={loadDashboardPage}
        />
      </DatasetOrNotFound>
    ),
  },
  { pattern: /^\/definitions\/?$/, render: () => <DefinitionsPage /> },
  { pattern: /^\/targets\/?$/, render: () => <TargetsPage /> },
  { pattern: /^\/tokens\/?$/, render: () => <TokensPage /> },
  { pattern: /^\/alerts\/?$/, render: () => <AlertsPage /> },
];

function Redirect({ to }: { to: string }) {
  useEffect(() => {
    navigate(to, { replace: true });
  }, [to]);
  return null;
}

function NotFound({ path }: { path: string }) {
  return (
    <NotFoundPage title="No page here">
      <p>
        Nothing lives at <code>{path}</code>: the address may be mistyped, or the page has moved.
      </p>
    </NotFoundPage>
  );
}

/**
 * Which page a path shows. Pages live in their own folders (datasets/, dashboard/, admin/);
 * each adds its route to `ROUTES`.
 */
export function Routes() {
  const { path } = useLocation();
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (match) {
      const parts = match.slice(1).map((part) => decodeURIComponent(part ?? ''));
      return (
        <PageErrorBoundary resetKey={path}>
          <Suspense fallback={<Loading label="Loading the page…" />}>{route.render(parts)}</Suspense>
        </PageErrorBoundary>
      );
    }
  }
  return <NotFound path={path} />;
}
