import type { Definition } from '@upsell/core';
import { type Db, listTargets, type TargetRow } from '@upsell/db';
import type { TtlCache } from './ttl-cache.ts';

/**
 * A definition with the saved target of its metric for all customers (segment `{}`) when it
 * has no `target` of its own; an explicit target always wins.
 *
 * @example
 * await applySavedTarget(db, definition) // { ...definition, target: 0.2 } after target.set({ metric, segment: {}, rate: 0.2 })
 */
export async function applySavedTarget(
  db: Db,
  definition: Definition,
  cache?: TtlCache<TargetRow[]>,
): Promise<Definition> {
  if (definition.target !== undefined) return definition;
  const load = () => listTargets(db, { metric: definition.metric });
  const targets = (cache ? await cache.get(definition.metric, load) : await load()) ?? [];
  const saved = targets.find((target) => Object.keys(target.segment).length === 0);
  return saved === undefined ? definition : { ...definition, target: saved.rate };
}
