import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources in tests, so no build is needed first.
const conditions = ['@upsell/source'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  // A timeout catches a hang; it is no speed check (those are benchmarks). Property tests on a
  // busy 2-core CI machine can take several seconds, so the default 5 s is too tight.
  test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
});
