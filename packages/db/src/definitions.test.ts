import { type DefinitionInput, isUpsellError } from '@upsell/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createDefinition,
  deleteDefinition,
  findDefinition,
  listDefinitions,
  updateDefinition,
} from './definitions.ts';
import type { Database, Db } from './open-database.ts';
import { isStorageError } from './storage-error.ts';
import { testBackends } from './testing.ts';

const MISSING_ID = '00000000-0000-4000-8000-000000000000';

describe.each(testBackends())('definitions on $name', (backend) => {
  let database: Database;
  let db: Db;
  beforeEach(async () => {
    database = await backend.open();
    db = database.db;
  });
  afterEach(() => database.close());

  it('saves a definition and gives it back as saved', async () => {
    const definition: DefinitionInput = {
      metric: 'customer-upsell-rate',
      rule: 'tier',
      by: ['channel'],
      target: 0.2,
    };
    const saved = await createDefinition(db, { name: 'tiers', definition });
    expect(saved).toEqual({
      id: expect.any(String),
      name: 'tiers',
      description: null,
      definition,
      createdAt: expect.any(String),
      updatedAt: saved.createdAt,
    });
    expect(await findDefinition(db, saved.id)).toEqual(saved);
    expect(await findDefinition(db, 'tiers')).toEqual(saved);
  });

  it('refuses a taken name with CONFLICT', async () => {
    await createDefinition(db, { name: 'tiers', definition: {} });
    const error = await createDefinition(db, { name: 'tiers', definition: {} }).catch((e: unknown) => e);
    expect(isStorageError(error, 'CONFLICT')).toBe(true);
  });

  it('refuses a name spelled like an id, on saving and on renaming', async () => {
    const saved = await createDefinition(db, { name: 'tiers', definition: {} });
    const created = await createDefinition(db, { name: saved.id, definition: {} }).catch((e: unknown) => e);
    expect(isUpsellError(created, 'INVALID_ARGUMENT')).toBe(true);
    const other = await createDefinition(db, { name: 'other', definition: {} });
    const renamed = await updateDefinition(db, other.id, { name: saved.id }).catch((e: unknown) => e);
    expect(isUpsellError(renamed, 'INVALID_ARGUMENT')).toBe(true);
    expect((await findDefinition(db, saved.id))?.name).toBe('tiers');
  });

  it('lists definitions by name', async () => {
    await createDefinition(db, { name: 'b', definition: {} });
    await createDefinition(db, { name: 'a', description: 'first', definition: {} });
    expect((await listDefinitions(db)).map((d) => [d.name, d.description])).toEqual([
      ['a', 'first'],
      ['b', null],
    ]);
  });

  it('finds nothing for a missing id or name, or a text that is no uuid', async () => {
    expect(await findDefinition(db, MISSING_ID)).toBeUndefined();
    expect(await findDefinition(db, 'not-a-uuid')).toBeUndefined();
  });

  it('updates only what is given', async () => {
    const saved = await createDefinition(db, {
      name: 'tiers',
      description: 'd',
      definition: { rule: 'tier' },
    });
    const renamed = await updateDefinition(db, saved.id, { name: 'tier rule' });
    expect(renamed).toMatchObject({ name: 'tier rule', description: 'd', definition: { rule: 'tier' } });
    const changed = await updateDefinition(db, saved.id, {
      description: null,
      definition: { rule: 'price' },
    });
    expect(changed).toMatchObject({ name: 'tier rule', description: null, definition: { rule: 'price' } });
    expect(changed.updatedAt >= saved.updatedAt).toBe(true);
    expect(changed.createdAt).toBe(saved.createdAt);
  });

  it('refuses to rename onto a taken name with CONFLICT', async () => {
    await createDefinition(db, { name: 'a', definition: {} });
    const b = await createDefinition(db, { name: 'b', definition: {} });
    const error = await updateDefinition(db, b.id, { name: 'a' }).catch((e: unknown) => e);
    expect(isStorageError(error, 'CONFLICT')).toBe(true);
    expect((await findDefinition(db, b.id))?.name).toBe('b');
  });

  it('refuses to update or delete a missing definition with NOT_FOUND', async () => {
    for (const id of [MISSING_ID, 'tiers']) {
      expect(
        isStorageError(await updateDefinition(db, id, { name: 'x' }).catch((e: unknown) => e), 'NOT_FOUND'),
      ).toBe(true);
      expect(isStorageError(await deleteDefinition(db, id).catch((e: unknown) => e), 'NOT_FOUND')).toBe(true);
    }
  });

  it('deletes a definition', async () => {
    const saved = await createDefinition(db, { name: 'tiers', definition: {} });
    await deleteDefinition(db, saved.id);
    expect(await listDefinitions(db)).toEqual([]);
  });
});
