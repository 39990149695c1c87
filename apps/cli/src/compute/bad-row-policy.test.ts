import { describe, expect, it } from 'vitest';
import { ExitRequest } from '../exit-code.ts';
import type { Terminal } from '../terminal.ts';
import { applyBadRowPolicy } from './bad-row-policy.ts';

const terminal = () => {
  const err: string[] = [];
  const t: Terminal = { out: () => {}, err: (text) => err.push(text), color: false, progress: false };
  return { t, err };
};
const issue = (line: number) => ({
  file: 'shop.csv',
  line,
  column: 2,
  columnName: 'customer_id',
  reason: 'customer_id is empty',
});

describe('applyBadRowPolicy', () => {
  it('lists the first bad rows, says how many more and how to see them, and stops with exit 2', () => {
    const { t, err } = terminal();
    const read = {
      accounting: { rows: 10, accepted: 7, rejected: 3 },
      issues: [issue(3)],
      sideRejected: {},
      rowNoun: 'purchase',
    };
    expect(() => applyBadRowPolicy(read, false, t)).toThrow(ExitRequest);
    expect(err).toEqual([
      'shop.csv:3:2 (customer_id): customer_id is empty\n',
      '... and 2 more bad rows (upsell validate <file> lists them all)\n',
      'rows read 10 = accepted 7 + rejected 3\n',
    ]);
  });

  it('words how to see the rest as the caller says (a database table has no file to validate)', () => {
    const { t, err } = terminal();
    const read = {
      accounting: { rows: 10, accepted: 7, rejected: 3 },
      issues: [issue(3)],
      sideRejected: {},
      rowNoun: 'purchase',
      listAll: 'the table holds the rest',
    };
    applyBadRowPolicy(read, true, t);
    expect(err[1]).toBe('... and 2 more bad rows (the table holds the rest)\n');
  });

  it('says nothing when no row was rejected', () => {
    const { t, err } = terminal();
    applyBadRowPolicy(
      {
        accounting: { rows: 2, accepted: 2, rejected: 0 },
        issues: [],
        sideRejected: {},
        rowNoun: 'purchase',
      },
      false,
      t,
    );
    expect(err).toEqual([]);
  });
});
