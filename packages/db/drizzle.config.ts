import { defineConfig } from 'drizzle-kit';

// `pnpm db:generate` diffs src/schema.ts against the snapshots in drizzle/meta and writes the next
// migration there; openDatabase applies the folder's migrations in order.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema.ts',
  out: './drizzle',
});
