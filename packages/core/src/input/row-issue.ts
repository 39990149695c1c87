/** Why one input row was not accepted: where it is and what is wrong, in words. */
export interface RowIssue {
  /** The file's name as the user gave it, when there is a file. */
  file?: string;
  /** 1-based line of the row in the file (the header is line 1 for CSV). */
  line: number;
  /** 1-based column number. */
  column: number;
  /** The column's header name, when known. */
  columnName?: string;
  reason: string;
}

/** Rows read, accepted and rejected: `read = accepted + rejected` always. */
export interface RowAccounting {
  rows: number;
  accepted: number;
  rejected: number;
}

/** Formats an issue as `file:line:column: reason` for people. */
export function formatRowIssue(issue: RowIssue): string {
  const name = issue.columnName ? ` (${issue.columnName})` : '';
  return `${issue.file ?? '<input>'}:${issue.line}:${issue.column}${name}: ${issue.reason}`;
}
