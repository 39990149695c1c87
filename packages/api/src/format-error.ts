import type { TRPCDefaultErrorShape, TRPCError } from '@trpc/server';
import { isUpsellError } from '@upsell/core';
import type { AppContext } from './context.ts';
import { type PublicErrorDetails, publicErrorDetails } from './public-error-details.ts';
import { RetryLaterError } from './retry-later-error.ts';
import { INTERNAL_ERROR_MESSAGE, isKnownError, type UpsellCode } from './to-trpc-error.ts';

/** One problem with a procedure's input: the field (dotted path, '' for the input itself) and why. */
export interface InputIssue {
  path: string;
  message: string;
}

/** The error shape clients get: tRPC's, never with a stack, plus what a program needs to react. */
export interface AppErrorShape extends TRPCDefaultErrorShape {
  data: Omit<TRPCDefaultErrorShape['data'], 'stack'> & {
    /** On input validation failures (BAD_REQUEST): every field that is wrong. */
    issues?: InputIssue[];
    /** On failures of the core or the store: its machine-readable code (e.g. `MISSING_COLUMN`, `BUSY`). */
    upsellCode?: UpsellCode;
    /**
     * On failures of the core: the parts of the message (field, the header's columns,
     * candidates) for a client to word its own remedy from.
     */
    details?: PublicErrorDetails;
    /** On TOO_MANY_REQUESTS: seconds until the address may try again, or the server has room again. */
    retryAfterSeconds?: number;
    /** The host's id of the request, which its log names (also the `X-Request-Id` header). */
    requestId?: string;
  };
}

interface SchemaIssue {
  path?: readonly PropertyKey[];
  message: string;
  code?: string;
  keys?: readonly string[];
}

const dotted = (path: readonly PropertyKey[]) => path.map(String).join('.');

// Input validation failures are the only BAD_REQUEST errors whose cause carries `issues` (a
// ZodError, or tRPC's standard-schema error).
function inputIssues(error: TRPCError): InputIssue[] | undefined {
  const cause = error.cause as { issues?: unknown } | undefined;
  if (error.code !== 'BAD_REQUEST' || !Array.isArray(cause?.issues)) return undefined;
  return (cause.issues as SchemaIssue[]).flatMap((issue) => {
    const path = issue.path ?? [];
    // zod reports unknown keys in one issue on their parent; name each key instead.
    if (issue.code === 'unrecognized_keys' && issue.keys !== undefined) {
      return issue.keys.map((key) => ({ path: dotted([...path, key]), message: 'not a known field' }));
    }
    return [{ path: dotted(path), message: issue.message }];
  });
}

/**
 * The router's error formatter: drops the stack (clients never see the server's insides), gives
 * every internal error the same message (even one raised outside a procedure, which
 * `toTRPCError` never saw), names every invalid input field in the message and in `data.issues`,
 * and adds the core's or the store's error code, when rate limited the seconds to wait, and the
 * request's id.
 *
 * @example
 * initTRPC.context<AppContext>().create({ errorFormatter: formatError });
 */
export function formatError({
  shape,
  error,
  ctx,
}: {
  shape: TRPCDefaultErrorShape;
  error: TRPCError;
  ctx?: Pick<AppContext, 'requestId'> | undefined;
}): AppErrorShape {
  const { stack: _stack, ...data } = shape.data;
  const issues = inputIssues(error);
  const extra: Omit<AppErrorShape['data'], keyof typeof data> = {};
  if (issues !== undefined) extra.issues = issues;
  // An internal error says nothing of its cause, not even its code.
  if (isKnownError(error.cause) && error.code !== 'INTERNAL_SERVER_ERROR')
    extra.upsellCode = error.cause.code;
  if (isUpsellError(error.cause) && error.code !== 'INTERNAL_SERVER_ERROR') {
    const details = publicErrorDetails(error.cause.details);
    if (details !== undefined) extra.details = details;
  }
  if (error.cause instanceof RetryLaterError) extra.retryAfterSeconds = error.cause.retryAfterSeconds;
  if (
    isKnownError(error.cause) &&
    error.cause.code === 'BUSY' &&
    typeof error.cause.details?.retryAfterSeconds === 'number'
  )
    extra.retryAfterSeconds = error.cause.details.retryAfterSeconds;
  if (ctx?.requestId !== undefined) extra.requestId = ctx.requestId;
  const message =
    error.code === 'INTERNAL_SERVER_ERROR'
      ? INTERNAL_ERROR_MESSAGE
      : issues === undefined
        ? shape.message
        : `Invalid input: ${issues.map((issue) => `${issue.path || '(input)'}: ${issue.message}`).join('; ')}`;
  return { ...shape, message, data: { ...data, ...extra } };
}
