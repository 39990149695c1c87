import { useQuery } from '@tanstack/react-query';
import type { RouterOutputs } from '@upsell/client';
import { useTRPC } from '../api/trpc.ts';
import { Sparkline } from '../ui/sparkline.tsx';

type DatasetRow = RouterOutputs['dataset']['list'][number];

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

type HeadlineMetric = RouterOutputs['dataset']['headline']['metric'];

/** The rate a headline gives, in words, and whom it counts: a subscription dataset's is its own. */
const HEADLINE_WORDS: Record<HeadlineMetric, { label: string; counted: string }> = {
  'customer-upsell-rate': { label: 'Customer upsell rate', counted: 'customers' },
  'purchase-upsell-rate': { label: 'Purchase up-sell rate', counted: 'lines' },
  'customer-cross-sell-rate': { label: 'Customer cross-sell rate', counted: 'customers' },
  'subscription-upsell-rate': { label: 'Subscription upsell rate', counted: 'subscribers' },
};

/**
 * A dataset's latest rate in the datasets list: the last period's headline rate under the default
 * definition (the customer upsell rate of purchases, the subscription upsell rate of subscription
 * history), named in the row, its band word (with a note when the interval is too wide to read it
 * by), and a sparkline of the rate by period. Each row asks on its own, so the list shows at once
 * and a dataset without rows (new, importing, failed) asks nothing.
 */
export function DatasetHeadlineCell({ dataset }: { dataset: DatasetRow }) {
  const trpc = useTRPC();
  const hasPurchases = dataset.accepted > 0;
  const headline = useQuery(
    trpc.dataset.headline.queryOptions({ id: dataset.id }, { enabled: hasPurchases, staleTime: 60_000 }),
  );
  if (!hasPurchases)
    return (
      <span className="hint">
        {dataset.kind === 'subscriptions' ? 'no subscriptions yet' : 'no purchases yet'}
      </span>
    );
  if (headline.isPending) return <span className="hint">computing…</span>;
  if (headline.isError) return <span className="hint">not available</span>;
  const latest = headline.data.latest;
  if (!latest) return <span className="hint">no periods</span>;
  const words = HEADLINE_WORDS[headline.data.metric];
  return (
    <span className="dataset-headline">
      <span className="dataset-headline-figures">
        <strong className="dataset-headline-rate">{percent(latest.rate)}</strong>{' '}
        <span className={latest.uncertain ? 'band-word band-uncertain' : `band-word band-${latest.band}`}>
          {latest.band}
          {latest.uncertain ? ', uncertain (few customers)' : ''}
        </span>
        <span className="hint dataset-headline-period">
          {words.label}, {latest.period}: {latest.numerator.toLocaleString('en-US')} of{' '}
          {latest.denominator.toLocaleString('en-US')} {words.counted}
        </span>
      </span>
      <Sparkline values={headline.data.trend.map((point) => point.rate)} width={96} height={28} />
    </span>
  );
}
