import { getTRPCErrorFromUnknown, TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { createCaller } from '../root.ts';
import { coerceQuery, type QueryFieldSchema, type QueryInput } from './coerce-query.ts';
import { errorResponse } from './error-response.ts';
import type { RestRoute } from './rest-route.ts';

/** What the host writes back: the status and the JSON body (the output, or `{ error }`). */
export interface RestResponse {
  status: number;
  body: unknown;
}

/** Options of {@link callRestRoute}. */
export interface CallRestRouteOptions {
  /** Called with every error before it is answered, e.g. to log internal errors with their cause. */
  onError?: (error: TRPCError) => void;
  /** The host's id of the request, carried in an error body's `data.requestId`. */
  requestId?: string;
}

type Caller = ReturnType<typeof createCaller>;

const queryProperties = new WeakMap<z.ZodObject, Record<string, QueryFieldSchema>>();

function propertiesOf(schema: z.ZodObject): Record<string, QueryFieldSchema> {
  let properties = queryProperties.get(schema);
  if (properties === undefined) {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
    properties = (json.properties ?? {}) as Record<string, QueryFieldSchema>;
    queryProperties.set(schema, properties);
  }
  return properties;
}

// A failure here is the caller's: BAD_REQUEST, with the zod issues naming the parameters.
function validate<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new TRPCError({ code: 'BAD_REQUEST', cause: result.error });
  return result.data;
}

function procedureAt(caller: Caller, path: string): (input: unknown) => Promise<unknown> {
  const procedure = path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], caller);
  if (typeof procedure !== 'function') throw new Error(`callRestRoute: no procedure "${path}"`);
  return procedure as (input: unknown) => Promise<unknown>;
}

/**
 * Serves one REST route through a caller: validates the path parameters, the query string
 * (read into numbers, arrays and deep objects by the route's schema; unknown parameters are
 * refused) and the body, calls the route's procedure and returns the status and JSON body to
 * send. Errors come back in the tRPC error shape, under `error`, with their HTTP status; the
 * host only wires HTTP.
 *
 * @example
 * const match = matchRestRoute(req.method, req.path);
 * const caller = createCaller(createContext({ token: parseBearerToken(req.headers.authorization), ip: req.ip ?? '' }));
 * const { status, body } = await callRestRoute(match.route, { params: match.params, query: req.query, body: req.body }, caller);
 * res.status(status).json(body);
 */
export async function callRestRoute(
  route: RestRoute,
  request: { params?: Record<string, string>; query?: QueryInput; body?: unknown },
  caller: Caller,
  options: CallRestRouteOptions = {},
): Promise<RestResponse> {
  try {
    const params = validate(route.params.strict(), request.params ?? {});
    const query = validate(route.query.strict(), coerceQuery(request.query ?? {}, propertiesOf(route.query)));
    const body = route.body === undefined ? undefined : validate(route.body, request.body);
    const output = await procedureAt(caller, route.procedure)(route.input({ params, query, body }));
    return { status: 200, body: output };
  } catch (cause) {
    const error = getTRPCErrorFromUnknown(cause);
    options.onError?.(error);
    return errorResponse(error, {
      type: route.method === 'GET' ? 'query' : 'mutation',
      path: route.procedure,
      ...(options.requestId === undefined ? {} : { requestId: options.requestId }),
    });
  }
}
