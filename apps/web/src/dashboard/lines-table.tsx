import { TableScroll } from '../ui/table-scroll.tsx';
import type { DrillDownLine } from './api-types.ts';
import { formatMoney } from './format-metric.ts';

const MOVEMENT_WORDS: Record<DrillDownLine['movement'], string> = {
  initial: 'Initial order',
  upsell: 'Upsell',
  cross_sell: 'Cross-sell',
  repeat: 'Repeat',
  downgrade: 'Downgrade',
};

/** Props of {@link LinesTable}. */
export interface LinesTableProps {
  lines: readonly DrillDownLine[];
  caption: string;
  /** Whether to show whose line it is (the lines of many customers). */
  withCustomer?: boolean;
}

/** Purchase lines of a drill-down, each with what it counts as and why, and where it was read. */
export function LinesTable({ lines, caption, withCustomer = false }: LinesTableProps) {
  return (
    <TableScroll label={caption}>
      <table className="lines-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {withCustomer && <th scope="col">Customer</th>}
            <th scope="col">When</th>
            <th scope="col">Product</th>
            <th scope="col">Family</th>
            <th scope="col">Tier</th>
            <th scope="col">Amount</th>
            <th scope="col">Qty</th>
            <th scope="col">Counts as</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={`${line.file}:${line.line}`} className={`movement-${line.movement}`}>
              {withCustomer && <td>{line.customerId}</td>}
              <td className="nowrap">{line.purchasedAt}</td>
              <td className="nowrap">{line.productId}</td>
              <td>{line.family}</td>
              <td className="num">{line.tier ?? '—'}</td>
              <td className="num">{line.amount === null ? '—' : formatMoney(line.amount)}</td>
              <td className="num">{line.quantity}</td>
              <td>
                <span className={`movement movement-tag-${line.movement}`}>
                  {MOVEMENT_WORDS[line.movement]}
                </span>
              </td>
              <td>
                {line.reason}
                <span className="hint">
                  {' '}
                  ({line.file}:{line.line})
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
