import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  matchesShownJson,
  matchesShownLines,
  type ShownCommand,
  shownCommands,
} from './docs-examples-match.ts';
import { makeTempDir, REPO_ROOT, runUpsell } from './run-upsell.ts';

// docs/cli.md says "All output shown here is real output of the built CLI, shortened where marked
// `...`". This runs every `$ upsell ...` example of the page (and of metrics.md) on the files the
// page names, made here as the page says, and compares the output with the one shown.

const readDoc = (name: string) => readFileSync(join(REPO_ROOT, 'docs', name), 'utf8');
const CLI_MD = readDoc('cli.md');
const METRICS_MD = readDoc('metrics.md');

/**
 * Examples not run, each with the reason: they need an Upsell server (remote mode), whose ids,
 * dates and sizes change with every run anyway. Kept exact, so a changed example is noticed.
 */
const NOT_RUN: Record<string, string> = {
  'datasets import export-1.csv --name shop': 'needs a server',
  'datasets append shop export-2.csv': 'needs a server',
  'datasets append shop docs-c.csv --kind customers': 'needs a server',
  'datasets list': 'needs a server',
  'datasets show shop': 'needs a server (and shows its ids and times)',
  "datasets show shop --format json | jq -c '{rows, accepted, rejected, customers}'": 'needs a server and jq',
  'datasets import examples/bad-rows.csv --name bad': 'needs a server',
  'datasets errors bad --limit 3': 'needs a server',
  'datasets delete bad': 'needs a server',
  'rate --dataset shop --period quarter --by channel --from 2024-Q3 --target 10 --format csv':
    'needs a server (the page says it prints what the offline example does)',
  'rate --dataset shop --token nope': 'needs a server',
  'rate --dataset shopp': 'needs a server',
  'datasets import docs-s.csv --name shop': 'needs a server',
  'datasets list --server http://localhost:3001': 'needs no server listening on port 3001',
};

/** The body of the ```csv block whose first line is `header`. */
function csvBlock(markdown: string, header: string): string {
  const start = markdown.indexOf(`\`\`\`csv\n${header}\n`);
  if (start === -1) throw new Error(`no csv block starting with ${header}`);
  const body = start + '```csv\n'.length;
  return markdown.slice(body, markdown.indexOf('```', body));
}

/**
 * The lines of the plain block that follows the block holding `command`: the recipes show a
 * command in a ```sh block and its output in the next one.
 */
function outputBlockAfter(markdown: string, command: string): string[] {
  const at = markdown.indexOf(`\n${command}\n`);
  if (at === -1) throw new Error(`no line ${command}`);
  const close = markdown.indexOf('\n```\n', at);
  const open = markdown.indexOf('\n```\n', close + 1);
  const end = markdown.indexOf('\n```\n', open + 1);
  return markdown.slice(open + '\n```\n'.length, end).split('\n');
}

const temp = makeTempDir();
afterAll(() => temp.remove());

/** A folder with `examples/` linked in, where the commands of the page run. */
function workDir(name: string): string {
  const dir = temp.path(name);
  mkdirSync(dir);
  symlinkSync(join(REPO_ROOT, 'examples'), join(dir, 'examples'));
  return dir;
}

let main = '';

/** Examples whose file the page describes but that means another file elsewhere: each its own folder. */
const OWN_FILES: Record<string, (dir: string) => Promise<void> | void> = {
  // "the dates fit both day-first and month-first (e.g. 03/07/2024, 11/12/2024)"
  'rate purchases.csv': (dir) =>
    writeFileSync(
      join(dir, 'purchases.csv'),
      'customer_id,Order Date,product_id,amount\nA,03/07/2024,p,1.00\nB,11/12/2024,p,2.00\n',
    ),
  // "a workbook saved under a .csv name"
  'validate purchases.csv': (dir) =>
    copyFileSync(join(REPO_ROOT, 'examples/shop.xlsx'), join(dir, 'purchases.csv')),
  // "its sheets are "Notes", "Orders""
  'rate orders.xlsx --sheet Order': async (dir) => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Notes').getCell('A1').value = 'exported 2024-04-01';
    workbook.addWorksheet('Orders').addRow(['customer_id', 'purchased_at', 'product_id']);
    await workbook.xlsx.writeFile(join(dir, 'orders.xlsx'));
  },
};
const folders = new Map<string, string>();

beforeAll(async () => {
  main = workDir('main');
  const sample = runUpsell(
    ['sample', '--rows', '20000', '--seed', '1', '--out', 'docs-s.csv', '--customers-out', 'docs-c.csv'],
    {
      cwd: main,
    },
  );
  expect(sample.status, sample.stderr).toBe(0);
  writeFileSync(
    join(main, 'tiers.csv'),
    csvBlock(METRICS_MD, 'order_id,customer_id,purchased_at,product_id,family,tier,amount,channel'),
  );
  writeFileSync(join(main, 'bad.csv'), csvBlock(CLI_MD, 'Client,Order Date,SKU,Revenue,Qty,Tier,Channel'));
  for (const [command, make] of Object.entries(OWN_FILES)) {
    const dir = workDir(`own-${folders.size}`);
    await make(dir);
    folders.set(command, dir);
  }
});

/** The real output as a terminal shows it: stderr (notes, bad rows, errors) before stdout, lines. */
function run(command: string, cwd: string) {
  const result = runUpsell(command.split(/\s+/), { cwd, env: { NO_COLOR: '1' } });
  const text = `${result.stderr}${result.stdout}`.replace(/\n$/, '');
  return { ...result, lines: text === '' ? [] : text.split('\n') };
}

function checkShown(shown: ShownCommand, page: string) {
  const real = run(shown.command, folders.get(shown.command) ?? main);
  const where = `${page}:${shown.line}: $ upsell ${shown.command}`;
  if (shown.exitCode !== undefined) expect(real.status, `${where}\n${real.stderr}`).toBe(shown.exitCode);
  if (shown.json !== undefined) {
    expect(real.stderr, where).toBe('');
    const matches = matchesShownJson(JSON.parse(shown.json), JSON.parse(real.stdout));
    expect(matches, `${where}\n--- shown\n${shown.json}\n--- real\n${real.stdout}`).toBe(true);
    return;
  }
  const matches = matchesShownLines(shown.output, real.lines);
  expect(matches, `${where}\n--- shown\n${shown.output.join('\n')}\n--- real\n${real.lines.join('\n')}`).toBe(
    true,
  );
}

describe.each([
  ['docs/cli.md', CLI_MD],
  ['docs/metrics.md', METRICS_MD],
])('the $ upsell examples of %s', (page, markdown) => {
  const shown = shownCommands(markdown);
  const runnable = shown.filter((command) => !(command.command in NOT_RUN));

  it('has examples to check', () => {
    expect(runnable.length).toBeGreaterThan(0);
  });

  it.each(runnable.map((command) => [command.command, command] as const))(
    'prints what is shown: $ upsell %s',
    (_, command) => checkShown(command, page),
  );
});

describe('examples not run', () => {
  it('are each still on the page, so the list cannot outlive them', () => {
    const onPage = new Set(shownCommands(CLI_MD).map((command) => command.command));
    expect(Object.keys(NOT_RUN).filter((command) => !onPage.has(command))).toEqual([]);
  });
});

describe('docs/cli.md outputs shown apart from their command', () => {
  it.each([
    'upsell report docs-s.csv --period month --by channel --from 2024-11 --industry saas',
    'upsell customers docs-s.csv --period 2024-Q1 --segment channel=online --limit 5',
  ])('prints what the recipe shows: %s', (command) => {
    const shown = outputBlockAfter(CLI_MD, command);
    const real = run(command.slice('upsell '.length), main);
    expect(real.status).toBe(0);
    expect(
      matchesShownLines(shown, real.lines),
      `--- shown\n${shown.join('\n')}\n--- real\n${real.lines.join('\n')}`,
    ).toBe(true);
  });

  it("prints the JSON shown after validate's table: validate bad.csv --map customer_id=Client --format json", () => {
    const at = CLI_MD.indexOf('```json\n{\n  "file": "bad.csv",\n');
    expect(at).toBeGreaterThan(-1);
    const shown = CLI_MD.slice(at + '```json\n'.length, CLI_MD.indexOf('\n```', at + 1));
    const real = run('validate bad.csv --map customer_id=Client --format json', main);
    expect(real.status).toBe(1);
    expect(
      matchesShownJson(JSON.parse(shown), JSON.parse(real.stdout)),
      `--- shown\n${shown}\n--- real\n${real.stdout}`,
    ).toBe(true);
  });

  it("shows the first purchase lines of upsell sample as the docs' sample command writes them", () => {
    const header = 'order_id,customer_id,purchased_at,product_id,family,tier,quantity,amount,channel';
    const at = CLI_MD.indexOf(`\`\`\`\n${header}\n`);
    expect(at).toBeGreaterThan(-1);
    const shown = CLI_MD.slice(at + 4, CLI_MD.indexOf('\n```', at + 4)).split('\n');
    const written = readFileSync(join(main, 'docs-s.csv'), 'utf8').split('\n');
    expect(written.slice(0, shown.length)).toEqual(shown);
  });
});
