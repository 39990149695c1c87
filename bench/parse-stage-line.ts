import type { PipelineStage, StageCounts } from './pipeline-stages.ts';

/** One stage of `upsell rate` timed in a child process of its own (bench/stage-child.ts). */
export interface StageTiming extends StageCounts {
  stage: PipelineStage;
  /** Time inside the child from after its imports to the stage's end. */
  seconds: number;
  /** The child's peak RSS: Node, tsx and the imports included (the `start` stage's alone). */
  peakRssMiB: number;
}

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * Reads the JSON line a stage child printed on stdout, checking it is the stage asked for and
 * carries its figures; the peak RSS comes in KiB (`process.resourceUsage().maxRSS`) and leaves in MiB.
 *
 * @example
 * parseStageLine('{"stage":"route","seconds":0.5,"maxRssKiB":153600,"bytes":900,"rows":10,"shardRows":[4,6]}\n', 'route');
 * // { stage: 'route', seconds: 0.5, peakRssMiB: 150, bytes: 900, rows: 10, shardRows: [4, 6] }
 */
export function parseStageLine(stdout: string, stage: PipelineStage): StageTiming {
  const fail = (why: string): never => {
    throw new Error(`parseStageLine: the ${stage} stage ${why}:\n${stdout.slice(0, 2000)}`);
  };
  const line = stdout.trim().split('\n').at(-1) ?? '';
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(line) as Record<string, unknown>;
  } catch {
    fail('printed no JSON line');
  }
  const { seconds, maxRssKiB, bytes, newlines, rows, shardRows, output } = parsed;
  if (parsed.stage !== stage) fail(`printed the figures of stage "${String(parsed.stage)}"`);
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) fail('gave no time');
  if (!isCount(maxRssKiB) || maxRssKiB === 0) fail('gave no peak RSS');
  if (!isCount(bytes)) fail('gave no byte count');
  const timing: StageTiming = {
    stage,
    seconds: seconds as number,
    peakRssMiB: (maxRssKiB as number) / 1024,
    bytes: bytes as number,
  };
  if (newlines !== undefined)
    timing.newlines = isCount(newlines) ? newlines : fail('gave a bad newline count');
  if (rows !== undefined) timing.rows = isCount(rows) ? rows : fail('gave a bad row count');
  if (shardRows !== undefined) {
    timing.shardRows =
      Array.isArray(shardRows) && shardRows.every(isCount) ? shardRows : fail('gave bad shard counts');
  }
  if (output !== undefined) timing.output = typeof output === 'string' ? output : fail('gave no text output');
  return timing;
}
