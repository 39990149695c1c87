import { availableParallelism } from 'node:os';
import type { ComputeJob } from '@upsell/compute';
import {
  applyMetricDefaults,
  benchmarkLacksIndustry,
  checkRuleFitsMetric,
  DEFINITION_DEFAULTS,
  type DefinitionInput,
  DefinitionSchema,
  ELIGIBILITIES,
  INDUSTRIES,
  isPercent,
  isSubscriptionMetric,
  METRICS,
  MONTH_NAMES,
  PERIOD_UNITS,
  parseColumnMap,
  percentToFraction,
  RULES,
  UpsellError,
} from '@upsell/core';
import { type Command, Option } from 'commander';
import { addSheetOption, inputFilesOf, type SheetOptions } from './sheet-flag.ts';
import { addValueFormatOptions, type ValueFormatOptions, valueFormatsOf } from './value-format-flags.ts';

/**
 * The flags shared by the commands that compute a metric, as commander parses them, and the
 * definition and job they describe. The defaults and the rules across fields are the core's
 * (`definition-rules.ts`), the same the admin UI uses.
 */
export interface DefinitionOptions extends ValueFormatOptions, SheetOptions {
  metric: (typeof METRICS)[number];
  period: (typeof PERIOD_UNITS)[number];
  by?: string;
  rule: (typeof RULES)[number];
  eligible: (typeof ELIGIBILITIES)[number];
  tz: string;
  from?: string;
  to?: string;
  fiscalYearStart?: string;
  customers?: string;
  catalog?: string;
  map: string[];
  industry?: (typeof INDUSTRIES)[number];
  target?: string;
  benchmark?: string;
  skipBadRows?: boolean;
  threads: string;
  /** Unset: as many as `maxMemory` needs. */
  passes?: string;
  /** The peak memory budget in MiB, from which the passes follow. */
  maxMemory: string;
  stats?: boolean;
  /** The reporting currency of subscription MRR. */
  currency: string;
  /** An exchange rates file for subscription files in several currencies. */
  fx?: string;
  /** The options left at their defaults (set before the action), so a file's kind may choose them. */
  defaulted?: string[];
}

/** The options that say what to count, as {@link addDefinitionOnlyOptions} adds them. */
export type DefinitionFlags = Pick<
  DefinitionOptions,
  | 'metric'
  | 'period'
  | 'by'
  | 'rule'
  | 'eligible'
  | 'tz'
  | 'from'
  | 'to'
  | 'fiscalYearStart'
  | 'industry'
  | 'target'
  | 'benchmark'
  | 'defaulted'
>;

/** Options whose default depends on the metric, or the metric on the files. */
const KIND_DEPENDENT = ['metric', 'eligible'];

const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * Adds the options that say what to count (metric, period, segments, rule, eligibility, zone,
 * range, benchmark and target): those of every command that computes a metric, and of
 * `upsell sql`, which only compiles one.
 */
export function addDefinitionOnlyOptions(
  command: Command,
  options: { metric: boolean; period: boolean } = { metric: true, period: true },
): Command {
  if (options.metric) {
    command.addOption(
      new Option(
        '--metric <metric>',
        'which rate; on subscription files the default is subscription-upsell-rate',
      )
        .choices(METRICS)
        .default(DEFINITION_DEFAULTS.metric),
    );
  }
  if (options.period) {
    command.addOption(
      new Option('--period <unit>', 'bucket by').choices(PERIOD_UNITS).default(DEFINITION_DEFAULTS.period),
    );
  }
  return command
    .option('--by <columns>', 'segment by these columns or customer attributes, comma-separated')
    .addOption(
      new Option(
        '--rule <rule>',
        'what counts as an upsell: auto, flag, tier, price, additional for purchases; expansion (what auto means there), upgrade, add_on, quantity for subscription-upsell-rate',
      )
        .choices(RULES)
        .default(DEFINITION_DEFAULTS.rule),
    )
    .addOption(
      new Option(
        '--eligible <who>',
        'who is in the denominator; default all, existing for subscription-upsell-rate',
      )
        .choices(ELIGIBILITIES)
        .default(DEFINITION_DEFAULTS.eligible),
    )
    .option(
      '--tz <zone>',
      'IANA time zone of the periods, and of times without an offset',
      DEFINITION_DEFAULTS.timeZone,
    )
    .option('--from <period>', 'first period to report (a label such as 2024-Q1, or a date)')
    .option('--to <period>', 'last period to report (a label or a date)')
    .option(FISCAL_YEAR_START_FLAG, FISCAL_YEAR_START_HELP)
    .addOption(new Option('--industry <industry>', 'compare with an industry benchmark').choices(INDUSTRIES))
    .option('--benchmark <percent>', 'replace the --industry benchmark with your own figure, in percent')
    .option('--target <percent>', 'your target rate in percent, e.g. 20; below it the exit code is 1')
    .hook('preAction', (self) => {
      self.setOptionValue(
        'defaulted',
        KIND_DEPENDENT.filter((name) => self.getOptionValueSource(name) === 'default'),
      );
    });
}

/** Adds the definition options to a command that computes a metric, with those of the files it reads. */
export function addDefinitionOptions(
  command: Command,
  options: { metric: boolean; period: boolean } = { metric: true, period: true },
): Command {
  addDefinitionOnlyOptions(command, options)
    .option(
      '--customers <file>',
      'customer attributes file (customer_id plus columns to segment by); files only',
    )
    .option(
      '--catalog <file>',
      'product catalog: product_id, tier and optionally family, for exports without them; files only',
    )
    .option(
      '--map <field=column>',
      'read a field from a column of another name (repeatable); files and --source',
      collect,
      [],
    )
    .option('--skip-bad-rows', 'report bad rows and go on without them (default: stop); files and --source')
    .option(
      '--threads <n>',
      'worker threads for large inputs; files only',
      String(Math.min(8, availableParallelism())),
    )
    .option(
      '--passes <n>',
      'read the input n times, a share of the customers each time: less memory, more time (default: as --max-memory needs); files only',
    )
    .option(
      '--max-memory <MiB>',
      'peak memory to keep within, in MiB: the passes follow from it, unless --passes is given; files only',
      String(DEFAULT_MAX_MEMORY_MIB),
    )
    .option('--stats', 'print rows/s, threads and peak memory to stderr; files only');
  addSubscriptionFileOptions(command);
  return addSheetOption(addValueFormatOptions(command, { filesOnly: true }), { filesOnly: true });
}

/** Adds `--currency` and `--fx`, read with subscription files. */
export function addSubscriptionFileOptions(command: Command): Command {
  return command
    .option('--currency <code>', 'reporting currency of subscription MRR (ISO 4217); files only', 'USD')
    .option(
      '--fx <file>',
      'exchange rates for subscription files: date, currency, rate (units of --currency per unit); files only',
    );
}

/** The flag that makes quarters and years fiscal, shared by the commands that bucket by period. */
export const FISCAL_YEAR_START_FLAG = '--fiscal-year-start <month>';
export const FISCAL_YEAR_START_HELP =
  'the month your fiscal year starts (1-12 or a name, e.g. oct): quarters and years become FY2025-Q1, FY2025 (named by the year they end in)';

/**
 * Reads `--fiscal-year-start`: a month number 1-12, or a month's name or its first three letters.
 *
 * @example
 * parseFiscalYearStart('oct') // 10
 */
export function parseFiscalYearStart(text: string): number {
  const word = text.trim().toLowerCase();
  const number = /^\d{1,2}$/.test(word) ? Number(word) : undefined;
  if (number !== undefined && number >= 1 && number <= 12) return number;
  const named = MONTH_NAMES.findIndex((name) => word.length >= 3 && name.toLowerCase().startsWith(word));
  if (named >= 0) return named + 1;
  throw new UpsellError(
    'INVALID_ARGUMENT',
    `--fiscal-year-start "${text}": give the month the fiscal year starts in, 1-12 or a name such as oct`,
  );
}

/** Reads `--target 20` or `--target 20%` (or another option's percentage) as the fraction 0.2. */
export function parsePercent(text: string, option = '--target'): number {
  const value = Number(text.trim().replace(/%$/, ''));
  if (text.trim() === '' || !isPercent(value)) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `${option} "${text}": give a percentage between 0 and 100, e.g. 20`,
    );
  }
  return percentToFraction(value);
}

// The core's rule across fields: a benchmark replaces an industry's figure, so it needs one.
function benchmarkOverride(options: DefinitionFlags) {
  if (benchmarkLacksIndustry(options)) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      '--benchmark replaces an industry benchmark: give --industry too',
    );
  }
  return { [options.industry!]: parsePercent(options.benchmark!, '--benchmark') };
}

/**
 * The definition the options describe, checked: the same for files read here and for a dataset
 * on a server, so that both compute the same numbers.
 *
 * @example
 * definitionFromOptions({ ...options, period: 'month', by: 'channel' }) // { metric: 'customer-upsell-rate', period: 'month', by: ['channel'], ... }
 */
export function definitionFromOptions(options: DefinitionFlags): DefinitionInput {
  // The subscription upsell rate has its own default eligibility (existing): the flag's default is the purchase one.
  const eligibleDefaulted = options.defaulted?.includes('eligible') && isSubscriptionMetric(options.metric);
  const definition = applyMetricDefaults({
    metric: options.metric,
    rule: options.rule,
    ...(eligibleDefaulted ? {} : { eligible: options.eligible }),
    period: options.period,
    timeZone: options.tz,
    by: (options.by ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== ''),
    ...(options.from === undefined ? {} : { from: options.from }),
    ...(options.to === undefined ? {} : { to: options.to }),
    ...(options.fiscalYearStart === undefined
      ? {}
      : { fiscalYearStart: parseFiscalYearStart(options.fiscalYearStart) }),
    ...(options.industry === undefined ? {} : { industry: options.industry }),
    ...(options.target === undefined ? {} : { target: parsePercent(options.target) }),
    ...(options.benchmark === undefined ? {} : { benchmarks: benchmarkOverride(options) }),
  });
  checkRuleFitsMetric(definition.metric, definition.rule);
  const parsed = DefinitionSchema.safeParse(definition);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UpsellError('INVALID_DEFINITION', `--${issue.path.join('.')}: ${issue.message}`);
  }
  return definition;
}

/** Builds the computation job of a command's files and options; checks the definition. */
export function jobFromOptions(files: readonly string[], options: DefinitionOptions): ComputeJob {
  const job: ComputeJob = {
    files: inputFilesOf(files, options),
    definition: definitionFromOptions(options),
    map: parseColumnMap(options.map),
    order: 'stream',
  };
  if (options.customers !== undefined) job.customersPath = options.customers;
  if (options.catalog !== undefined) job.catalogPath = options.catalog;
  const formats = valueFormatsOf(options);
  if (Object.keys(formats).length > 0) job.formats = formats;
  return job;
}

/** A whole-number option from 1 to 64 (`--threads`, `--passes`). */
function countOption(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 64) {
    throw new UpsellError('INVALID_ARGUMENT', `--${name} "${text}": give a whole number from 1 to 64`);
  }
  return value;
}

/** The number of passes asked for; undefined to follow from `--max-memory`. */
export const passesOf = (options: Pick<DefinitionOptions, 'passes'>): number | undefined =>
  options.passes === undefined ? undefined : countOption('passes', options.passes);

/**
 * The default peak memory budget: 10M purchase lines of the bench's sample stay within it
 * (issue 14), in more passes than one.
 */
export const DEFAULT_MAX_MEMORY_MIB = 400;

/**
 * `--max-memory`: a whole number of MiB, at least 64 (less than Node itself takes).
 *
 * @example
 * maxMemoryOf({ maxMemory: '1024' }) // 1024
 */
export function maxMemoryOf(options: Pick<DefinitionOptions, 'maxMemory'>): number {
  const text = options.maxMemory;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 64 || value > 1_048_576) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `--max-memory "${text}": give a whole number of MiB from 64 to 1048576, e.g. 400 or 2048`,
    );
  }
  return value;
}

/** The number of threads asked for. */
export const threadsOf = (options: Pick<DefinitionOptions, 'threads'>): number =>
  countOption('threads', options.threads);
