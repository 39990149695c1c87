export * from './computation-output.ts';
export {
  type ComputeFilesOptions,
  computeFiles,
  PARALLEL_THRESHOLD_BYTES,
  REPLAY_BYTES_PER_SHARD,
} from './compute-files.ts';
export * from './compute-job.ts';
export { computeSubscriptionFiles, mergeSubscriptionShards } from './compute-subscription-files.ts';
export * from './file-stream.ts';
export * from './input-file-size.ts';
export * from './live-computation.ts';
export * from './live-subscription-computation.ts';
export {
  type LiveSubscriptionJob,
  openLiveSubscriptionJob,
  type SubscriptionVariant,
} from './open-live-subscription-job.ts';
export { readFxRates } from './read-fx-rates.ts';
export { readSubscriptionFile } from './read-subscription-file.ts';
export type { ShardOutput } from './run-job.ts';
export { runSubscriptionJob } from './run-subscription-job.ts';
export * from './subscription-job.ts';
export { workerExecArgv } from './worker-group.ts';
