/** One place where two printed results disagree: a row (by period and segment) or a top-level field. */
export interface ResultDifference {
  /** `2024-03 {"channel":"sales"}` for a row, `definition` for a field, `bytes` for the text alone. */
  where: string;
  /** The engine's value as compact JSON; undefined when only the SQL side has it. */
  expected: string | undefined;
  /** The SQL's value as compact JSON; undefined when only the engine has it. */
  actual: string | undefined;
}

interface PrintedRow {
  period?: unknown;
  segment?: unknown;
}

const rowKey = (row: PrintedRow): string => `${String(row.period)} ${JSON.stringify(row.segment ?? {})}`;

function rowsByKey(rows: unknown): Map<string, string> {
  const list = Array.isArray(rows) ? (rows as PrintedRow[]) : [];
  return new Map(list.map((row) => [rowKey(row), JSON.stringify(row)]));
}

/**
 * Compares two printed `--format json` results, the engine's (`expected`) and the SQL's
 * (`actual`): none when they are byte-identical; else each row (by period and segment) and
 * top-level field that differs, in the engine's order and then the SQL's extra ones; when every
 * value agrees but the bytes do not (key order, spacing), one `bytes` difference.
 *
 * @example
 * compareResultJson('{"rows":[{"period":"2024-01","segment":{},"numerator":1}]}', '{"rows":[{"period":"2024-01","segment":{},"numerator":2}]}');
 * // [{ where: '2024-01 {}', expected: '{"period":"2024-01","segment":{},"numerator":1}', actual: '{..."numerator":2}' }]
 */
export function compareResultJson(expected: string, actual: string): ResultDifference[] {
  if (expected === actual) return [];
  const engine = JSON.parse(expected) as Record<string, unknown>;
  const sql = JSON.parse(actual) as Record<string, unknown>;
  const differences: ResultDifference[] = [];
  for (const field of new Set([...Object.keys(engine), ...Object.keys(sql)])) {
    if (field === 'rows') continue;
    const e = field in engine ? JSON.stringify(engine[field]) : undefined;
    const a = field in sql ? JSON.stringify(sql[field]) : undefined;
    if (e !== a) differences.push({ where: field, expected: e, actual: a });
  }
  const engineRows = rowsByKey(engine.rows);
  const sqlRows = rowsByKey(sql.rows);
  for (const key of new Set([...engineRows.keys(), ...sqlRows.keys()])) {
    const e = engineRows.get(key);
    const a = sqlRows.get(key);
    if (e !== a) differences.push({ where: key, expected: e, actual: a });
  }
  if (differences.length === 0) differences.push({ where: 'bytes', expected: undefined, actual: undefined });
  return differences;
}
