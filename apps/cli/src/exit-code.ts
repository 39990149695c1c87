/** Exit codes, documented in docs/cli.md: the only file that decides them is main.ts. */
export const EXIT = {
  /** The command ran and nothing failed. */
  ok: 0,
  /** The command ran and the result is below --target (or `validate` found bad rows). */
  failed: 1,
  /** Bad usage or bad input: unknown options, unreadable files, bad rows without --skip-bad-rows. */
  usage: 2,
} as const;

/** Thrown by commands to end with an exit code after their output was written. */
export class ExitRequest extends Error {
  readonly exitCode: number;
  constructor(exitCode: number, message = '') {
    super(message);
    this.exitCode = exitCode;
  }
}
