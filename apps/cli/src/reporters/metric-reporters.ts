import { type MetricResult, type MetricRow, metricCsvCells, metricCsvHeader } from '@upsell/core';
import { csvCell } from '@upsell/csv';
import { paint, type Terminal } from '../terminal.ts';
import { bandWords } from './band-words.ts';
import { describeDefinition, METRIC_NAMES } from './describe-definition.ts';
import { alignColumns, money, percent, points, whole } from './format-number.ts';

/** Writes a metric result in one format. */
export type MetricReporter = (result: MetricResult, terminal: Terminal) => string;

const bandColour = { strong: 'green', moderate: 'yellow', weak: 'red' } as const;

function changeText(row: MetricRow): string {
  if (!row.change) return '';
  return `${points(row.change.difference)} (p=${row.change.pValue.toFixed(3)})${row.change.significant ? ' *' : ''}`;
}

/** The human table: definition in words on top, one line per row. */
export const tableReporter: MetricReporter = (result, terminal) => {
  const by = result.definition.by;
  const hasBenchmark = result.rows.some((r) => r.benchmark);
  const hasTarget = result.rows.some((r) => r.target);
  const hasRevenue = result.rows.some((r) => r.revenue);
  const unit = result.metric === 'purchase-upsell-rate' ? 'lines' : 'customers';
  const header = ['Period', ...by, 'Rate', '95% CI', 'Band', `Upsold / ${unit}`, 'Change vs prev'];
  if (hasBenchmark)
    header.push(`vs ${result.rows[0]!.benchmark!.industry} ${percent(result.rows[0]!.benchmark!.rate, 0)}`);
  if (hasTarget) header.push(`vs target ${percent(result.rows[0]!.target!.rate, 1)}`);
  if (hasRevenue) header.push('Upsell revenue', 'Share');
  const rows = result.rows.map((row) => {
    const cells = [
      row.period,
      ...by.map((name) => row.segment[name] ?? ''),
      percent(row.rate),
      `[${percent(row.ci95[0])}, ${percent(row.ci95[1])}]`,
      bandWords(row, result.metric),
      `${whole(row.numerator)} / ${whole(row.denominator)}`,
      changeText(row),
    ];
    if (hasBenchmark) cells.push(row.benchmark ? points(row.benchmark.difference) : '');
    if (hasTarget)
      cells.push(row.target ? `${points(row.target.difference)}${row.target.met ? '' : ' below'}` : '');
    if (hasRevenue) {
      cells.push(
        row.revenue ? money(row.revenue.upsell) : '',
        row.revenue?.upsellShare == null ? '' : percent(row.revenue.upsellShare),
      );
    }
    return cells;
  });
  // The subscription upsell rate under the upgrade rule is what subscription businesses call the upgrade rate.
  const name =
    result.metric === 'subscription-upsell-rate' && result.definition.rule === 'upgrade'
      ? 'Upgrade rate (subscription upsell rate, rule upgrade)'
      : METRIC_NAMES[result.metric];
  const title = paint(terminal, 'bold', name);
  const table =
    rows.length === 0
      ? '(no rows: the input has no purchases in the periods asked for)'
      : alignColumns(header, rows);
  const coloured = terminal.color
    ? // An uncertain band keeps the terminal's own colour: few customers cannot carry a green.
      table.replace(/\b(strong|moderate|weak)\b(?!, uncertain)/g, (band) =>
        paint(terminal, bandColour[band as keyof typeof bandColour], band),
      )
    : table;
  const notes = rows.some((r) => r[header.indexOf('Change vs prev')]?.endsWith('*'))
    ? ['* significant change at the 5% level (two-proportion z-test)']
    : [];
  if (rows.some((r) => r[header.indexOf('Band')]?.includes('uncertain')))
    notes.push('uncertain: the 95% interval is wider than 20 points, too few to read the band by');
  return `${title}\n${describeDefinition(result).join('\n')}\n\n${coloured}\n${notes.map((n) => `${n}\n`).join('')}`;
};

/** The machine-readable result, exactly as the API returns it. */
export const jsonReporter: MetricReporter = (result) => `${JSON.stringify(result, null, 2)}\n`;

/** One CSV line per row, every figure in its own column. */
export const csvReporter: MetricReporter = (result) => {
  const by = result.definition.by;
  const lines = result.rows.map((row) => metricCsvCells(row, by).map(csvCell).join(','));
  return `${[metricCsvHeader(by).map(csvCell).join(','), ...lines].join('\n')}\n`;
};

/** Reporters by `--format` name. */
export const METRIC_REPORTERS = { table: tableReporter, json: jsonReporter, csv: csvReporter } as const;
export type MetricFormat = keyof typeof METRIC_REPORTERS;
