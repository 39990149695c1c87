export {
  type CsvTokenizer,
  type CsvTokenizerOptions,
  createCsvTokenizer,
  delimiterOfFirstChunk,
} from './create-csv-tokenizer.ts';
export { type CsvCellValue, csvCell } from './csv-cell.ts';
export { detectDelimiter } from './detect-delimiter.ts';
export { fieldEquals } from './field-equals.ts';
export { fieldText } from './field-text.ts';
export { grownBytes } from './grown-bytes.ts';
export { isAsciiBytes, latin1Text } from './latin1-text.ts';
export { type CsvRecord, type ReadCsvOptions, readCsv } from './read-csv.ts';
export { type NdjsonRecord, type ReadNdjsonOptions, readNdjson } from './read-ndjson.ts';
export { rowFields } from './row-fields.ts';
export type { CsvIssue, Delimiter, RowView } from './types.ts';
