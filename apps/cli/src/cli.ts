import { createRequire } from 'node:module';
import { Command, Option } from 'commander';
import { customersCommand } from './commands/customers.ts';
import { rateCommand } from './commands/rate.ts';
import { reportCommand } from './commands/report.ts';
import { sampleCommand } from './commands/sample.ts';
import { validateCommand } from './commands/validate.ts';
import { addDefinitionOptions } from './definition-options.ts';
import type { Terminal } from './terminal.ts';

const version = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

const EXAMPLES = `
Examples:
  upsell report purchases.csv
  upsell rate purchases.csv --period month --by channel --format json
  upsell rate purchases.csv --industry saas --target 20      exit code 1 when below 20%
  upsell customers purchases.csv --period 2024-Q1 --segment channel=online
  upsell validate purchases.csv --map customer_id=Client
  upsell sample --rows 100000 --seed 1 --out sample.csv

Exit codes: 0 ok, 1 the result is below --target (validate: bad rows found), 2 bad usage or bad input.
Definitions of every number: docs/metrics.md.`;

/**
 * The `upsell` program. Commands resolve to an exit code; `main.ts` alone turns errors into
 * exit codes and ends the process.
 */
export function createProgram(terminal: Terminal, setExitCode: (code: number) => void): Command {
  const program = new Command('upsell')
    .description('How many of your existing customers buy more, and why: upsell rates from purchase exports.')
    .version(version, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: terminal.out, writeErr: terminal.err })
    .addHelpText('after', EXAMPLES)
    .exitOverride();

  const format = (choices: string[]) =>
    new Option('--format <format>', 'output format').choices(choices).default(choices[0]);

  addDefinitionOptions(
    program
      .command('report')
      .description('both rates per period with band, interval, change, benchmark and target')
      .argument('<files...>', 'purchase files (CSV or NDJSON)')
      .addOption(format(['table', 'json'])),
    { metric: false, period: true },
  ).action(async (files: string[], options) => setExitCode(await reportCommand(files, options, terminal)));

  addDefinitionOptions(
    program
      .command('rate')
      .description('one metric per period and segment')
      .argument('<files...>', 'purchase files (CSV or NDJSON)')
      .addOption(format(['table', 'json', 'csv'])),
  ).action(async (files: string[], options) => setExitCode(await rateCommand(files, options, terminal)));

  const customers = program
    .command('customers')
    .description('the customers and lines behind one row: who is in the numerator and why')
    .argument('<files...>', 'purchase files (CSV or NDJSON)')
    .requiredOption(
      '--period <label>',
      "the row's period label: 2024-03-07, 2024-W10, 2024-03, 2024-Q1, 2024 or all",
    )
    .option(
      '--segment <column=value>',
      "the row's segment (repeatable)",
      (v: string, p: string[]) => [...p, v],
      [],
    )
    .option(
      '--limit <n>',
      'customers (or lines) to list, or "all" (default: 20 in the table, all in JSON and CSV)',
    )
    .addOption(format(['table', 'json', 'csv']));
  // The row's period label stands in for the period unit here.
  addDefinitionOptions(customers, { metric: true, period: false });
  customers.action(async (files: string[], options) =>
    setExitCode(await customersCommand(files, options, terminal)),
  );

  program
    .command('validate')
    .description('check a purchase file: how its columns are read, every bad row, the accounting')
    .argument('<file>', 'purchase file (CSV or NDJSON)')
    .option(
      '--map <field=column>',
      'read a field from a column of another name (repeatable)',
      (v: string, p: string[]) => [...p, v],
      [],
    )
    .option('--tz <zone>', 'IANA time zone for times without an offset', 'UTC')
    .option('--customers <file>', 'also check a customers file')
    .option('--catalog <file>', 'also check a product catalog')
    .addOption(format(['table', 'json']))
    .action(async (file: string, options) => setExitCode(await validateCommand(file, options, terminal)));

  program
    .command('sample')
    .description('write deterministic, realistic demo purchases as CSV')
    .requiredOption('--rows <n>', 'number of purchase lines')
    .option('--seed <n>', 'random seed: the same seed gives the same file', '1')
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--customers-out <file>', "also write the customers' attributes (region, industry, size)")
    .option('--start <date>', 'first day, YYYY-MM-DD', '2023-01-01')
    .option('--months <n>', 'months covered', '24')
    .option('--customers <n>', 'size of the customer base (default rows / 8)')
    .action(async (options) => setExitCode(await sampleCommand(options, terminal)));

  return program;
}
