import type { InputFile } from '@upsell/compute';
import { UpsellError } from '@upsell/core';
import { formatOfFileName } from '@upsell/ingest';
import type { Command } from 'commander';
import { isParquetPath } from './warehouse/warehouse-flags.ts';

/** `--sheet` as commander parses it. */
export interface SheetOptions {
  sheet?: string;
}

/**
 * Adds `--sheet` to a command that reads purchase files: which sheet of an .xlsx workbook.
 *
 * @example
 * addSheetOption(program.command('validate'))
 */
export function addSheetOption(command: Command, options: { filesOnly?: boolean } = {}): Command {
  const where = options.filesOnly ? '; files only' : '';
  return command.option(
    '--sheet <name|n>',
    `the sheet of an .xlsx workbook to read, by name or number (1 is the first); default the first${where}`,
  );
}

/**
 * The purchase files of a command, each with its format from its name and, for a workbook, the
 * sheet asked for. A `--sheet` with no workbook to read it from is a usage error, and so is a
 * Parquet file, which only rate and report read (through DuckDB, before they come here).
 *
 * @example
 * inputFilesOf(['orders.xlsx'], { sheet: 'Orders' }) // [{ path: 'orders.xlsx', format: 'xlsx', sheet: 'Orders' }]
 */
export function inputFilesOf(paths: readonly string[], options: SheetOptions): InputFile[] {
  // rate and report take Parquet through DuckDB before they come here; a reader would take its bytes for CSV.
  const parquet = paths.find(isParquetPath);
  if (parquet !== undefined) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `${parquet}: Parquet files are read by upsell rate and upsell report (through DuckDB); here give CSV, NDJSON or .xlsx (DuckDB writes one: COPY (FROM '${parquet}') TO 'rows.csv')`,
    );
  }
  const files: InputFile[] = paths.map((path) => ({ path, format: formatOfFileName(path) }));
  const { sheet } = options;
  if (sheet === undefined) return files;
  if (!files.some((file) => file.format === 'xlsx')) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `--sheet ${sheet}: no .xlsx workbook among the files to read it from`,
    );
  }
  return files.map((file) => (file.format === 'xlsx' ? { ...file, sheet } : file));
}
