import { statSync } from 'node:fs';
import { bestOf } from './best-of.ts';
import { compareMrrRows } from './compare-mrr-rows.ts';
import { ensureSubscriptionSample } from './ensure-subscription-sample.ts';
import { formatMrrBenchReport, type MrrSizeMeasurement } from './format-mrr-bench-report.ts';
import { timeDuckdbMrr } from './time-duckdb-mrr.ts';
import { hasMrrCommand, timeUpsellMrr } from './time-upsell-mrr.ts';

const SHOWN_DIFFERENCES = 10;

/** What the subscription benchmark needs to run. */
export interface SubscriptionBenchOptions {
  cli: string;
  dataDir: string;
  sizes: readonly number[];
  runs: number;
  skipDuckdb: boolean;
  log: (message: string) => void;
}

/** The report, and whether upsell and DuckDB agreed on every figure (true when one side did not run). */
export interface SubscriptionBenchResult {
  report: string;
  agree: boolean;
}

async function measureSize(
  size: number,
  options: SubscriptionBenchOptions,
  withUpsell: boolean,
): Promise<[MrrSizeMeasurement, boolean]> {
  const { cli, dataDir, runs, skipDuckdb, log } = options;
  const { file, fx } = await ensureSubscriptionSample({ cli, dataDir, rows: size });
  const label = size.toLocaleString('en-US');
  const upsell = withUpsell
    ? await bestOf(
        runs,
        async (run) => {
          log(`upsell mrr on ${label} state rows (run ${run}/${runs}) ...`);
          const timing = await timeUpsellMrr(cli, file, fx);
          log(`  ${timing.seconds.toFixed(2)} s, peak RSS ${timing.peakRssMiB} MiB`);
          return timing;
        },
        (timing) => timing.seconds,
      )
    : undefined;
  const duckdb = skipDuckdb
    ? undefined
    : await bestOf(
        runs,
        async (run) => {
          log(`DuckDB MRR bridge on ${label} state rows (run ${run}/${runs}) ...`);
          const timing = await timeDuckdbMrr(file, fx);
          log(
            `  ${timing.seconds.toFixed(2)} s (wall ${timing.wallSeconds.toFixed(2)} s), peak RSS ${timing.peakRssMiB.toFixed(0)} MiB`,
          );
          return timing;
        },
        (timing) => timing.seconds,
      );
  let agree = true;
  if (upsell !== undefined && duckdb !== undefined) {
    const differences = compareMrrRows(duckdb.bridge.rows, upsell.bridgeRows);
    agree = differences.length === 0;
    const counts = `${upsell.bridgeRows.length} months from upsell, ${duckdb.bridge.rows.length} from DuckDB`;
    if (agree)
      console.log(
        `${label} state rows: upsell mrr and DuckDB agree to the cent on every figure of every month (${counts})`,
      );
    else {
      console.log(
        `${label} state rows: upsell mrr and DuckDB DIFFER on ${differences.length} figures (${counts}):`,
      );
      for (const { period, figure, expected, actual } of differences.slice(0, SHOWN_DIFFERENCES))
        console.log(`  ${period} ${figure}: DuckDB ${expected}, upsell ${actual}`);
    }
  }
  if (duckdb !== undefined && duckdb.bridge.withoutRate > 0)
    log(`  note: DuckDB left out ${duckdb.bridge.withoutRate} states without an exchange rate`);
  return [{ size, fileMiB: statSync(file).size / 2 ** 20, upsell, duckdb }, agree];
}

/**
 * The subscription benchmark (`pnpm bench --kind subscriptions`): for each size, generates the
 * sample with `upsell sample --kind subscriptions` (seed 42, kept in `dataDir`), times `upsell mrr
 * --period month --format json` end to end against the same bridge in DuckDB SQL (bench/
 * duckdb-mrr-bridge.ts, written from the contract alone) and compares every figure to the cent.
 * When the built CLI has no `mrr` command yet, DuckDB alone is timed and that is said.
 *
 * @example
 * const { report, agree } = await runSubscriptionBench({ cli, dataDir, sizes: [1_000_000], runs: 1, skipDuckdb: false, log });
 */
export async function runSubscriptionBench(
  options: SubscriptionBenchOptions,
): Promise<SubscriptionBenchResult> {
  const withUpsell = await hasMrrCommand(options.cli);
  if (!withUpsell)
    options.log(
      `skipping upsell mrr: the built CLI (${options.cli}) has no \`mrr\` command yet; build it (pnpm turbo run build --filter=@upsell/cli) once it exists. DuckDB's bridge is still timed.`,
    );
  const measurements: MrrSizeMeasurement[] = [];
  let agree = true;
  for (const size of options.sizes) {
    const [measurement, sizeAgrees] = await measureSize(size, options, withUpsell);
    measurements.push(measurement);
    agree &&= sizeAgrees;
  }
  return { report: formatMrrBenchReport(measurements), agree };
}
