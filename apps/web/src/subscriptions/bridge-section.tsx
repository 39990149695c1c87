import type { MrrMovementsRow } from '@upsell/core';
import { useId, useRef, useState } from 'react';
import { fileBaseName } from '../dashboard/download.ts';
import { ExportButtons } from '../dashboard/export-buttons.tsx';
import { formatMoney, formatPeriod, segmentLabel } from '../dashboard/format-metric.ts';
import { type View, ViewSwitch } from '../dashboard/view-switch.tsx';
import { HiddenColumnHeader } from '../ui/hidden-column-header.tsx';
import { TableScroll } from '../ui/table-scroll.tsx';
import { fromCents } from './cents.ts';
import { mrrRowsCsv } from './mrr-csv.ts';
import { signedMoney } from './signed-money.ts';
import { bridgeDrillTarget, type SubscriptionDrillTarget } from './subscription-drill-target.ts';
import { WaterfallChart } from './waterfall-chart.tsx';
import { type Waterfall, type WaterfallStep, waterfallSteps } from './waterfall-steps.ts';

/** Props of {@link BridgeSection}. */
export interface BridgeSectionProps {
  dataset: string;
  /** The bridge row of the period shown (all customers). */
  row: MrrMovementsRow;
  /** Every period of the result, oldest first, to choose from. */
  periods: readonly string[];
  onPeriod(period: string): void;
  currency: string | null | undefined;
  onDrill(target: SubscriptionDrillTarget): void;
}

/** The drill-down of a step: its figure (a cause step opens the whole expansion, its cause marked). */
export const stepDrillTarget = (row: MrrMovementsRow, step: WaterfallStep): SubscriptionDrillTarget =>
  bridgeDrillTarget(row, step.figure, step.cause ? { cause: step.cause } : {});

/** The bridge in one sentence: `MRR went from $30.00 to $75.00 in Mar 2024: ...`. */
export function describeBridge(waterfall: Waterfall, currency: string | null | undefined): string {
  const first = waterfall.steps[0];
  const last = waterfall.steps.at(-1);
  const changes = waterfall.steps
    .filter((step) => step.figure !== 'start' && step.figure !== 'end' && step.cents !== 0)
    .map((step) => `${step.name.toLowerCase()} ${signedMoney(step.value, currency)}`);
  const moved = `MRR went from ${formatMoney(first?.value ?? 0, currency)} to ${formatMoney(last?.value ?? 0, currency)} in ${formatPeriod(waterfall.period)}`;
  const residue =
    waterfall.residueCents === 0
      ? ''
      : ` Each figure is rounded to cents on its own, so the printed steps miss the end by ${formatMoney(Math.abs(fromCents(waterfall.residueCents)), currency)}.`;
  return `${moved}${changes.length > 0 ? `: ${changes.join(', ')}.` : ', with no movement.'}${residue}`;
}

/**
 * The MRR bridge of the chosen period as a waterfall (or a table of its steps), with a caption
 * in words, the period to show, and CSV and PNG export. Every bar opens its customers.
 */
export function BridgeSection({ dataset, row, periods, onPeriod, currency, onDrill }: BridgeSectionProps) {
  const id = useId();
  const [view, setView] = useState<View>('chart');
  const chartRef = useRef<HTMLElement>(null);
  const waterfall = waterfallSteps(row);
  const caption = describeBridge(waterfall, currency);
  const where = formatPeriod(row.period);
  return (
    <section className="dash-section" aria-labelledby={`${id}-heading`}>
      <div className="section-head">
        <h2 id={`${id}-heading`}>MRR bridge, {where}</h2>
        <ViewSwitch view={view} onChange={setView} label="Show the bridge as" />
        <ExportButtons
          fileName={fileBaseName([dataset, 'mrr-bridge', row.period])}
          csv={() => mrrRowsCsv([row], [])}
          chart={view === 'chart' ? chartRef : undefined}
          title={`${dataset}: MRR bridge, ${where}`}
        />
      </div>
      <div className="section-controls">
        <label htmlFor={`${id}-period`}>Period</label>
        <select id={`${id}-period`} value={row.period} onChange={(event) => onPeriod(event.target.value)}>
          {[...periods].reverse().map((label, index) => (
            <option key={label} value={label}>
              {formatPeriod(label)}
              {index === 0 ? ' (latest)' : ''}
            </option>
          ))}
        </select>
      </div>
      {view === 'chart' ? (
        <figure ref={chartRef} className="chart-figure" aria-labelledby={`${id}-caption`}>
          <WaterfallChart
            waterfall={waterfall}
            row={row}
            currency={currency}
            onSelect={(step) => onDrill(stepDrillTarget(row, step))}
          />
          <figcaption id={`${id}-caption`}>
            {caption}{' '}
            <button type="button" className="link-button" onClick={() => setView('table')}>
              Show as a table
            </button>
          </figcaption>
        </figure>
      ) : (
        <TableScroll label={caption}>
          <table className="rows-table">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">Step</th>
                <th scope="col" className="num">
                  MRR
                </th>
                <HiddenColumnHeader label="Drill-down" />
              </tr>
            </thead>
            <tbody>
              {waterfall.steps.map((step) => (
                <tr key={step.key}>
                  <th scope="row">{step.name}</th>
                  <td className="num">
                    {step.figure === 'start' || step.figure === 'end'
                      ? formatMoney(step.value, currency)
                      : signedMoney(step.value, currency)}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="small-button"
                      aria-label={`Customers behind ${step.name.toLowerCase()}, ${where}, ${segmentLabel(row.segment)}`}
                      onClick={() => onDrill(stepDrillTarget(row, step))}
                    >
                      Customers
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
