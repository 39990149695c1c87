import { defineConfig } from 'vitest/config';

export default defineConfig({
  // A timeout catches a hang; the DuckDB oracle test starts a database, slow on a busy machine.
  test: { include: ['*.test.ts', 'server/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
});
