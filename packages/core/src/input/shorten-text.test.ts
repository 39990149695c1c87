import { describe, expect, it } from 'vitest';
import { createTimeZoneOffsets } from '../time/time-zone.ts';
import { mapColumns } from './column-mapping.ts';
import { createPurchaseReader } from './purchase-reader.ts';
import type { RowIssue } from './row-issue.ts';
import { listNames, QUOTED_TEXT_MAX, shortenText } from './shorten-text.ts';

describe('shortenText', () => {
  it('keeps a text of up to the limit whole', () => {
    expect(shortenText('2024-13-01')).toBe('2024-13-01');
    expect(shortenText('x'.repeat(QUOTED_TEXT_MAX))).toBe('x'.repeat(QUOTED_TEXT_MAX));
  });

  it('cuts a longer text to its start, an ellipsis and its length', () => {
    expect(shortenText('abcdefghijkl', 5)).toBe('abcd… (12 characters)');
    expect(shortenText('y'.repeat(10_000_000))).toHaveLength(
      QUOTED_TEXT_MAX + ' (10,000,000 characters)'.length,
    );
  });
});

describe('listNames', () => {
  it('lists a few names as they are', () => {
    expect(listNames(['a', 'b', 'c'])).toBe('a, b, c');
    expect(listNames([])).toBe('');
  });

  it('lists the first names of many and counts the rest', () => {
    const names = Array.from({ length: 100_000 }, (_, i) => `c${i}`);
    expect(listNames(names, 3)).toBe('c0, c1, c2 and 99,997 more');
  });

  it('shortens each long name', () => {
    expect(listNames(['z'.repeat(1000)])).toBe(`${'z'.repeat(59)}… (1,000 characters)`);
  });
});

describe('messages that quote input', () => {
  it('name a 10 MB header in a few hundred characters', () => {
    const header = [
      'customer_id',
      'h'.repeat(10_000_000),
      ...Array.from({ length: 1000 }, (_, i) => `x${i}`),
    ];
    const error = (() => {
      try {
        mapColumns(header);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toContain('no purchased_at column');
    expect(error?.message).toContain('and 972 more');
    expect(error!.message.length).toBeLessThan(1000);
  });

  it('quote a 10 MB cell of a bad row shortened, with its length', () => {
    const mapping = mapColumns(['customer_id', 'purchased_at', 'product_id']);
    const zone = createTimeZoneOffsets('UTC');
    const read = createPurchaseReader({ mapping, segmentation: [], zone, file: 1, fileName: 'p.csv' });
    const issues: RowIssue[] = [];
    expect(read(['c1', '9'.repeat(10_000_000), 'p1'], 2, 0, issues)).toBeUndefined();
    expect(issues[0]!.reason).toMatch(/^purchased_at "9{99}… \(10,000,000 characters\)" is not an ISO 8601/);
  });
});
