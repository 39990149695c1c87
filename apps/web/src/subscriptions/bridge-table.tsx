import type { MrrMovementsRow } from '@upsell/core';
import { formatMoney, formatPercent, formatPeriod, segmentLabel } from '../dashboard/format-metric.ts';
import { TableScroll } from '../ui/table-scroll.tsx';
import { netNewMrr } from './movement-bars.ts';
import { signedMoney } from './signed-money.ts';
import { bridgeDrillTarget, type SubscriptionDrillTarget } from './subscription-drill-target.ts';

/** Props of {@link BridgeTable}. */
export interface BridgeTableProps {
  rows: readonly MrrMovementsRow[];
  caption: string;
  /** Rows are the segments of one period (else the periods of one segment). */
  segmented?: boolean;
  currency: string | null | undefined;
  onDrill(target: SubscriptionDrillTarget): void;
}

const FIGURES = [
  ['start', 'Start'],
  ['new', 'New'],
  ['reactivation', 'Reactivation'],
  ['expansion', 'Expansion'],
  ['contraction', 'Contraction'],
  ['churn', 'Churn'],
  ['end', 'End'],
] as const;

const ratio = (value: number | null) => (value === null ? '—' : formatPercent(value));

/**
 * Bridge rows as a table, the alternative to the charts: every figure in numbers, each one a
 * button to the customers behind it (the keyboard's way into a drill-down), with the net new
 * MRR, NRR and GRR.
 */
export function BridgeTable({ rows, caption, segmented = false, currency, onDrill }: BridgeTableProps) {
  return (
    <TableScroll label={caption}>
      <table className="rows-table bridge-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{segmented ? 'Segment' : 'Period'}</th>
            {FIGURES.map(([figure, label]) => (
              <th key={figure} scope="col" className="num">
                {label}
              </th>
            ))}
            <th scope="col" className="num">
              Net new
            </th>
            <th scope="col" className="num">
              NRR
            </th>
            <th scope="col" className="num">
              GRR
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const where = segmented ? segmentLabel(row.segment) : formatPeriod(row.period);
            const loss = (figure: string) => figure === 'contraction' || figure === 'churn';
            return (
              <tr key={`${row.period}|${JSON.stringify(row.segment)}`}>
                <th scope="row">{where}</th>
                {FIGURES.map(([figure, label]) => {
                  const value = row[figure === 'start' ? 'mrr_start' : figure === 'end' ? 'mrr_end' : figure];
                  return (
                    <td key={figure} className="num">
                      <button
                        type="button"
                        className="link-button figure-button"
                        aria-label={`${label} ${formatMoney(value, currency)}, ${where}: the customers behind it`}
                        onClick={() => onDrill(bridgeDrillTarget(row, figure))}
                      >
                        {loss(figure) && value !== 0
                          ? signedMoney(-value, currency)
                          : formatMoney(value, currency)}
                      </button>
                    </td>
                  );
                })}
                <td className="num">{signedMoney(netNewMrr(row), currency)}</td>
                <td className="num">{ratio(row.nrr)}</td>
                <td className="num">{ratio(row.grr)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
