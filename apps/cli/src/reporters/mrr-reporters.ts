import {
  MRR_CAUSES,
  type MrrByCause,
  type MrrMovementsResult,
  type MrrMovementsRow,
  mrrCsvCells,
  mrrCsvHeader,
} from '@upsell/core';
import { type CsvCellValue, csvCell } from '@upsell/csv';
import { paint, type Terminal } from '../terminal.ts';
import { describePeriodUnit } from './describe-definition.ts';
import { alignColumns, money, percent, whole } from './format-number.ts';

/** Writes an MRR bridge in one format. */
export type MrrReporter = (result: MrrMovementsResult, terminal: Terminal) => string;

const ratio = (value: number | null) => (value === null ? '' : percent(value));
const segmentCells = (row: MrrMovementsRow, by: readonly string[]) =>
  by.map((name) => row.segment[name] ?? '');
const causesTotal = (causes: MrrByCause) => MRR_CAUSES.some((cause) => causes[cause] !== 0);

/** The definition and the input in words, for the top of the table. */
function describeBridge(result: MrrMovementsResult): string[] {
  const { definition, input } = result;
  const range =
    definition.from === undefined && definition.to === undefined
      ? ''
      : `, ${definition.from ?? 'first'} to ${definition.to ?? 'last'}`;
  return [
    `Period: ${describePeriodUnit(definition)}, time zone ${definition.timeZone}${definition.by.length > 0 ? `, by ${definition.by.join(', ')}` : ''}${range}`,
    `Money: MRR in ${definition.currency}`,
    `Input: ${whole(input.rows)} rows read, ${whole(input.accepted)} accepted, ${whole(input.rejected)} rejected`,
  ];
}

/** The bridge, one line per period and segment: start + new + reactivation + expansion - contraction - churn = end. */
export function bridgeTable(result: MrrMovementsResult): string {
  const { by } = result.definition;
  const header = [
    'Period',
    ...by,
    'MRR start',
    'New',
    'Reactivation',
    'Expansion',
    'Contraction',
    'Churn',
    'MRR end',
    'Customers',
    'NRR',
    'GRR',
    'Logo churn',
    'ARPA',
    'Quick ratio',
  ];
  const rows = result.rows.map((row) => [
    row.period,
    ...segmentCells(row, by),
    money(row.mrr_start),
    money(row.new),
    money(row.reactivation),
    money(row.expansion),
    money(row.contraction),
    money(row.churn),
    money(row.mrr_end),
    `${whole(row.customers_start)} -> ${whole(row.customers_end)}`,
    ratio(row.nrr),
    ratio(row.grr),
    row.logo_retention === null ? '' : percent(1 - row.logo_retention),
    row.arpa === null ? '' : money(row.arpa),
    row.quick_ratio === null ? '' : row.quick_ratio.toFixed(2),
  ]);
  if (rows.length === 0) return '(no rows: no subscription moves in the periods asked for)';
  return alignColumns(header, rows);
}

/** Expansion and contraction split by cause, for the periods and segments that have any. */
export function causesTable(result: MrrMovementsResult): string | undefined {
  const { by } = result.definition;
  const header = ['Period', ...by, 'Movement', ...MRR_CAUSES, 'Total'];
  const rows: string[][] = [];
  for (const row of result.rows) {
    for (const [side, causes, total] of [
      ['expansion', row.expansion_by_cause, row.expansion],
      ['contraction', row.contraction_by_cause, row.contraction],
    ] as const) {
      if (total === 0 && !causesTotal(causes)) continue;
      rows.push([
        row.period,
        ...segmentCells(row, by),
        side,
        ...MRR_CAUSES.map((cause) => money(causes[cause])),
        money(total),
      ]);
    }
  }
  return rows.length === 0 ? undefined : alignColumns(header, rows);
}

/** The human table: the definition in words, the bridge, then expansion and contraction by cause. */
export const mrrTableReporter: MrrReporter = (result, terminal) => {
  const title = paint(terminal, 'bold', `MRR movements (${result.definition.currency})`);
  const causes = causesTable(result);
  const notes = [
    'Customers: subscribers at the period start -> at its end. NRR, GRR and logo churn are over the customers subscribed at the start.',
  ];
  return [
    `${title}\n${describeBridge(result).join('\n')}\n\n${bridgeTable(result)}\n`,
    causes === undefined ? '' : `\n${paint(terminal, 'bold', 'By cause')}\n${causes}\n`,
    `\n${notes.map((note) => `${note}\n`).join('')}`,
  ].join('');
};

/** The machine-readable bridge: the spec's JSON, as the API's `metric.movements` returns it. */
export const mrrJsonReporter: MrrReporter = (result) => `${JSON.stringify(result, null, 2)}\n`;

/**
 * One CSV line per period and segment, in the core's columns (`mrrCsvHeader`, shared with the
 * admin UI's export): numbers as the JSON has them, absent ratios empty.
 */
export const mrrCsvReporter: MrrReporter = (result) => {
  const { by } = result.definition;
  const line = (cells: readonly CsvCellValue[]) => cells.map(csvCell).join(',');
  return `${[line(mrrCsvHeader(by)), ...result.rows.map((row) => line(mrrCsvCells(row, by)))].join('\n')}\n`;
};

/** Reporters of `upsell mrr` by `--format` name. */
export const MRR_REPORTERS = { table: mrrTableReporter, json: mrrJsonReporter, csv: mrrCsvReporter } as const;
export type MrrFormat = keyof typeof MRR_REPORTERS;
