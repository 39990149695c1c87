import type { DefinitionInput } from '@upsell/core';
import { asc, eq, or, sql } from 'drizzle-orm';
import { checkNameNotId } from './check-name-not-id.ts';
import { isUniqueViolation } from './is-unique-violation.ts';
import { isUuid } from './is-uuid.ts';
import { isoString } from './iso-string.ts';
import type { Db } from './open-database.ts';
import { definitions } from './schema.ts';
import { StorageError } from './storage-error.ts';

/** A saved metric definition. */
export interface DefinitionRow {
  id: string;
  name: string;
  description: string | null;
  /** As it was given when saved (validated by the caller then, not re-validated here). */
  definition: DefinitionInput;
  createdAt: string;
  updatedAt: string;
}

function toDefinitionRow(row: typeof definitions.$inferSelect): DefinitionRow {
  return { ...row, createdAt: isoString(row.createdAt), updatedAt: isoString(row.updatedAt) };
}

const nameTaken = (name: string) => new StorageError('CONFLICT', `a definition named "${name}" exists`);
const notFound = (id: string) => new StorageError('NOT_FOUND', `no definition with id "${id}"`);

/**
 * Saves a definition under a new name (a taken name is a CONFLICT; one spelled like an id,
 * INVALID_ARGUMENT).
 *
 * @example
 * await createDefinition(db, { name: 'tier upsell', definition: { metric: 'customer-upsell-rate', ... } });
 */
export async function createDefinition(
  db: Db,
  input: { name: string; description?: string | null; definition: DefinitionInput },
): Promise<DefinitionRow> {
  checkNameNotId('definition', input.name);
  const [row] = await db
    .insert(definitions)
    .values({ name: input.name, description: input.description ?? null, definition: input.definition })
    .onConflictDoNothing({ target: definitions.name })
    .returning();
  if (row === undefined) throw nameTaken(input.name);
  return toDefinitionRow(row);
}

/**
 * All saved definitions, by name.
 *
 * @example
 * const names = (await listDefinitions(db)).map((d) => d.name);
 */
export async function listDefinitions(db: Db): Promise<DefinitionRow[]> {
  const rows = await db.select().from(definitions).orderBy(asc(definitions.name));
  return rows.map(toDefinitionRow);
}

/**
 * The definition with this id, or else with this name; undefined when there is none.
 *
 * @example
 * const saved = await findDefinition(db, 'tier upsell');
 */
export async function findDefinition(db: Db, idOrName: string): Promise<DefinitionRow | undefined> {
  const [row] = await db
    .select()
    .from(definitions)
    .where(
      isUuid(idOrName)
        ? or(eq(definitions.id, idOrName), eq(definitions.name, idOrName))
        : eq(definitions.name, idOrName),
    )
    // A name spelled like another definition's id: the id wins.
    .orderBy(asc(eq(definitions.name, idOrName)))
    .limit(1);
  return row === undefined ? undefined : toDefinitionRow(row);
}

/**
 * Changes what is given of a definition's name, description and definition: NOT_FOUND when it
 * is missing, CONFLICT when the new name is taken, INVALID_ARGUMENT when it is spelled like an id.
 *
 * @example
 * await updateDefinition(db, saved.id, { description: 'Tiers, quarterly, EU only' });
 */
export async function updateDefinition(
  db: Db,
  id: string,
  changes: { name?: string; description?: string | null; definition?: DefinitionInput },
): Promise<DefinitionRow> {
  if (!isUuid(id)) throw notFound(id);
  if (changes.name !== undefined) checkNameNotId('definition', changes.name);
  try {
    const [row] = await db
      .update(definitions)
      .set({
        name: changes.name,
        description: changes.description,
        definition: changes.definition,
        updatedAt: sql`now()`,
      })
      .where(eq(definitions.id, id))
      .returning();
    if (row === undefined) throw notFound(id);
    return toDefinitionRow(row);
  } catch (error) {
    if (changes.name !== undefined && isUniqueViolation(error)) throw nameTaken(changes.name);
    throw error;
  }
}

/**
 * Deletes a definition (NOT_FOUND when missing).
 *
 * @example
 * await deleteDefinition(db, saved.id);
 */
export async function deleteDefinition(db: Db, id: string): Promise<void> {
  const deleted = isUuid(id)
    ? await db.delete(definitions).where(eq(definitions.id, id)).returning({ id: definitions.id })
    : [];
  if (deleted.length === 0) throw notFound(id);
}
