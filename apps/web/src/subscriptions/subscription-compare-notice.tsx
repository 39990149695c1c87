import { Link } from '../layout/link.tsx';

/**
 * `/datasets/<name>/compare` for a subscription dataset: compare works on the purchase metrics,
 * so the page says so and leads back to the subscription dashboard (its upsell rate tile and
 * the rate by segment are there).
 *
 * @example
 * <SubscriptionCompareNotice name="saas" />
 */
export function SubscriptionCompareNotice({ name }: { name: string }) {
  const dashboard = `/datasets/${encodeURIComponent(name)}`;
  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to="/datasets">Datasets</Link> / <Link to={dashboard}>{name}</Link> /
      </p>
      <h1>Compare is for purchase datasets</h1>
      <p className="panel">
        {name} holds subscription history. Comparing two definitions side by side works on the purchase
        metrics only; the subscription dashboard shows MRR movements, retention and the subscription upsell
        rate by period and segment. <Link to={dashboard}>Back to the dashboard of {name}</Link>.
      </p>
    </section>
  );
}
