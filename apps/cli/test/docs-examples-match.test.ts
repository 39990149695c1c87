import { describe, expect, it } from 'vitest';
import { matchesShownJson, matchesShownLines, shownCommands } from './docs-examples-match.ts';

describe('shownCommands', () => {
  it('takes the lines up to the next $ line as a command output, annotations removed', () => {
    const page = [
      'Text with `$ upsell rate not-in-a-block.csv`.',
      '```',
      '$ upsell rate nofile.csv',
      'upsell: nofile.csv: no such file                 (exit 2)',
      '$ upsell validate bad.csv   # a comment',
      'bad.csv:3:2 (Order Date): purchased_at is bad',
      '... 4 more problems (--offset 3 shows the next page)        (stderr)',
      '$ export UPSELL_TOKEN=x',
      'not output of anything',
      '```',
    ].join('\n');
    expect(shownCommands(page)).toEqual([
      { line: 3, command: 'rate nofile.csv', output: ['upsell: nofile.csv: no such file'], exitCode: 2 },
      {
        line: 5,
        command: 'validate bad.csv',
        output: [
          'bad.csv:3:2 (Order Date): purchased_at is bad',
          '... 4 more problems (--offset 3 shows the next page)',
        ],
      },
    ]);
  });

  it('reads the exit code from a following $ echo $?', () => {
    const page = ['```', '$ upsell rate a.csv --target 5', 'period,rate', '$ echo $?', '1', '```'].join('\n');
    expect(shownCommands(page)).toEqual([
      { line: 2, command: 'rate a.csv --target 5', output: ['period,rate'], exitCode: 1 },
    ]);
  });

  it('takes a json block right after a command that ends its block with no output as its output', () => {
    const page = ['```', '$ upsell rate a.csv --format json', '```', '', '```json', '{ "a": 1 }', '```'].join(
      '\n',
    );
    expect(shownCommands(page)).toEqual([
      { line: 2, command: 'rate a.csv --format json', output: [], json: '{ "a": 1 }' },
    ]);
  });

  it('keeps blank lines inside an output, not after it, and leaves a command without output empty', () => {
    const page = [
      '```',
      '$ upsell report a.csv',
      'Title',
      '',
      'Body',
      '',
      '```',
      'prose',
      '```',
      '$ upsell x',
      '```',
    ].join('\n');
    expect(shownCommands(page).map((c) => c.output)).toEqual([['Title', '', 'Body'], []]);
  });
});

describe('matchesShownLines', () => {
  it('matches equal lines and nothing else', () => {
    expect(matchesShownLines(['a', 'b'], ['a', 'b'])).toBe(true);
    expect(matchesShownLines(['a', 'b'], ['a', 'c'])).toBe(false);
    expect(matchesShownLines(['a', 'b'], ['a', 'b', 'c'])).toBe(false);
    expect(matchesShownLines(['a', 'b', 'c'], ['a', 'b'])).toBe(false);
  });

  it('lets a ... line stand for any number of lines, none included', () => {
    expect(matchesShownLines(['a', '...', 'd'], ['a', 'b', 'c', 'd'])).toBe(true);
    expect(matchesShownLines(['a', '...', 'd'], ['a', 'd'])).toBe(true);
    expect(matchesShownLines(['a', '...'], ['a', 'b', 'c'])).toBe(true);
    expect(matchesShownLines(['...', 'c'], ['a', 'b', 'c'])).toBe(true);
    expect(matchesShownLines(['a', '...', 'd'], ['a', 'b', 'c', 'e'])).toBe(false);
    expect(matchesShownLines(['a', '...', 'd'], ['x', 'b', 'd'])).toBe(false);
  });

  it('finds the right place for what follows a ... line when it occurs more than once', () => {
    expect(matchesShownLines(['...', 'x', 'end'], ['x', 'y', 'x', 'end'])).toBe(true);
    expect(matchesShownLines(['a', '...', 'x', '...', 'x'], ['a', 'x', 'b', 'x'])).toBe(true);
    expect(matchesShownLines(['a', '...', 'x', '...', 'x'], ['a', 'x', 'b'])).toBe(false);
  });

  it('lets ... inside a line stand for any text, the rest of the line still compared', () => {
    expect(matchesShownLines(['all,150,500,...,41380'], ['all,150,500,0.3,,,,41380'])).toBe(true);
    expect(matchesShownLines(['all,150,500,...,41380'], ['all,150,501,0.3,,,,41380'])).toBe(false);
    expect(matchesShownLines(['... 718 more customers'], ['... 718 more customers'])).toBe(true);
    expect(matchesShownLines(['... 718 more customers'], ['... 719 more customers'])).toBe(false);
  });

  it('fails when one digit of a shown number differs', () => {
    const actual = ['2024-Q4  13.1%  [11.8%, 14.5%]  moderate         328 / 2,500'];
    expect(matchesShownLines(actual, actual)).toBe(true);
    expect(matchesShownLines(['2024-Q4  13.1%  [11.8%, 14.5%]  moderate         329 / 2,500'], actual)).toBe(
      false,
    );
  });

  it('treats regular-expression characters in a shown line as text', () => {
    expect(matchesShownLines(['rate (p=0.1) * [x] ...'], ['rate (p=0.1) * [x] and more'])).toBe(true);
    expect(matchesShownLines(['rate (p=0.1) * [x] ...'], ['rate (p=0X1) * [x] and more'])).toBe(false);
  });
});

describe('matchesShownJson', () => {
  it('compares objects by their keys and values, in any key order', () => {
    expect(matchesShownJson({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(matchesShownJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(matchesShownJson({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(matchesShownJson({ a: 0.2077 }, { a: 0.2078 })).toBe(false);
    expect(matchesShownJson({ a: null }, { a: 0 })).toBe(false);
  });

  it('lets a "...": "..." entry stand for more keys', () => {
    expect(matchesShownJson({ a: 1, '...': '...' }, { a: 1, b: 2 })).toBe(true);
    expect(matchesShownJson({ a: 1, '...': '...' }, { a: 2, b: 2 })).toBe(false);
    expect(matchesShownJson({ a: 1, '...': '...' }, { b: 2 })).toBe(false);
  });

  it('lets a last "..." element stand for more elements, the ones shown compared in order', () => {
    expect(matchesShownJson([1, '...'], [1, 2, 3])).toBe(true);
    expect(matchesShownJson([1, '...'], [1])).toBe(true);
    expect(matchesShownJson([1, '...'], [2, 3])).toBe(false);
    expect(matchesShownJson([1, 2], [1, 2, 3])).toBe(false);
    expect(matchesShownJson([1, 2], [2, 1])).toBe(false);
  });
});
