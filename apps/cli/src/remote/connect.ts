import { createUpsellClient, type UpsellClient } from '@upsell/client';
import { UpsellError } from '@upsell/core';
import type { Command } from 'commander';

/** `--server` and `--token` as commander parses them; the environment fills in what is missing. */
export interface ServerOptions {
  server?: string;
  token?: string;
}

/** A server to talk to: its URL, for messages, and a client that sends the token. */
export interface Connection {
  url: string;
  client: UpsellClient;
}

/** Adds `--server` and `--token` to a command. */
export function addServerOptions(command: Command): Command {
  return command
    .option('--server <url>', 'URL of an Upsell server (default: $UPSELL_SERVER)')
    .option('--token <token>', 'API token for the server (default: $UPSELL_TOKEN)');
}

// What the network's refusals mean to someone who typed a URL.
const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is the server running?)',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'no such host',
  ETIMEDOUT: 'timed out',
  ECONNRESET: 'the connection was reset',
};

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (code !== undefined) return NETWORK_ERRORS[code] ?? code;
  if (typeof cause?.message === 'string' && cause.message !== '') return cause.message;
  return (error as Error).message;
}

/**
 * The client of the server named by `--server` (else `UPSELL_SERVER`) with the token of
 * `--token` (else `UPSELL_TOKEN`): options win over the environment, and empty variables count
 * as unset. A server that cannot be reached fails with a message naming its URL.
 *
 * @example
 * const { client } = connect({ server: 'http://localhost:3000' }, { UPSELL_TOKEN: 'ups_...' });
 * await client.dataset.list.query();
 */
export function connect(options: ServerOptions, env: NodeJS.ProcessEnv = process.env): Connection {
  const given = (value: string | undefined) =>
    value === undefined || value.trim() === '' ? undefined : value;
  const server = given(options.server) ?? given(env.UPSELL_SERVER);
  const token = given(options.token) ?? given(env.UPSELL_TOKEN);
  if (server === undefined) {
    throw new UpsellError('INVALID_ARGUMENT', 'no server: give --server <url> or set UPSELL_SERVER');
  }
  const parsed = URL.canParse(server) ? new URL(server) : undefined;
  if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `server "${server}": give the server's http:// or https:// URL, e.g. http://localhost:3000`,
    );
  }
  if (token === undefined) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `no token for the server ${server}: give --token <token> or set UPSELL_TOKEN`,
    );
  }
  const url = server.replace(/\/+$/, '');
  const fetchOrExplain: typeof fetch = (input, init) =>
    fetch(input, init).catch((error: unknown) => {
      throw new Error(`cannot reach the server at ${url}: ${networkReason(error)}`);
    });
  return { url, client: createUpsellClient({ url, token, fetch: fetchOrExplain }) };
}
