import {
  createDefinition,
  deleteDefinition,
  findDefinition,
  listDefinitions,
  StorageError,
  updateDefinition,
} from '@upsell/db';
import { z } from 'zod';
import { IdOrNameSchema, IdSchema, MultilineTextSchema, NameSchema } from '../schemas/common-inputs.ts';
import { DefinitionInputSchema } from '../schemas/metric-inputs.ts';
import { analystProcedure, router, viewerProcedure } from '../trpc.ts';

const DefinitionNameSchema = NameSchema(100);
const DescriptionSchema = MultilineTextSchema(2000);

/** `definition.*`: saved, named metric definitions. */
export const definitionRouter = router({
  list: viewerProcedure.query(({ ctx }) => listDefinitions(ctx.db)),
  /** By id or by name. */
  byId: viewerProcedure.input(z.object({ id: IdOrNameSchema })).query(async ({ ctx, input }) => {
    const saved = await findDefinition(ctx.db, input.id);
    if (saved === undefined) throw new StorageError('NOT_FOUND', `No saved definition "${input.id}"`);
    return saved;
  }),
  /** The definition is validated and saved with its defaults filled in, so it reads the same later. */
  create: analystProcedure
    .input(
      z.object({
        name: DefinitionNameSchema,
        description: DescriptionSchema.optional(),
        definition: DefinitionInputSchema,
      }),
    )
    .mutation(({ ctx, input }) => createDefinition(ctx.db, input)),
  /** Changes what is given; `description: null` removes it. */
  update: analystProcedure
    .input(
      z.object({
        id: IdSchema,
        name: DefinitionNameSchema.optional(),
        description: DescriptionSchema.nullable().optional(),
        definition: DefinitionInputSchema.optional(),
      }),
    )
    .mutation(({ ctx, input }) => {
      const { id, ...changes } = input;
      return updateDefinition(ctx.db, id, changes);
    }),
  delete: analystProcedure
    .input(z.object({ id: IdSchema }))
    .mutation(({ ctx, input }) => deleteDefinition(ctx.db, input.id)),
});
