import { isUpsellClientError } from '@upsell/client';
import { UpsellError, type UpsellErrorCode } from '@upsell/core';
import { describeUpsellError } from '../describe-upsell-error.ts';

/**
 * What a failed call to the server means, in one line for stderr: the server's own message
 * (written for people), with a hint where the fix is on this side; undefined for other errors.
 *
 * @example
 * describeServerError(error) // 'server: Unknown or revoked API token (check --token or UPSELL_TOKEN)'
 */
export function describeServerError(error: unknown): string | undefined {
  if (!isUpsellClientError(error)) return undefined;
  const data = error.data;
  // No answer: the network failed, and connect() has put the server's URL in the message.
  if (data == null) return error.message;
  const said = `server: ${error.message}`;
  switch (data.code) {
    case 'UNAUTHORIZED':
      return `${said} (check --token or UPSELL_TOKEN)`;
    case 'TOO_MANY_REQUESTS':
      return data.retryAfterSeconds === undefined ? said : `${said} (retry in ${data.retryAfterSeconds} s)`;
    default:
      // A core error's parts came along: add this side's remedy (`--map tier=<column>`, ...).
      if (data.upsellCode !== undefined && data.details !== undefined) {
        const core = new UpsellError(data.upsellCode as UpsellErrorCode, error.message, { ...data.details });
        return `server: ${describeUpsellError(core)}`;
      }
      return said;
  }
}
