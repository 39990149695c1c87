import { z } from 'zod';

/** A dataset, saved definition or other stored thing, by id or by name. */
export const IdOrNameSchema = z.string().trim().min(1).max(200);

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
export const SegmentSchema = z.record(z.string().min(1).max(200), z.string().max(500));
