import { TableScroll } from '../ui/table-scroll.tsx';
import type { DrillDownLine } from './api-types.ts';
import { formatMoney, formatTimestamp } from './format-metric.ts';
import './lines-table.css';

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
  /** The definition's time zone: the lines' times are read in it. Default: the reader's. */
  timeZone?: string;
  /** The amounts' currency (ISO 4217) when known. */
  currency?: string | null;
  /**
   * How another definition reads the same lines (compare: why it does not count them), by
   * `file:line`; shown in a column named `label` ("Under A").
   */
  otherReading?: { label: string; byLine: ReadonlyMap<string, Pick<DrillDownLine, 'movement' | 'reason'>> };
}

/**
 * Purchase lines of a drill-down, each with what it counts as and why, and where it was read:
 * times as people read them in the definition's zone (the exact time on hover), amounts in full.
 * Upsell lines are marked. On a narrow screen each line is a card, so the reason wraps in full
 * instead of scrolling out of sight.
 */
export function LinesTable({
  lines,
  caption,
  withCustomer = false,
  timeZone,
  currency,
  otherReading,
}: LinesTableProps) {
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
            {otherReading && <th scope="col">{otherReading.label}</th>}
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={`${line.file}:${line.line}`} className={`movement-${line.movement}`}>
              {withCustomer && <td data-label="Customer">{line.customerId}</td>}
              <td className="nowrap" data-label="When">
                <time dateTime={line.purchasedAt} title={line.purchasedAt}>
                  {formatTimestamp(line.purchasedAt, timeZone)}
                </time>
              </td>
              <td className="nowrap" data-label="Product">
                {line.productId}
              </td>
              <td data-label="Family">{line.family}</td>
              <td className="num" data-label="Tier">
                {line.tier ?? '—'}
              </td>
              <td className="num nowrap" data-label="Amount">
                {line.amount === null ? '—' : formatMoney(line.amount, currency)}
              </td>
              <td className="num" data-label="Qty">
                {line.quantity}
              </td>
              <td data-label="Counts as">
                <span className={`movement movement-tag-${line.movement}`}>
                  {line.movement === 'upsell' && <span aria-hidden="true">▲ </span>}
                  {MOVEMENT_WORDS[line.movement]}
                </span>
              </td>
              <td className="reason" data-label="Why">
                {line.reason}
                <span className="hint">
                  {' '}
                  ({line.file}:{line.line})
                </span>
              </td>
              {otherReading && (
                <td className="reason" data-label={otherReading.label}>
                  <OtherReading reading={otherReading.byLine.get(`${line.file}:${line.line}`)} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function OtherReading({ reading }: { reading: Pick<DrillDownLine, 'movement' | 'reason'> | undefined }) {
  if (!reading) return <span className="hint">not read (not eligible there)</span>;
  return (
    <>
      <span className={`movement movement-tag-${reading.movement}`}>{MOVEMENT_WORDS[reading.movement]}</span>:{' '}
      {reading.reason}
    </>
  );
}
