/** One procedure call seen by the fake API. */
export interface FakeCall {
  path: string;
  input: unknown;
  /** The request headers of an XMLHttpRequest call (uploads), names in lower case. */
  headers?: Record<string, string>;
}

/** A failed call, as the server would answer it (see {@link apiError}). */
export class FakeApiError {
  constructor(
    readonly code: string,
    readonly message: string,
    readonly data: Record<string, unknown> = {},
  ) {}
}

/** What a procedure answers: a value, a function of its input (may be async or throw), or an error. */
export type FakeResponse = unknown;

/** Procedure path (`dataset.list`) -> its response. */
export type FakeResponses = Record<string, FakeResponse>;

/**
 * A failed call for {@link FakeResponses}: `apiError('FORBIDDEN', 'Admins only')`. `data` adds to
 * the error's data (e.g. `{ upsellCode: 'MISSING_COLUMN' }`).
 */
export function apiError(code: string, message: string, data: Record<string, unknown> = {}): FakeApiError {
  return new FakeApiError(code, message, data);
}

const RPC_CODES: Record<string, [rpc: number, http: number]> = {
  BAD_REQUEST: [-32600, 400],
  UNAUTHORIZED: [-32001, 401],
  FORBIDDEN: [-32003, 403],
  NOT_FOUND: [-32004, 404],
  CONFLICT: [-32009, 409],
  PRECONDITION_FAILED: [-32012, 412],
  PAYLOAD_TOO_LARGE: [-32013, 413],
  TOO_MANY_REQUESTS: [-32029, 429],
  INTERNAL_SERVER_ERROR: [-32603, 500],
};

/** One call's answer as tRPC's JSON envelope, with its HTTP status. */
export async function answer(
  responses: FakeResponses,
  path: string,
  input: unknown,
): Promise<{ status: number; body: unknown }> {
  try {
    if (!(path in responses))
      throw apiError('INTERNAL_SERVER_ERROR', `renderWithApi: no response for "${path}"`);
    const response = responses[path];
    const value = typeof response === 'function' ? await response(input) : response;
    if (value instanceof FakeApiError) throw value;
    return { status: 200, body: { result: { data: value } } };
  } catch (caught) {
    const error =
      caught instanceof FakeApiError ? caught : apiError('INTERNAL_SERVER_ERROR', (caught as Error).message);
    const [rpc, http] = RPC_CODES[error.code] ?? [-32603, 500];
    return {
      status: http,
      body: {
        error: {
          message: error.message,
          code: rpc,
          data: { code: error.code, httpStatus: http, path, ...error.data },
        },
      },
    };
  }
}
