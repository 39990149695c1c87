import { defineConfig } from 'vitest/config';

// Workspace packages (the sample generator, the client) resolve to their TypeScript sources.
const conditions = ['@upsell/source', 'module', 'import', 'node', 'default'];

/**
 * Tests that run in Node rather than jsdom: `e2e`, the built server serving the built UI, driven
 * in Debian's chromium (one server for the suite, started in `global-setup.ts`; files one after
 * another); and `scripts`, the unit tests of the measurement script's pure parts.
 */
export default defineConfig({
  root: new URL('..', import.meta.url).pathname,
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    environment: 'node',
    projects: [
      {
        extends: true,
        test: { name: 'scripts', include: ['scripts/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
