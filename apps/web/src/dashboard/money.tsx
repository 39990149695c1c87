import { formatCompactMoney, formatMoney } from './format-metric.ts';

/** An amount, compact, with the full figure on hover. */
export function Money({ amount, currency }: { amount: number; currency: string | null | undefined }) {
  return (
    <span className="money" title={formatMoney(amount, currency)}>
      {formatCompactMoney(amount, currency)}
    </span>
  );
}
