import type { RouterOutputs } from '@upsell/client';
import { paint, type Terminal } from '../terminal.ts';
import { alignColumns, fileSize, whole } from './format-number.ts';

/** A dataset as the server summarises it (`dataset.byId`): files, rows, customers, columns. */
export type DatasetSummary = RouterOutputs['dataset']['byId'];
/** What `dataset.import` and `dataset.append` did. */
export type ImportOutcome = RouterOutputs['dataset']['import'];

/** Values of a dimension shown in the details; the JSON has them all (up to 1,000). */
const SHOWN_VALUES = 8;

const day = (time: string) => time.slice(0, 10);
const files = (n: number) => `${whole(n)} ${n === 1 ? 'file' : 'files'}`;

/** A dataset in one line: its name, rows, files, customers, dates and version. */
export function describeDataset(dataset: DatasetSummary): string {
  const dates = dataset.dateRange
    ? `, ${day(dataset.dateRange.first)} to ${day(dataset.dateRange.last)}`
    : '';
  return `${dataset.name}: ${whole(dataset.rows)} rows in ${files(dataset.files.length)}, ${whole(dataset.customers)} customers${dates}, version ${dataset.version}`;
}

/** The table of `upsell datasets list`: one line per dataset. */
export function datasetsTable(datasets: readonly DatasetSummary[]): string {
  if (datasets.length === 0) {
    return '(no datasets yet: upsell datasets import <file> --name <name> makes one)\n';
  }
  const header = ['Name', 'Version', 'Rows', 'Rejected', 'Customers', 'Files', 'First', 'Last', 'Created'];
  const rows = datasets.map((d) => [
    d.name,
    String(d.version),
    whole(d.rows),
    whole(d.rejected),
    whole(d.customers),
    String(d.files.length),
    d.dateRange ? day(d.dateRange.first) : '',
    d.dateRange ? day(d.dateRange.last) : '',
    day(d.createdAt),
  ]);
  return `${alignColumns(header, rows)}\n`;
}

/** The details of `upsell datasets show`: what the dataset holds, then its files. */
export function datasetDetails(dataset: DatasetSummary, terminal: Terminal): string {
  const list = (values: readonly (string | number)[]) => (values.length === 0 ? 'none' : values.join(', '));
  const dimension = (d: DatasetSummary['dimensions'][number]) => {
    const shown = d.values.slice(0, SHOWN_VALUES).join(', ');
    const more = d.values.length - SHOWN_VALUES;
    const rest = more > 0 || d.more ? `, ... ${d.more ? 'more' : `${more} more`}` : '';
    return `${d.name}${d.from === 'customer' ? ' (customer attribute)' : ''}: ${shown}${rest}`;
  };
  const lines = [
    paint(terminal, 'bold', `Dataset ${dataset.name}`),
    `Id: ${dataset.id}, version ${dataset.version}, created ${dataset.createdAt}`,
    `Rows read ${whole(dataset.rows)} = accepted ${whole(dataset.accepted)} + rejected ${whole(dataset.rejected)}; ${whole(dataset.customers)} customers`,
    `Dates: ${dataset.dateRange ? `${dataset.dateRange.first} to ${dataset.dateRange.last}` : 'none'}`,
    `Columns: ${list(dataset.columns)}`,
    `Tiers: ${list(dataset.tiers)}`,
    `Families: ${list(dataset.families)}`,
    `Dimensions: ${dataset.dimensions.length === 0 ? 'none' : ''}`,
    ...dataset.dimensions.map((d) => `  ${dimension(d)}`),
    '',
  ];
  if (dataset.files.length === 0) {
    lines.push('No files yet: upsell datasets import <file> --name <name> adds the first.');
  } else {
    const header = [
      '#',
      'File',
      'Kind',
      'Format',
      'Version',
      'Rows',
      'Accepted',
      'Rejected',
      'Size',
      'Added',
    ];
    const rows = dataset.files.map((f) => [
      String(f.sequence),
      f.fileName,
      f.kind,
      f.format,
      String(f.version),
      whole(f.rows),
      whole(f.accepted),
      whole(f.rejected),
      fileSize(f.bytes),
      f.createdAt,
    ]);
    lines.push(alignColumns(header, rows));
  }
  return `${lines.map((line) => line.trimEnd()).join('\n')}\n`;
}

/** What an import or append did, for people: the file's accounting, then the dataset. */
export function describeOutcome(outcome: ImportOutcome, verb: 'Imported' | 'Appended'): string {
  const { file, dataset } = outcome;
  const what =
    file.kind === 'customers'
      ? `customers file ${file.fileName}`
      : file.kind === 'fx'
        ? `exchange rates ${file.fileName}`
        : file.fileName;
  const first = outcome.duplicate
    ? `${what} is already in dataset ${dataset.name} (file ${file.sequence}, version ${file.version}): nothing changed`
    : `${verb} ${what} ${verb === 'Imported' ? 'into' : 'to'} dataset ${dataset.name}, now version ${dataset.version}: rows read ${whole(file.rows)} = accepted ${whole(file.accepted)} + rejected ${whole(file.rejected)}`;
  const rejected =
    !outcome.duplicate && file.rejected > 0
      ? `upsell datasets errors ${dataset.name} lists the rejected rows\n`
      : '';
  const notes = outcome.notes.map((note) => `Note: ${note}\n`).join('');
  return `${first}\n${rejected}${notes}Dataset ${describeDataset(dataset)}\n`;
}
