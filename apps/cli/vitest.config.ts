import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources in tests, so no build is needed first.
const conditions = ['@upsell/source'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
