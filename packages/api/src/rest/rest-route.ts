import type { z } from 'zod';

/** A REST route's request, each part validated by the route's schemas. */
export interface RestRequest<P = Record<string, string>, Q = Record<string, unknown>, B = unknown> {
  params: P;
  query: Q;
  body: B;
}

/** A REST route over one tRPC procedure: where it is, what it takes and how that becomes the procedure's input. */
export interface RestRoute {
  method: 'GET' | 'POST';
  /** Under the host's mount point (`/api`), with `{name}` path parameters: `/datasets/{id}`. */
  path: string;
  /** The procedure it calls: `dataset.byId`. */
  procedure: string;
  summary: string;
  description?: string;
  /** The path parameters. */
  params: z.ZodObject;
  /** The query parameters (each field one parameter; a record field is a `name[key]=value` deep object). */
  query: z.ZodObject;
  /** The JSON body, for POST routes. */
  body?: z.ZodType;
  /** The response body, and its name among the document's components. */
  output: { name: string; schema: z.ZodType };
  /** Builds the procedure's input from the validated request. */
  input(request: RestRequest<unknown, unknown, unknown>): unknown;
}

/**
 * Declares a REST route with its `input` typed by the route's own schemas.
 *
 * @example
 * defineRestRoute({ method: 'GET', path: '/datasets/{id}', procedure: 'dataset.byId', summary: 'A dataset',
 *   params: z.object({ id: z.string() }), query: z.object({}), output: { name: 'DatasetSummary', schema: DatasetSummarySchema },
 *   input: ({ params }) => ({ id: params.id }) });
 */
export function defineRestRoute<
  P extends z.ZodObject,
  Q extends z.ZodObject,
  B extends z.ZodType = z.ZodUndefined,
>(
  route: Omit<RestRoute, 'params' | 'query' | 'body' | 'input'> & {
    params: P;
    query: Q;
    body?: B;
    input(request: RestRequest<z.output<P>, z.output<Q>, z.output<B>>): unknown;
  },
): RestRoute {
  return route as RestRoute;
}
