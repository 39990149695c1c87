import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import { UpsellError } from '@upsell/core';
import { generateSample, generateSampleCustomers, type SampleOptions } from '@upsell/sample';
import { EXIT } from '../exit-code.ts';
import type { Terminal } from '../terminal.ts';

/** Options of `upsell sample`. */
export interface SampleCommandOptions {
  rows: string;
  seed: string;
  out?: string;
  customersOut?: string;
  start?: string;
  months?: string;
  customers?: string;
}

const wholeNumber = (name: string, text: string) => {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new UpsellError('INVALID_ARGUMENT', `--${name} "${text}": give a whole number >= 0`);
  }
  return value;
};

async function writeAll(chunks: Iterable<string>, target: Writable, onChunk: () => void) {
  for (const chunk of chunks) {
    if (!target.write(chunk)) await once(target, 'drain');
    onChunk();
  }
}

async function toFile(path: string, chunks: Iterable<string>, onChunk: () => void) {
  const stream = createWriteStream(path);
  await writeAll(chunks, stream, onChunk);
  stream.end();
  await once(stream, 'finish');
}

/** `upsell sample`: deterministic demo purchases (and optionally customer attributes). */
export async function sampleCommand(options: SampleCommandOptions, terminal: Terminal): Promise<number> {
  const sample: SampleOptions = {
    rows: wholeNumber('rows', options.rows),
    seed: wholeNumber('seed', options.seed),
  };
  if (options.start !== undefined) sample.start = options.start;
  if (options.months !== undefined) sample.months = wholeNumber('months', options.months);
  if (options.customers !== undefined) sample.customers = wholeNumber('customers', options.customers);
  // Both outputs' folders are checked first, so that a bad second path leaves no first file behind.
  for (const path of [options.out, options.customersOut]) {
    if (path === undefined) continue;
    const folder = dirname(path);
    const found = await stat(folder).catch(() => undefined);
    if (found === undefined || !found.isDirectory()) {
      throw new UpsellError('INVALID_ARGUMENT', `${folder}: no such folder`);
    }
  }
  let chunks = 0;
  const started = performance.now();
  const tick = () => {
    chunks++;
    if (terminal.progress && options.out !== undefined && chunks % 64 === 0) {
      terminal.err(`\rwriting ${options.out}: ${((chunks * 64) / 1024).toFixed(0)} MiB`);
    }
  };
  if (options.out === undefined) await writeAll(generateSample(sample), process.stdout, tick);
  else await toFile(options.out, generateSample(sample), tick);
  if (options.customersOut !== undefined)
    await toFile(options.customersOut, generateSampleCustomers(sample), () => {});
  if (options.out !== undefined) {
    if (terminal.progress) terminal.err('\r\u001b[2K');
    terminal.err(
      `wrote ${sample.rows.toLocaleString('en-US')} rows to ${options.out} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
  }
  return EXIT.ok;
}
