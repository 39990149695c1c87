import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import { UpsellError } from '@upsell/core';
import {
  generateSample,
  generateSampleCustomers,
  generateSubscriptionFxRates,
  generateSubscriptionSample,
  type SampleOptions,
} from '@upsell/sample';
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
  /** `purchases` (default) or `subscriptions`. */
  kind?: string;
  /** Where the exchange rates of a subscription sample go (default: beside `out`). */
  fxOut?: string;
}

/**
 * Where a subscription sample's rates go when `--fx-out` is not given: beside `--out`, its
 * `.csv` turned into `.fx.csv` (`subs.csv` -> `subs.fx.csv`); nowhere when writing to stdout.
 *
 * @example
 * defaultFxPath('data/subs.csv') // 'data/subs.fx.csv'
 */
export function defaultFxPath(out: string | undefined): string | undefined {
  if (out === undefined) return undefined;
  return out.toLowerCase().endsWith('.csv') ? `${out.slice(0, -4)}.fx.csv` : `${out}.fx.csv`;
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

/**
 * `upsell sample`: deterministic demo purchases (and optionally customer attributes), or with
 * `--kind subscriptions` subscription history in the states shape and its exchange rates.
 */
export async function sampleCommand(options: SampleCommandOptions, terminal: Terminal): Promise<number> {
  const sample: SampleOptions = {
    rows: wholeNumber('rows', options.rows),
    seed: wholeNumber('seed', options.seed),
  };
  if (options.start !== undefined) sample.start = options.start;
  if (options.months !== undefined) sample.months = wholeNumber('months', options.months);
  if (options.customers !== undefined) sample.customers = wholeNumber('customers', options.customers);
  const subscriptions = options.kind === 'subscriptions';
  if (options.kind !== undefined && !subscriptions && options.kind !== 'purchases') {
    throw new UpsellError('INVALID_ARGUMENT', `--kind "${options.kind}": give purchases or subscriptions`);
  }
  if (subscriptions && options.customersOut !== undefined) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      '--customers-out is for purchase samples; a subscription sample carries channel and region in its rows',
    );
  }
  if (!subscriptions && options.fxOut !== undefined) {
    throw new UpsellError('INVALID_ARGUMENT', '--fx-out is for subscription samples (--kind subscriptions)');
  }
  const fxOut = subscriptions ? (options.fxOut ?? defaultFxPath(options.out)) : undefined;
  // Every output's folders are checked first, so that a bad second path leaves no first file behind.
  for (const path of [options.out, options.customersOut, fxOut]) {
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
  const rows = subscriptions ? generateSubscriptionSample(sample) : generateSample(sample);
  if (options.out === undefined) await writeAll(rows, process.stdout, tick);
  else await toFile(options.out, rows, tick);
  if (fxOut !== undefined) await toFile(fxOut, [generateSubscriptionFxRates(sample)], () => {});
  if (options.customersOut !== undefined)
    await toFile(options.customersOut, generateSampleCustomers(sample), () => {});
  if (options.out !== undefined) {
    if (terminal.progress) terminal.err('\r\u001b[2K');
    terminal.err(
      `wrote ${sample.rows.toLocaleString('en-US')} rows to ${options.out} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
  }
  if (fxOut !== undefined)
    terminal.err(
      `wrote the exchange rates (USD per EUR, GBP) to ${fxOut}: read the sample with --fx ${fxOut}\n`,
    );
  else if (subscriptions)
    terminal.err('no exchange rates written (give --fx-out): the EUR and GBP rows need them\n');
  return EXIT.ok;
}
