import type { StageTiming } from './parse-stage-line.ts';

/** What `upsell rate` read and printed for the same file, to hold the stages against. */
export interface CliRun {
  /** Data rows of its stats line. */
  rows: number;
  /** Its JSON on stdout. */
  stdout: string;
}

const lines = (text: string): string[] => text.split('\n');

/**
 * What in the stage runs disagrees with `upsell rate` on the same file: a stage that read other
 * bytes than the file's or counted other rows, routed rows that do not add up to the file's, a
 * build stage whose JSON is not byte for byte what the CLI printed. Empty when the stages did what
 * the CLI does, so that the stage script cannot drift from the CLI unseen.
 *
 * @example
 * stageDrift(stages, { rows: 1_000_000, stdout }, 75_395_784)
 * // [] or ['build: its JSON differs from the stdout of upsell rate from line 12: ...']
 */
export function stageDrift(stages: readonly StageTiming[], cli: CliRun, fileBytes: number): string[] {
  const problems: string[] = [];
  for (const { stage, bytes, rows, shardRows, output } of stages) {
    if (stage === 'start') continue;
    if (bytes !== fileBytes) problems.push(`${stage}: read ${bytes} bytes, the file has ${fileBytes}`);
    if (rows !== undefined && rows !== cli.rows)
      problems.push(`${stage}: counted ${rows} rows, upsell rate ${cli.rows}`);
    const routed = shardRows?.reduce((sum, count) => sum + count, 0);
    if (routed !== undefined && routed !== cli.rows)
      problems.push(`${stage}: its shards hold ${routed} rows, upsell rate read ${cli.rows}`);
    if (stage === 'build') {
      if (output === undefined) problems.push('build: printed no JSON');
      else if (output !== cli.stdout) {
        const [ours, theirs] = [lines(output), lines(cli.stdout)];
        const at = ours.findIndex((line, i) => line !== theirs[i]);
        const line = at === -1 ? ours.length : at;
        problems.push(
          `build: its JSON differs from the stdout of upsell rate from line ${line + 1}: ${JSON.stringify(ours[line] ?? '(end)')} where upsell rate printed ${JSON.stringify(theirs[line] ?? '(end)')}`,
        );
      }
    }
  }
  return problems;
}
