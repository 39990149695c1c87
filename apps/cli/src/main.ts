#!/usr/bin/env node
import { isUpsellError } from '@upsell/core';
import { SampleError } from '@upsell/sample';
import { CommanderError } from 'commander';
import { createProgram } from './cli.ts';
import { EXIT, ExitRequest } from './exit-code.ts';
import { processTerminal } from './terminal.ts';

/** The one place that turns outcomes into exit codes. */
async function main(argv: string[]): Promise<number> {
  const terminal = processTerminal();
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
    if (isUpsellError(error) || error instanceof SampleError) {
      terminal.err(`upsell: ${error.message}\n`);
      return EXIT.usage;
    }
    terminal.err(`upsell: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT.usage;
  }
}

process.exitCode = await main(process.argv);
