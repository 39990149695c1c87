import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources, in the build as in tests.
const conditions = ['@upsell/source', 'browser', 'module', 'import', 'default'];
// The API in development: `pnpm start` (or the server on its own) on port 3000.
const api = process.env.UPSELL_API ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  resolve: { conditions },
  server: { proxy: { '/trpc': api, '/api': api } },
  build: { outDir: 'dist', sourcemap: true, target: 'es2022' },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
