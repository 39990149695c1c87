import { DefinitionSchema, METRICS } from '@upsell/core';
import type { DefinitionRow, TargetRow, TokenRow } from '@upsell/db';
import { z } from 'zod';
import { RoleSchema } from '../roles.ts';
import type { Assert, Same } from './same-type.ts';
import { TimestampSchema } from './timestamp-schema.ts';

/** What `health` returns. */
export const HealthSchema = z.object({
  ok: z.literal(true),
  version: z.string(),
  database: z.enum(['pglite', 'postgres']),
});

/** A saved definition ({@link DefinitionRow}), for the OpenAPI document. */
export const SavedDefinitionSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  // Saved through the API it has every field (defaults filled in); the type allows fewer.
  definition: DefinitionSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});

/** A target ({@link TargetRow}), for the OpenAPI document. */
export const TargetSchema = z.object({
  id: z.string(),
  metric: z.enum(METRICS),
  segment: z.record(z.string(), z.string()).describe('{} is all customers'),
  rate: z.number().min(0).max(1),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});

/** A token as listed ({@link TokenRow}): never the token itself nor its hash. */
export const TokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: RoleSchema,
  prefix: z
    .string()
    .describe(
      "A generated token's first 8 characters; empty for a token chosen by hand (UPSELL_ADMIN_TOKEN)",
    ),
  createdAt: TimestampSchema,
  lastUsedAt: TimestampSchema.nullable(),
  revokedAt: TimestampSchema.nullable(),
});

/** What `token.me` returns. */
export const TokenIdentitySchema = z.object({ id: z.string(), name: z.string(), role: RoleSchema });

// Fails to compile when a schema above and the database's type drift apart. A saved definition
// is checked on its input side: what the schema accepts is exactly what the row may hold.
export type RecordSchemasMatchDatabase = [
  Assert<Same<z.input<typeof SavedDefinitionSchema>, DefinitionRow>>,
  Assert<Same<z.output<typeof TargetSchema>, TargetRow>>,
  Assert<Same<z.output<typeof TokenSchema>, TokenRow>>,
];
