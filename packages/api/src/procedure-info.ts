import { appRouter } from './root.ts';
import type { AppMeta } from './trpc.ts';

/** What the router declares about a procedure: query or mutation, and the least role. */
export interface ProcedureInfo {
  type: 'query' | 'mutation' | 'subscription';
  meta: AppMeta | undefined;
}

// At run time `_def.procedures` maps full dotted paths to procedures; its declared type is the
// nested router record, hence the cast.
const procedures = appRouter._def.procedures as unknown as Record<string, { _def: ProcedureInfo }>;

/**
 * The type and metadata of the procedure at a dotted path, or undefined when there is none.
 *
 * @example
 * procedureInfo('dataset.delete') // { type: 'mutation', meta: { role: 'admin' } }
 */
export function procedureInfo(path: string): ProcedureInfo | undefined {
  const procedure = Object.hasOwn(procedures, path) ? procedures[path] : undefined;
  return procedure === undefined ? undefined : { type: procedure._def.type, meta: procedure._def.meta };
}

/** Every procedure's dotted path. */
export const PROCEDURE_PATHS: readonly string[] = Object.keys(procedures);
