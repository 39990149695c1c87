import type { Definition } from '@upsell/core';
import { type Db, listTargets } from '@upsell/db';

/**
 * A definition with the saved target of its metric for all customers (segment `{}`) when it
 * has no `target` of its own; an explicit target always wins.
 *
 * @example
 * await applySavedTarget(db, definition) // { ...definition, target: 0.2 } after target.set({ metric, segment: {}, rate: 0.2 })
 */
export async function applySavedTarget(db: Db, definition: Definition): Promise<Definition> {
  if (definition.target !== undefined) return definition;
  const saved = (await listTargets(db, { metric: definition.metric })).find(
    (target) => Object.keys(target.segment).length === 0,
  );
  return saved === undefined ? definition : { ...definition, target: saved.rate };
}
