import { describe, expect, it } from 'vitest';
import { PROCEDURE_PATHS, procedureInfo } from '../procedure-info.ts';
import { buildOpenApiDocument } from './build-openapi-document.ts';
import { restRoutes } from './rest-routes.ts';

const document = buildOpenApiDocument({ serverUrl: 'http://localhost:3000/api' });

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) =>
    key === '$ref' && typeof v === 'string' ? [v] : refsIn(v),
  );
}

describe('buildOpenApiDocument', () => {
  it('is an OpenAPI 3.1 document for the given server', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers).toEqual([{ url: 'http://localhost:3000/api' }]);
  });

  it('survives a JSON round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
  });

  it('has an operation for every REST route', () => {
    for (const route of restRoutes) {
      expect(
        document.paths[route.path]?.[route.method.toLowerCase()],
        `${route.method} ${route.path}`,
      ).toMatchObject({
        operationId: route.procedure,
      });
    }
  });

  it('has a REST route for every query procedure, and only for those', () => {
    const queries = PROCEDURE_PATHS.filter((path) => procedureInfo(path)?.type === 'query');
    expect(restRoutes.map((route) => route.procedure).sort()).toEqual([...queries].sort());
  });

  it('declares every path parameter of a path as required', () => {
    for (const route of restRoutes) {
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const operation = document.paths[route.path]?.[route.method.toLowerCase()] as {
        parameters: { name: string; in: string; required: boolean }[];
      };
      const declared = operation.parameters.filter((p) => p.in === 'path');
      expect(declared.map((p) => p.name)).toEqual(names);
      expect(declared.every((p) => p.required)).toBe(true);
    }
  });

  it('resolves every $ref to a component schema', () => {
    const refs = refsIn(document);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const name = ref.replace('#/components/schemas/', '');
      expect(document.components.schemas[name], ref).toBeDefined();
    }
  });

  it('has no $schema or $id inside the document', () => {
    expect(JSON.stringify(document)).not.toMatch(/"\$schema"|"\$id"/);
  });

  it('describes a dataset summary with its counts and files', () => {
    expect(document.components.schemas.DatasetSummary).toMatchObject({
      type: 'object',
      properties: { rows: { type: 'integer' }, files: { type: 'array' } },
    });
  });

  it('takes the definition fields of a metric query as query parameters', () => {
    const operation = document.paths['/datasets/{id}/metric']?.get as {
      parameters: { name: string; style?: string }[];
    };
    const names = operation.parameters.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining(['metric', 'period', 'by', 'timeZone', 'target', 'benchmarks']),
    );
    expect(operation.parameters.find((p) => p.name === 'benchmarks')?.style).toBe('deepObject');
  });

  it('asks for a bearer token everywhere but health', () => {
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.paths['/health']?.get).toMatchObject({ security: [], 'x-upsell-role': 'public' });
    expect(document.paths['/tokens']?.get).toMatchObject({
      security: [{ bearerAuth: [] }],
      'x-upsell-role': 'admin',
    });
  });
});
