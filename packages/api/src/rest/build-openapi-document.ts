import { z } from 'zod';
import { procedureInfo } from '../procedure-info.ts';
import type { Role } from '../roles.ts';
import { API_VERSION } from '../version.ts';
import { ErrorBodySchema } from './error-body-schema.ts';
import type { RestRoute } from './rest-route.ts';
import { restRoutes } from './rest-routes.ts';

type JsonSchema = Record<string, unknown>;

/** An OpenAPI 3.1 document, as plain JSON. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  security: Record<string, string[]>[];
  paths: Record<string, Record<string, JsonSchema>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
}

/** Options of {@link buildOpenApiDocument}. */
export interface BuildOpenApiDocumentOptions {
  /**
   * Where the REST routes are mounted: `/api` (relative to the document's own URL, so right for
   * every name the server is reached by), or a configured public URL. Never one built from a
   * request's Host header, which the client chooses.
   */
  serverUrl: string;
  /** Default: this package's version. */
  version?: string;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

// Zod writes a standalone document; inside OpenAPI a schema has no $schema or $id of its own.
function embedded({ $schema: _schema, $id: _id, ...schema }: JsonSchema): JsonSchema {
  return schema;
}

const inputSchema = (schema: z.ZodType) =>
  embedded(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }));

function roleOf(route: RestRoute): Role | undefined {
  const info = procedureInfo(route.procedure);
  if (info === undefined) {
    throw new Error(`buildOpenApiDocument: route ${route.path} names no procedure "${route.procedure}"`);
  }
  return info.meta?.role;
}

function parameters(route: RestRoute): JsonSchema[] {
  const path = inputSchema(route.params);
  const query = inputSchema(route.query);
  const list = (where: 'path' | 'query', json: JsonSchema) => {
    const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((json.required ?? []) as string[]);
    return Object.entries(properties).map(([name, schema]) => ({
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
      schema,
      ...(schema.type === 'object' ? { style: 'deepObject', explode: true } : {}),
      ...(schema.type === 'array' ? { style: 'form', explode: true } : {}),
    }));
  };
  return [...list('path', path), ...list('query', query)];
}

function errorResponses(role: Role | undefined): Record<string, JsonSchema> {
  const error = (description: string) => ({
    description,
    content: { 'application/json': { schema: ref('Error') } },
  });
  return {
    '400': error('Invalid input: `error.data.issues` names each field'),
    ...(role === undefined
      ? {}
      : {
          '401': error('No token, or an unknown or revoked one'),
          '403': error(`The token's role is below ${role}`),
          '429': error('Too many failed token checks from this address: `error.data.retryAfterSeconds`'),
        }),
    '404': error('No such dataset, definition or other thing'),
    '500': error('Internal error (details only in the server log)'),
  };
}

function operation(route: RestRoute): JsonSchema {
  const role = roleOf(route);
  const access = role === undefined ? 'No token needed.' : `Needs a token with the ${role} role or above.`;
  return {
    operationId: route.procedure,
    summary: route.summary,
    description: [route.description, access].filter(Boolean).join('\n\n'),
    tags: [route.procedure.split('.')[0]],
    security: role === undefined ? [] : [{ bearerAuth: [] }],
    'x-upsell-role': role ?? 'public',
    'x-trpc-procedure': route.procedure,
    parameters: parameters(route),
    ...(route.body === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: inputSchema(route.body) } },
          },
        }),
    responses: {
      '200': { description: 'OK', content: { 'application/json': { schema: ref(route.output.name) } } },
      ...errorResponses(role),
    },
  };
}

/**
 * The OpenAPI 3.1 document of the REST routes: parameters and bodies from the procedures' zod
 * input schemas, responses from zod schemas checked at compile time against the store's types,
 * bearer authentication, and each route's least role (`x-upsell-role`).
 *
 * @example
 * app.get('/api/openapi.json', (req, res) => res.json(buildOpenApiDocument({ serverUrl: '/api' })));
 */
export function buildOpenApiDocument(options: BuildOpenApiDocumentOptions): OpenApiDocument {
  const registry = z.registry<{ id: string }>();
  for (const route of restRoutes) {
    if (!registry.has(route.output.schema)) registry.add(route.output.schema, { id: route.output.name });
  }
  registry.add(ErrorBodySchema, { id: 'Error' });
  const { schemas } = z.toJSONSchema(registry, {
    io: 'output',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  });
  const paths: OpenApiDocument['paths'] = {};
  for (const route of restRoutes) {
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Upsell API',
      version: options.version ?? API_VERSION,
      description:
        'Read access to datasets and upsell metrics over REST. Everything else (uploads, imports, ' +
        'definitions, targets, tokens) is in the tRPC API at /trpc. Send `Authorization: Bearer <token>`.',
    },
    servers: [{ url: options.serverUrl }],
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      schemas: Object.fromEntries(
        Object.entries(schemas).map(([name, schema]) => [name, embedded(schema as JsonSchema)]),
      ),
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'An Upsell API token' } },
    },
  };
}
