// Bundles the built CLI (dist/, from tsc) into bundle/: the `upsell` binary that users and the
// tests run. Node's ES module loader costs about 1.5 ms a module here (resolve, read, compile),
// and the CLI with its workspace packages is over 200 modules, so every command paid about 0.25 s
// before doing anything, and every worker thread paid it again. Bundled, `upsell mrr --help`
// takes 0.25 s instead of 0.38 s (bare `node -e 0`: 0.11 s), and `upsell mrr` on 1M rows 0.3-0.5 s
// less (docs/architecture.md, "Startup").
//
// Layout: the entry (main.js) and compute's worker entries side by side, shared code in chunks.
// Compute starts its workers by `new URL('./worker.js', import.meta.url)`, so the workers must be
// emitted beside the chunk that holds that code, under the names compute exports them by.
// Kept outside: commander (CommonJS, which an ES module bundle cannot `require`), and the
// database and spreadsheet drivers (native code, or loaded only when asked for): the CLI
// depends on them, so they resolve from here as from dist/.
//
// `pnpm --filter @upsell/cli dev` (tsc --watch) does not bundle: run `pnpm build` to try a change.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const outdir = here('./bundle');
const WORKERS = ['worker', 'subscription-worker', 'live-subscription-worker'];

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: {
    main: here('./dist/main.js'),
    ...Object.fromEntries(
      WORKERS.map((name) => [name, fileURLToPath(import.meta.resolve(`@upsell/compute/${name}`))]),
    ),
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  external: ['commander', 'exceljs', 'pg', '@duckdb/node-api'],
  logLevel: 'warning',
});
