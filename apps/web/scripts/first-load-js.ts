import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** One file the page loads at start, with its size as served and gzipped. */
export interface LoadedFile {
  /** Path inside the build, e.g. `assets/index-DvY5vR14.js`. */
  path: string;
  bytes: number;
  gzipBytes: number;
}

/** What a first visit loads before any lazy chunk: the JavaScript and, apart, the CSS. */
export interface FirstLoad {
  js: LoadedFile[];
  css: LoadedFile[];
  jsGzipBytes: number;
  cssGzipBytes: number;
  /** The other chunks under `assets/`, loaded on first use of a page. */
  lazy: LoadedFile[];
}

const ATTRIBUTE = (name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`);

/**
 * The scripts and stylesheets an `index.html` loads at start: the module entry
 * (`<script type="module" src>`), its preloaded static imports (`<link rel="modulepreload">`)
 * and the stylesheets, as paths relative to the build's root.
 *
 * @example
 * entryFiles('<script type="module" src="/assets/index-a.js"></script>') // { js: ['assets/index-a.js'], css: [] }
 */
export function entryFiles(html: string): { js: string[]; css: string[] } {
  const js: string[] = [];
  const css: string[] = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    const src = ATTRIBUTE('src').exec(tag)?.[1];
    const href = ATTRIBUTE('href').exec(tag)?.[1];
    const rel = ATTRIBUTE('rel').exec(tag)?.[1];
    if (tag.startsWith('<script') && src && ATTRIBUTE('type').exec(tag)?.[1] === 'module') js.push(src);
    else if (rel === 'modulepreload' && href) js.push(href);
    else if (rel === 'stylesheet' && href) css.push(href);
  }
  const local = (path: string) => path.replace(/^\.?\//, '');
  return { js: js.map(local), css: css.map(local) };
}

/**
 * The modules a built chunk imports statically (`import … from "./x.js"`, `import "./x.js"`,
 * `export … from "./x.js"`), not the lazy `import("./x.js")`, as paths relative to the chunk.
 *
 * @example
 * staticImports('import{a as b}from"./vendor-1.js";const p=()=>import("./page-2.js");') // ['./vendor-1.js']
 */
export function staticImports(code: string): string[] {
  const found = new Set<string>();
  const pattern = /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{},\s]+?\s*from\s*)?["']([^"']+\.js)["']/g;
  for (const [, specifier] of code.matchAll(pattern)) {
    if (specifier?.startsWith('.')) found.add(specifier);
  }
  return [...found];
}

const sizeOf = (path: string, bytes: Buffer): LoadedFile => ({
  path,
  bytes: bytes.length,
  gzipBytes: gzipSync(bytes).length,
});

/** Files reached from `roots` through static imports, each once, in the order reached. */
async function staticClosure(distDir: string, roots: readonly string[]): Promise<Map<string, LoadedFile>> {
  const js = new Map<string, LoadedFile>();
  const queue = [...roots];
  for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
    if (js.has(path)) continue;
    const bytes = await readFile(join(distDir, path));
    js.set(path, sizeOf(path, bytes));
    const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
    for (const specifier of staticImports(bytes.toString('utf8'))) {
      queue.push(new URL(specifier, `http://build/${folder}`).pathname.slice(1));
    }
  }
  return js;
}

const sum = (files: Iterable<LoadedFile>) => [...files].reduce((total, file) => total + file.gzipBytes, 0);

/**
 * The first load of a Vite build in `distDir`: the entry, its modulepreloads and every chunk they
 * import statically (followed in the code too, in case a preload is missing), gzipped at zlib's
 * default level (6, as the `compression` middleware and most servers use).
 */
export async function firstLoad(distDir: string): Promise<FirstLoad> {
  const entry = entryFiles(await readFile(join(distDir, 'index.html'), 'utf8'));
  const js = await staticClosure(distDir, entry.js);
  const css = await Promise.all(
    entry.css.map(async (path) => sizeOf(path, await readFile(join(distDir, path)))),
  );
  const lazy: LoadedFile[] = [];
  for (const name of (await readdir(join(distDir, 'assets'))).sort()) {
    const path = `assets/${name}`;
    if (name.endsWith('.js') && !js.has(path)) lazy.push(sizeOf(path, await readFile(join(distDir, path))));
  }
  return { js: [...js.values()], css, jsGzipBytes: sum(js.values()), cssGzipBytes: sum(css), lazy };
}

/**
 * The JavaScript gzipped that opening a lazy page's link needs: the first load plus the page's
 * chunk (the one in `assets/` named `<chunkPrefix>-<hash>.js`) and its static imports; undefined
 * when no chunk has that name.
 */
export async function pageLoadGzipBytes(distDir: string, chunkPrefix: string): Promise<number | undefined> {
  const chunk = (await readdir(join(distDir, 'assets'))).find(
    (name) => name.startsWith(`${chunkPrefix}-`) && name.endsWith('.js'),
  );
  if (chunk === undefined) return undefined;
  const entry = entryFiles(await readFile(join(distDir, 'index.html'), 'utf8'));
  return sum((await staticClosure(distDir, [...entry.js, `assets/${chunk}`])).values());
}
