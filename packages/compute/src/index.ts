export * from './compute-files.ts';
export * from './compute-job.ts';
export * from './file-stream.ts';
export type { JobOutput } from './run-job.ts';
