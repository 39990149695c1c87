// Child process of the benchmark: one stage of `upsell rate` (bench/pipeline-stages.ts) over one
// file in one thread, so that the time and peak memory measured are that stage's alone. The clock
// starts after the imports. Prints one JSON object on stdout (read by bench/time-stages.ts).
// Run: node --import tsx stage-child.ts STAGE FILE
import { performance } from 'node:perf_hooks';
import { isPipelineStage, PIPELINE_STAGES, runStage } from './pipeline-stages.ts';

const [stage, path] = process.argv.slice(2);
if (stage === undefined || path === undefined || !isPipelineStage(stage)) {
  console.error(`usage: stage-child.ts STAGE FILE, STAGE one of: ${PIPELINE_STAGES.join(', ')}`);
  process.exit(2);
}
const start = performance.now();
const counts = await runStage(stage, path);
const seconds = (performance.now() - start) / 1000;
const maxRssKiB = process.resourceUsage().maxRSS;
process.stdout.write(`${JSON.stringify({ stage, seconds, maxRssKiB, ...counts })}\n`);
