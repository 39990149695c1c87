import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { entryFiles, firstLoad, pageLoadGzipBytes, staticImports } from './first-load-js.ts';

describe('entryFiles', () => {
  it('finds the module entry, its modulepreloads and the stylesheets of a Vite index.html', () => {
    const html = `<head>
      <script type="module" crossorigin src="/assets/index-a1.js"></script>
      <link rel="modulepreload" crossorigin href="/assets/vendor-b2.js">
      <link rel="stylesheet" crossorigin href="/assets/index-c3.css">
      <link rel="icon" href="/favicon.svg">
    </head>`;
    expect(entryFiles(html)).toEqual({
      js: ['assets/index-a1.js', 'assets/vendor-b2.js'],
      css: ['assets/index-c3.css'],
    });
  });

  it('leaves out classic scripts, which a Vite build does not emit for the app', () => {
    expect(entryFiles('<script src="/legacy.js"></script>').js).toEqual([]);
  });
});

describe('staticImports', () => {
  it('finds minified static imports and re-exports but not dynamic imports', () => {
    const code =
      'import{a as b,c}from"./vendor-1.js";import"./side-2.js";export{d}from"./re-3.js";' +
      'const p=()=>import("./page-4.js");';
    expect(staticImports(code)).toEqual(['./vendor-1.js', './side-2.js', './re-3.js']);
  });

  it('ignores bare package specifiers, which a bundle has none of', () => {
    expect(staticImports('import x from "react";')).toEqual([]);
  });
});

describe('firstLoad', () => {
  let dist: string;
  afterEach(() => rm(dist, { recursive: true, force: true }));

  const build = async (files: Record<string, string>) => {
    dist = await mkdtemp(join(tmpdir(), 'first-load-'));
    await mkdir(join(dist, 'assets'));
    for (const [path, text] of Object.entries(files)) await writeFile(join(dist, path), text);
  };
  const gz = (text: string) => gzipSync(text).length;

  it('sums the entry and its static imports, followed through the code, and lists the rest as lazy', async () => {
    const entry = 'import{a}from"./shared-1.js";const p=()=>import("./page-2.js");';
    const shared = 'import"./deep-3.js";export const a=1;';
    await build({
      'index.html': '<script type="module" src="/assets/entry-0.js"></script>',
      'assets/entry-0.js': entry,
      'assets/shared-1.js': shared,
      'assets/deep-3.js': 'export{}',
      'assets/page-2.js': 'import{a}from"./shared-1.js";export const page=a;',
    });
    const load = await firstLoad(dist);
    expect(load.js.map((file) => file.path)).toEqual([
      'assets/entry-0.js',
      'assets/shared-1.js',
      'assets/deep-3.js',
    ]);
    expect(load.jsGzipBytes).toBe(gz(entry) + gz(shared) + gz('export{}'));
    expect(load.lazy.map((file) => file.path)).toEqual(['assets/page-2.js']);
    expect(await pageLoadGzipBytes(dist, 'page')).toBe(load.jsGzipBytes + load.lazy[0]!.gzipBytes);
    expect(await pageLoadGzipBytes(dist, 'missing')).toBeUndefined();
  });
});
