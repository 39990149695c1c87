import { z } from 'zod';

// Control characters (C0, DEL and C1): PostgreSQL refuses NUL in text and JSON (an input with one
// would fail in the database, as a 500), and the others have no business in a name or an id
// (they break log lines, terminals and URLs).
const CONTROL_CHARACTER = /\p{Cc}/u;
const CONTROL_CHARACTER_MESSAGE = 'must not contain control characters (such as NUL)';

/** `schema`, refusing strings with control characters. */
const withoutControlCharacters = (schema: z.ZodString) =>
  schema.refine((value) => !CONTROL_CHARACTER.test(value), CONTROL_CHARACTER_MESSAGE);

/**
 * Text of several lines (a description): tabs and line breaks allowed, no other control
 * characters.
 */
export const MultilineTextSchema = (maxLength: number) =>
  z
    .string()
    .max(maxLength)
    .refine((value) => !CONTROL_CHARACTER.test(value.replace(/[\t\n\r]/g, '')), CONTROL_CHARACTER_MESSAGE);

/** A stored thing's id (an upload, a file, a target, a saved definition). */
export const IdSchema = withoutControlCharacters(z.string().min(1).max(200));

/** A dataset, saved definition or other stored thing, by id or by name. */
export const IdOrNameSchema = withoutControlCharacters(z.string().trim().min(1).max(200));

/** A name given by people (a saved definition's): one line of up to `maxLength` characters. */
export const NameSchema = (maxLength: number) =>
  withoutControlCharacters(z.string().trim().min(1).max(maxLength));

/** A line of text that may be empty (a search, a segment's value). */
export const TextLineSchema = (maxLength: number) => withoutControlCharacters(z.string().max(maxLength));

/** A new dataset's name: it appears in URLs and on command lines, so it keeps to safe characters. */
export const DatasetNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'use letters, digits, ".", "_" and "-", starting with a letter or digit',
  );

/** Paging: where to start and how many (the store's default is 100, its maximum 1,000). */
export const PageSchema = z.object({
  offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
});

/** A segment: dimension name -> value; `{}` is all customers. */
export const SegmentSchema = z.record(
  withoutControlCharacters(z.string().min(1).max(200)),
  TextLineSchema(500),
);

/**
 * Refuses control characters in every string of a JSON value, naming each one's path: for
 * values PostgreSQL stores as JSON (a saved definition), where a NUL fails in the database.
 *
 * @example
 * DefinitionSchema.superRefine(refuseControlCharacters)
 */
export function refuseControlCharacters(value: unknown, ctx: z.RefinementCtx): void {
  const visit = (node: unknown, path: PropertyKey[]) => {
    if (typeof node === 'string') {
      if (CONTROL_CHARACTER.test(node))
        ctx.addIssue({ code: 'custom', message: CONTROL_CHARACTER_MESSAGE, path });
    } else if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) visit(item, [...path, index]);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, item] of Object.entries(node)) {
        if (CONTROL_CHARACTER.test(key))
          ctx.addIssue({ code: 'custom', message: CONTROL_CHARACTER_MESSAGE, path });
        visit(item, [...path, key]);
      }
    }
  };
  visit(value, []);
}
