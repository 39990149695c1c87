import { isUpsellClientError } from '@upsell/client';

/** A failure as the UI tells it: what happened, and what to do about it. */
export interface ErrorDescription {
  message: string;
  /** What to do next; undefined when the message says it. */
  action: string | undefined;
  /** Invalid input fields, as the server named them. */
  issues: { path: string; message: string }[];
  /** tRPC's code (`NOT_FOUND`, `FORBIDDEN`, ...); undefined when no answer came. */
  code: string | undefined;
}

const ACTIONS: Record<string, string> = {
  UNAUTHORIZED: 'Your token is no longer accepted: sign out and sign in again.',
  FORBIDDEN: 'Your role may not do this: ask an admin.',
  NOT_FOUND: 'It may have been deleted or renamed: go back to the list.',
  CONFLICT: 'Something changed meanwhile: reload and try again.',
  PAYLOAD_TOO_LARGE: 'The file is over the server’s limit: split it and append the parts.',
  TOO_MANY_REQUESTS: 'Too many attempts: wait a moment and try again.',
  INTERNAL_SERVER_ERROR: 'The server failed: try again, and if it keeps failing look at its log.',
};

/**
 * Tells a failed call for people: the server's message, plus what to do for its code; a call
 * that got no answer says the server could not be reached.
 *
 * @example
 * describeError(error).message // 'No dataset "shop"'
 */
export function describeError(error: unknown): ErrorDescription {
  if (isUpsellClientError(error)) {
    const data = error.data;
    if (data === undefined || data === null) {
      return {
        message: `Could not reach the server (${error.message}).`,
        action: 'Check that it is running (pnpm start) and that you are online, then try again.',
        issues: [],
        code: undefined,
      };
    }
    const issues = ((data as { issues?: { path: string; message: string }[] }).issues ?? []).map((issue) => ({
      path: issue.path,
      message: issue.message,
    }));
    const { retryAfterSeconds: retryAfter, upsellCode } = data as {
      retryAfterSeconds?: number;
      upsellCode?: string;
    };
    const action =
      data.code === 'TOO_MANY_REQUESTS' && retryAfter !== undefined
        ? upsellCode === 'BUSY'
          ? `The server is busy computing: try again in ${retryAfter} s.`
          : `Too many attempts: try again in ${retryAfter} s.`
        : ACTIONS[data.code];
    return { message: error.message, action, issues, code: data.code };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message, action: undefined, issues: [], code: undefined };
}
