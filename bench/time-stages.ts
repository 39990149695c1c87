import { fileURLToPath } from 'node:url';
import { parseStageLine, type StageTiming } from './parse-stage-line.ts';
import type { PipelineStage } from './pipeline-stages.ts';
import { runNode } from './run-child.ts';

const SCRIPT = fileURLToPath(new URL('./stage-child.ts', import.meta.url));

/**
 * Runs one stage of `upsell rate` over `csvPath` in a child process of its own (the same `node`
 * as the CLI's, in one thread), so that its time and peak RSS are that stage's alone.
 *
 * @example
 * const timing = await timeStage('tokenize', 'bench/data/purchases-seed42-1000000.csv');
 * // { stage: 'tokenize', seconds: 0.36, peakRssMiB: 137, bytes: 75395784, rows: 1000000 }
 */
export async function timeStage(stage: PipelineStage, csvPath: string): Promise<StageTiming> {
  const { stdout } = await runNode(['--import', 'tsx', SCRIPT, stage, csvPath], { echoStderr: true });
  return parseStageLine(stdout, stage);
}
