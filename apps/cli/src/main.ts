#!/usr/bin/env node
import { isUpsellError } from '@upsell/core';
import { CommanderError } from 'commander';
import { createProgram } from './cli.ts';
import { describeUpsellError } from './describe-upsell-error.ts';
import { EXIT, ExitRequest } from './exit-code.ts';
import { processTerminal } from './terminal.ts';

// What the file system's refusals mean to someone who typed a path.
const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'part of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

function fileError(error: unknown): string | undefined {
  const { code, path } = error as { code?: unknown; path?: unknown };
  if (typeof code !== 'string' || typeof path !== 'string') return undefined;
  const meaning = FILE_ERRORS[code];
  return meaning === undefined ? undefined : `${path}: ${meaning}`;
}

/** The one place that turns outcomes into exit codes. */
async function main(argv: string[]): Promise<number> {
  const terminal = processTerminal();
  // A reader that stops early (`upsell sample | head`) is not an error: stop quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
    throw error;
  });
  let exitCode: number = EXIT.ok;
  try {
    await createProgram(terminal, (code) => {
      exitCode = code;
    }).parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with exit code 0 through here too.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof ExitRequest) {
      if (error.message) terminal.err(`upsell: ${error.message}\n`);
      return error.exitCode;
    }
    if (isUpsellError(error)) {
      terminal.err(`upsell: ${describeUpsellError(error)}\n`);
      return EXIT.usage;
    }
    // Loaded only now: a run that ends well does not pay for the sample generator or the client.
    const { SampleError } = await import('@upsell/sample');
    if (error instanceof SampleError) {
      terminal.err(`upsell: ${error.message}\n`);
      return EXIT.usage;
    }
    // A database (--source, Parquet through DuckDB) refused, or could not be opened.
    const warehouse = (await import('./warehouse/describe-source-error.ts')).describeSourceError(error);
    if (warehouse !== undefined) {
      terminal.err(`upsell: ${warehouse}\n`);
      return EXIT.usage;
    }
    // The server refused, or could not be reached: say what it said.
    const server = (await import('./remote/describe-server-error.ts')).describeServerError(error);
    if (server !== undefined) {
      terminal.err(`upsell: ${server}\n`);
      return EXIT.usage;
    }
    const file = fileError(error);
    if (file !== undefined) {
      terminal.err(`upsell: ${file}\n`);
      return EXIT.usage;
    }
    terminal.err(`upsell: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT.usage;
  }
}

process.exitCode = await main(process.argv);
