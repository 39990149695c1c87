import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { PERIOD_UNITS, RETENTION_DRILLS, SUBSCRIPTION_DRILL_FIGURES } from '@upsell/core';
import { Command, Option } from 'commander';
import {
  addDefinitionOnlyOptions,
  addDefinitionOptions,
  addSubscriptionFileOptions,
  FISCAL_YEAR_START_FLAG,
  FISCAL_YEAR_START_HELP,
} from './definition-flags.ts';
import { addServerOptions } from './remote/connect.ts';
import { addDatasetOptions } from './remote/metric-source.ts';
import { addSheetOption } from './sheet-flag.ts';
import type { Terminal } from './terminal.ts';
import { addValueFormatOptions } from './value-format-flags.ts';
import { addWarehouseOptions } from './warehouse/warehouse-flags.ts';

const version = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

const EXAMPLES = `
Examples:
  upsell report purchases.csv
  upsell rate purchases.csv --period month --by channel --format json
  upsell rate purchases.csv --industry saas --target 20      exit code 1 when below 20%
  upsell customers purchases.csv --period 2024-Q1 --segment channel=online
  upsell validate purchases.csv --map customer_id=Client
  upsell sample --rows 100000 --seed 1 --out sample.csv

Subscription history (a subscription_id column; one row per state or per change):
  upsell mrr subscriptions.csv --period month               the MRR bridge, NRR and GRR
  upsell rate subscriptions.csv --rule upgrade              the subscription upsell (here upgrade) rate
  upsell customers subscriptions.csv --period 2024-03 --figure expansion

Remote mode, on an Upsell server (--server and --token, or UPSELL_SERVER and UPSELL_TOKEN):
  upsell datasets import purchases.csv --name shop
  upsell datasets show shop --format json
  upsell rate --dataset shop --period month --by channel     the same output as on the file

Databases and Parquet (the metric compiled to SQL and run where the rows are):
  upsell rate --source postgres://app@db/shop --table purchases --period month --by channel
  upsell rate 'exports/*.parquet' --period month              Parquet through DuckDB
  upsell sql --dialect postgres --table purchases --columns customer_id:text,purchased_at:timestamptz,product_id:text,tier:integer

Exit codes: 0 ok, 1 the result is below --target (validate: bad rows found), 2 bad usage, bad input
or an error from the server.
Definitions of every number: docs/metrics.md.`;

const SQL_EXAMPLES = `
Examples:
  upsell sql --dialect postgres --table analytics.purchases --period month --by channel \\
    --columns customer_id:text,purchased_at:timestamptz,product_id:text,tier:integer,channel:text
  upsell sql --source postgres://app@db/shop --table purchases --position line_no > upsell_rate.sql
  upsell sql --dialect duckdb --table purchases --columns customer_id:VARCHAR,purchased_at:TIMESTAMP,product_id:VARCHAR,amount:'DECIMAL(18,4)' --rule additional

The statement returns the counters per period and segment (the engine's cells); upsell rate
--source runs it and builds the rates, intervals, bands and changes from them. docs/cli.md has
the details.`;

const DATASETS_EXAMPLES = `
Examples:
  export UPSELL_SERVER=http://localhost:3000 UPSELL_TOKEN=ups_...
  upsell datasets import exports/2024-h1.csv --name shop
  upsell datasets append shop exports/2024-h2.csv
  upsell datasets append shop customers.csv --kind customers
  upsell datasets import subscriptions.csv --name saas --currency EUR
  upsell datasets append saas fx-rates.csv --kind fx
  upsell mrr --dataset saas --period month
  upsell datasets list
  upsell datasets show shop --format json
  upsell datasets errors shop --limit 20
  upsell datasets delete shop
  upsell rate --dataset shop --period month           report, rate, customers and mrr take --dataset

The server's messages are shown as "upsell: server: ..." with exit code 2.`;

const ALERTS_EXAMPLES = `
Examples:
  export UPSELL_SERVER=http://localhost:3000 UPSELL_TOKEN=ups_...
  upsell alerts create --dataset shop --condition below-target --target 20 --period quarter --url https://hooks.example.com/upsell
  upsell alerts create --dataset shop --condition band-crossing --period month --by channel --url https://hooks.example.com/upsell
  upsell alerts create --dataset saas --condition nrr-below --threshold 95 --period month --url https://hooks.example.com/upsell
  upsell alerts list --dataset shop
  upsell alerts test <rule id>                        exit code 1 when the receiver did not take it
  upsell alerts delete <rule id>

Conditions (on the latest period; docs/metrics.md, "Alerts"): band-crossing, below-target,
below-benchmark (needs --industry), significant-change (p < 0.05 against the previous period),
nrr-below and grr-below (subscription datasets, with --threshold in percent).
Rules are evaluated after every import and append and on the server's schedule; each firing is
POSTed once to the webhook, signed with the secret printed at create (docs/server.md).`;

/**
 * The `upsell` program. Commands resolve to an exit code; `main.ts` alone turns errors into
 * exit codes and ends the process. Each command's module is loaded when it runs, so that a run
 * loads only its own (the server client, the sample generator, the workbook readers of the
 * others are not paid for at the start of `upsell mrr`).
 */
export function createProgram(terminal: Terminal, setExitCode: (code: number) => void): Command {
  const program = new Command('upsell')
    .description(
      'How many of your existing customers buy more, and why: upsell rates from purchase exports and subscription history, and the MRR bridge.',
    )
    .version(version, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: terminal.out, writeErr: terminal.err })
    .addHelpText('after', EXAMPLES)
    .exitOverride();

  const format = (choices: string[]) =>
    new Option('--format <format>', 'output format').choices(choices).default(choices[0]);

  const files =
    'purchase or subscription files (CSV, NDJSON or .xlsx; purchases as Parquet too, globs allowed), or --dataset <name> for a dataset on a server, or --source <url> --table <name> for a database';

  addDefinitionOptions(
    addWarehouseOptions(
      addDatasetOptions(
        program
          .command('report')
          .description('both rates per period with band, interval, change, benchmark and target')
          .argument('[files...]', files)
          .addOption(format(['table', 'json'])),
      ),
    ),
    { metric: false, period: true },
  ).action(async (files: string[], options) =>
    setExitCode(await (await import('./commands/report.ts')).reportCommand(files, options, terminal)),
  );

  addDefinitionOptions(
    addWarehouseOptions(
      addDatasetOptions(
        program
          .command('rate')
          .description('one metric per period and segment')
          .argument('[files...]', files)
          .addOption(format(['table', 'json', 'csv'])),
      ),
    ),
  ).action(async (files: string[], options) =>
    setExitCode(await (await import('./commands/rate.ts')).rateCommand(files, options, terminal)),
  );

  addDefinitionOptions(
    addWarehouseOptions(
      addDatasetOptions(
        program
          .command('explain')
          .description(
            'why the rate moved between two periods: each segment of --by, its rate effect and its mix effect',
          )
          .argument('[files...]', files)
          .addOption(format(['table', 'json'])),
      ),
    ),
  ).action(async (files: string[], options) =>
    setExitCode(await (await import('./commands/explain.ts')).explainCommand(files, options, terminal)),
  );

  addDefinitionOptions(
    addWarehouseOptions(
      addDatasetOptions(
        program
          .command('whatif')
          .description(
            'what raising the upsell rate to --target (percent, default 20) would be worth per period and per year, with its interval and assumptions',
          )
          .argument('[files...]', files)
          .addOption(format(['table', 'json', 'csv']))
          .addHelpText(
            'after',
            `
Examples:
  upsell whatif purchases.csv --target 22                   extra upsell revenue a year at 22%
  upsell whatif purchases.csv --period quarter --by channel --target 25 --format json
  upsell whatif subscriptions.csv --target 15               in expansion MRR, and ARR

Purchases are valued by the upsell revenue per upsold customer (an amount column is needed),
subscription history by the expansion MRR per upsold customer. The latest year of periods is the
basis; the assumptions are printed beside the figures (docs/metrics.md, "What a target is worth").`,
          ),
      ),
    ),
  ).action(async (files: string[], options) =>
    setExitCode(await (await import('./commands/whatif.ts')).whatifCommand(files, options, terminal)),
  );

  const retention = program
    .command('retention')
    .description(
      'retention KPIs of purchase files per period and segment: repeat purchase, retention and churn rates, AOV, revenue per customer, historic lifetime value',
    )
    .argument('[files...]', 'purchase files (CSV, NDJSON or .xlsx, globs allowed)')
    .option(
      '--inactive-after <days>',
      'a customer churns after this many days without an order (90d, 30, or none)',
      '90d',
    )
    .addOption(
      new Option('--drill <kpi>', 'list the customers behind a KPI of one period (with --at)').choices([
        ...RETENTION_DRILLS,
      ]),
    )
    .option('--at <label>', 'the period of --drill: 2024-03, 2024-Q1, ...')
    .option(
      '--segment <column=value>',
      'the segment of --drill (repeatable)',
      (v: string, p: string[]) => [...p, v],
      [],
    )
    .addOption(format(['table', 'json', 'csv']))
    .addHelpText(
      'after',
      `
Examples:
  upsell retention purchases.csv --period month --by channel --inactive-after 90d
  upsell retention purchases.csv --period quarter --format csv
  upsell retention purchases.csv --period month --drill churned --at 2024-03 --segment channel=online
  upsell retention --dataset shop --period quarter           a purchase dataset on a server

Each KPI, its numerator and denominator, and the churn boundary: docs/metrics.md, "Retention KPIs".`,
    );
  addDefinitionOptions(addDatasetOptions(retention), { metric: false, period: true });
  retention.action(async (files: string[], options) =>
    setExitCode(await (await import('./commands/retention.ts')).retentionCommand(files, options, terminal)),
  );

  addDefinitionOptions(
    addDatasetOptions(
      program
        .command('cohorts')
        .description(
          'acquisition cohorts by periods since (the share upsold by then; for subscriptions also revenue retention) and the days to first upsell (Kaplan-Meier)',
        )
        .argument('[files...]', files)
        .addOption(format(['table', 'json']))
        .option('--columns <n>', 'most periods-since columns in the table (json has all)', '12')
        .addHelpText(
          'after',
          `
Examples:
  upsell cohorts purchases.csv --period month
  upsell cohorts purchases.csv --period quarter --by channel --format json
  upsell cohorts subscriptions.csv --period month --rule upgrade

Customers not upsold by the data's last day count as censored, not as never upsold: the
median and quartiles of the days to first upsell are Kaplan-Meier estimates. Subscription
history is grouped by first subscription, and each cohort's MRR is followed: net and gross
revenue retention against its starting MRR, and subscribers kept (docs/metrics.md).`,
        ),
    ),
    { metric: false, period: true },
  ).action(async (files: string[], options) =>
    setExitCode(await (await import('./commands/cohorts.ts')).cohortsCommand(files, options, terminal)),
  );

  const customers = program
    .command('customers')
    .description('the customers and lines behind one row: who is in the numerator and why')
    .argument('[files...]', files)
    .requiredOption(
      '--period <label>',
      "the row's period label: 2024-03-07, 2024-W10, 2024-03, 2024-Q1, 2024, FY2025-Q1 (with --fiscal-year-start) or all",
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
    .addOption(
      new Option(
        '--figure <figure>',
        "subscription history: whose customers to list, a bridge figure or the rate's eligible or qualifying ones (default eligible)",
      ).choices(SUBSCRIPTION_DRILL_FIGURES),
    )
    .addOption(format(['table', 'json', 'csv']));
  // The row's period label stands in for the period unit here.
  addDefinitionOptions(addWarehouseOptions(addDatasetOptions(customers)), { metric: true, period: false });
  customers.action(async (files: string[], options) =>
    setExitCode(await (await import('./commands/customers.ts')).customersCommand(files, options, terminal)),
  );

  const collectMap = (value: string, previous: string[]) => [...previous, value];
  addDefinitionOnlyOptions(
    program
      .command('sql')
      .description(
        'print the SQL statement that computes a metric on a database table, for a dbt model, a BI tool or psql',
      )
      // Checked by the command, so that loading the compiler is paid for by upsell sql alone.
      .option('--dialect <dialect>', 'the SQL to write: postgres or duckdb (default: that of --source)')
      .requiredOption('--table <name>', 'the purchases table or view (schema.table)')
      .option(
        '--map <field=column>',
        'read a field from a column of another name (repeatable)',
        collectMap,
        [],
      )
      .option(
        '--position <column>',
        'the column holding the input order, for ties between orders at one time',
      )
      .option('--customers-table <name>', 'a customers table (customer_id and attributes for --by)')
      .option('--catalog-table <name>', 'a product catalog table (product_id, tier, family)')
      .option(
        '--columns <name:type,...>',
        "the purchases table's columns and types (text, integer, decimal, float, timestamp, timestamptz, date, boolean, or the database's names), when no --source describes them",
      )
      .option('--customers-columns <name:type,...>', "the customers table's columns, as --columns")
      .option('--catalog-columns <name:type,...>', "the catalog table's columns, as --columns")
      .option('--source <url>', "read the tables' columns from this database: postgres://... or duckdb:FILE")
      .addHelpText('after', SQL_EXAMPLES),
  ).action(async (options) =>
    setExitCode(await (await import('./commands/sql.ts')).sqlCommand(options, terminal)),
  );

  const mrr = program
    .command('mrr')
    .description(
      'the MRR bridge of subscription history per period and segment: new, reactivation, expansion and contraction by cause, churn, NRR, GRR',
    )
    .argument(
      '[files...]',
      'subscription files (CSV or .xlsx, one row per state or per change), or --dataset <name> for a dataset on a server',
    )
    .addOption(new Option('--period <unit>', 'bucket by').choices(PERIOD_UNITS).default('month'))
    .option('--by <columns>', 'segment by these columns or customer attributes, comma-separated')
    .option('--tz <zone>', 'IANA time zone of the periods and days, and of times without an offset', 'UTC')
    .option('--from <period>', 'first period to report (a label such as 2024-03, or a date)')
    .option('--to <period>', 'last period to report (a label or a date)')
    .option(FISCAL_YEAR_START_FLAG, FISCAL_YEAR_START_HELP)
    .option(
      '--customers <file>',
      'customer attributes file (customer_id plus columns to segment by); files only',
    )
    .option(
      '--map <field=column>',
      'read a field from a column of another name (repeatable); files only',
      (v: string, p: string[]) => [...p, v],
      [],
    )
    .option('--skip-bad-rows', 'report bad rows and go on without them (default: stop); files only')
    .option(
      '--threads <n>',
      'worker threads for large inputs (16 MiB or more), each taking a share of the customers; files only',
      String(Math.min(8, availableParallelism())),
    )
    .option('--stats', 'print rows/s, threads and peak memory to stderr; files only')
    .addOption(format(['table', 'json', 'csv']));
  addSheetOption(
    addValueFormatOptions(addSubscriptionFileOptions(addDatasetOptions(mrr)), { filesOnly: true }),
    { filesOnly: true },
  ).action(async (files: string[], options) =>
    setExitCode(await (await import('./commands/mrr.ts')).mrrCommand(files, options, terminal)),
  );

  const validate = program
    .command('validate')
    .description(
      'check a purchase or subscription file: how its columns are read, every bad row, the accounting',
    )
    .argument('<file>', 'purchase or subscription file (CSV, NDJSON or .xlsx)')
    .option(
      '--map <field=column>',
      'read a field from a column of another name (repeatable)',
      (v: string, p: string[]) => [...p, v],
      [],
    )
    .option('--tz <zone>', 'IANA time zone for times without an offset', 'UTC')
    .option('--customers <file>', 'also check a customers file')
    .option('--catalog <file>', 'also check a product catalog')
    .addOption(format(['table', 'json']));
  addSubscriptionFileOptions(validate);
  addSheetOption(addValueFormatOptions(validate)).action(async (file: string, options) =>
    setExitCode(await (await import('./commands/validate.ts')).validateCommand(file, options, terminal)),
  );

  program
    .command('sample')
    .description('write deterministic, realistic demo purchases (or subscription history) as CSV')
    .requiredOption('--rows <n>', 'number of purchase lines (or subscription state rows)')
    .option('--seed <n>', 'random seed: the same seed gives the same file', '1')
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--customers-out <file>', "also write the customers' attributes (region, industry, size)")
    .option('--start <date>', 'first day, YYYY-MM-DD', '2023-01-01')
    .option('--months <n>', 'months covered', '24')
    .option('--customers <n>', 'size of the customer base (default rows / 8; subscriptions: rows / 1.9)')
    .addOption(
      new Option('--kind <kind>', 'purchases, or subscriptions (states of SaaS subscriptions)')
        .choices(['purchases', 'subscriptions'])
        .default('purchases'),
    )
    .option(
      '--fx-out <file>',
      'subscriptions: where the exchange rates go (default beside --out: x.csv -> x.fx.csv)',
    )
    .action(async (options) =>
      setExitCode(await (await import('./commands/sample.ts')).sampleCommand(options, terminal)),
    );

  const datasets = program
    .command('datasets')
    .description('datasets on an Upsell server: list, show, import, append, delete, errors')
    .addHelpText('after', DATASETS_EXAMPLES);
  const onServer = (command: Command) => addServerOptions(command).addOption(format(['table', 'json']));
  const collect = (value: string, previous: string[]) => [...previous, value];
  const fileOptions = (command: Command) =>
    command
      .option('--map <field=column>', 'read a field from a column of another name (repeatable)', collect, [])
      .addOption(
        new Option('--format-in <format>', 'how to read the file (default: from its name)').choices([
          'csv',
          'ndjson',
          'xlsx',
        ]),
      )
      .option(
        '--sheet <name|n>',
        'the sheet of an .xlsx workbook, by name or number (1 is the first); default the first; the server keeps it as CSV',
      )
      .addOption(
        new Option(
          '--kind <kind>',
          "purchase lines, subscription history, customer attributes (customers CSV) or a subscription dataset's exchange rates (fx: date,currency,rate); default told by the header (a subscription_id column: subscriptions)",
        ).choices(['purchases', 'subscriptions', 'customers', 'fx']),
      );
  const purchaseFileOptions = (command: Command) => addValueFormatOptions(fileOptions(command));

  onServer(datasets.command('list').description("the server's datasets")).action(async (options) =>
    setExitCode(await (await import('./commands/datasets-list.ts')).datasetsListCommand(options, terminal)),
  );
  onServer(
    datasets
      .command('show')
      .description('what a dataset holds: rows, customers, dates, columns, dimensions, files')
      .argument('<dataset>', 'dataset name or id'),
  ).action(async (dataset: string, options) =>
    setExitCode(
      await (await import('./commands/datasets-show.ts')).datasetsShowCommand(dataset, options, terminal),
    ),
  );
  purchaseFileOptions(
    onServer(
      datasets
        .command('import')
        .description('upload a file into a dataset, made if it does not exist')
        .argument(
          '<file>',
          'purchase or subscription file (CSV, NDJSON or .xlsx), customers (CSV or .xlsx) with --kind customers, or exchange rates with --kind fx',
        )
        .requiredOption('--name <name>', 'the dataset: letters, digits, ".", "_" and "-"')
        .option(
          '--currency <code>',
          'the reporting currency of subscription MRR when the dataset is made (default USD)',
        ),
    ),
  ).action(async (file: string, options) =>
    setExitCode(
      await (await import('./commands/datasets-import.ts')).datasetsImportCommand(file, options, terminal),
    ),
  );
  purchaseFileOptions(
    onServer(
      datasets
        .command('append')
        .description('add a later file to a dataset (read with the mapping of its first file)')
        .argument('<dataset>', 'dataset name or id')
        .argument(
          '<file>',
          'purchase or subscription file (CSV, NDJSON or .xlsx), customers (CSV or .xlsx) with --kind customers, or exchange rates with --kind fx',
        ),
    ),
  ).action(async (dataset: string, file: string, options) =>
    setExitCode(
      await (await import('./commands/datasets-import.ts')).datasetsAppendCommand(
        dataset,
        file,
        options,
        terminal,
      ),
    ),
  );
  onServer(
    datasets
      .command('delete')
      .description('delete a dataset and its files, without asking; prints what it deleted')
      .argument('<dataset>', 'dataset name or id'),
  ).action(async (dataset: string, options) =>
    setExitCode(
      await (await import('./commands/datasets-delete.ts')).datasetsDeleteCommand(dataset, options, terminal),
    ),
  );
  onServer(
    datasets
      .command('errors')
      .description('the rejected rows of a dataset, as file:line:column (column name): reason')
      .argument('<dataset>', 'dataset name or id')
      .option('--offset <n>', 'problems to skip', '0')
      .option('--limit <n>', 'problems to list, 1 to 1,000', '100'),
  ).action(async (dataset: string, options) =>
    setExitCode(
      await (await import('./commands/datasets-errors.ts')).datasetsErrorsCommand(dataset, options, terminal),
    ),
  );

  const alerts = program
    .command('alerts')
    .description('alert rules on an Upsell server: list, create, delete, test')
    .addHelpText('after', ALERTS_EXAMPLES);
  onServer(
    alerts
      .command('list')
      .description("the server's alert rules (never their secrets)")
      .option('--dataset <name>', "only this dataset's rules"),
  ).action(async (options) =>
    setExitCode(await (await import('./commands/alerts.ts')).alertsListCommand(options, terminal)),
  );
  addDefinitionOnlyOptions(
    onServer(
      alerts
        .command('create')
        .description('a rule on a dataset and definition whose firings are POSTed to a webhook')
        .requiredOption('--dataset <name>', 'dataset name or id')
        .requiredOption(
          '--condition <condition>',
          'band-crossing, below-target, below-benchmark, significant-change, nrr-below or grr-below',
        )
        .requiredOption('--url <url>', 'the webhook: http or https (the server may refuse private addresses)')
        .option('--name <name>', 'a name for people (default: the condition and the dataset)')
        .option('--threshold <percent>', 'for nrr-below and grr-below: fires below this, e.g. 90'),
    ),
  ).action(async (options) =>
    setExitCode(await (await import('./commands/alerts.ts')).alertsCreateCommand(options, terminal)),
  );
  onServer(
    alerts
      .command('delete')
      .description('delete a rule with its firings and deliveries')
      .argument('<id>', 'the rule id (upsell alerts list)'),
  ).action(async (id: string, options) =>
    setExitCode(await (await import('./commands/alerts.ts')).alertsDeleteCommand(id, options, terminal)),
  );
  onServer(
    alerts
      .command('test')
      .description("send a test payload to a rule's webhook now and say what it answered")
      .argument('<id>', 'the rule id (upsell alerts list)'),
  ).action(async (id: string, options) =>
    setExitCode(await (await import('./commands/alerts.ts')).alertsTestCommand(id, options, terminal)),
  );

  return program;
}
