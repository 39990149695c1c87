import type { RowIssue } from './row-issue.ts';
import { rowIssueAt, widthIssue } from './row-issue-at.ts';
import { shortenText } from './shorten-text.ts';

/**
 * Checks the rows of a side file keyed by one column (customers by customer_id, a catalog by
 * product_id): the right number of fields, a key, and no key accepted before. `check` gives the
 * trimmed key of a good row, or reports a bad one and gives undefined; `accept` records a key
 * once the row has passed the caller's own checks too.
 *
 * @example
 * const rows = createKeyedRowChecker(['customer_id', 'region'], 'c.csv', 0, 'customer_id', 'customer');
 * rows.accept(rows.check(['C1', 'EU'], 2, issues)!, 2);
 * rows.check(['C1', 'US'], 3, issues) // undefined: "customer C1 already appears on line 2"
 */
export function createKeyedRowChecker(
  header: readonly string[],
  fileName: string | undefined,
  keyColumn: number,
  keyField: string,
  keyNoun: string,
): {
  check(fields: readonly string[], line: number, issues: RowIssue[]): string | undefined;
  accept(key: string, line: number): void;
} {
  const firstLine = new Map<string, number>();
  const check = (fields: readonly string[], line: number, issues: RowIssue[]) => {
    const width = widthIssue(header, fileName, fields, line);
    if (width !== undefined) {
      issues.push(width);
      return undefined;
    }
    const key = fields[keyColumn]!.trim();
    const seen = firstLine.get(key);
    if (key === '' || seen !== undefined) {
      const reason =
        key === ''
          ? `${keyField} is empty`
          : `${keyNoun} ${shortenText(key)} already appears on line ${seen}`;
      issues.push(rowIssueAt(header, fileName, line, keyColumn, reason));
      return undefined;
    }
    return key;
  };
  return { check, accept: (key, line) => firstLine.set(key, line) };
}
