import { PURCHASE_KINDS, type PurchaseField, type RowIssue, shortenText } from '@upsell/core';
import { dialectWords } from './dialect-words.ts';
import { createParamList } from './param-list.ts';
import { preparedRelationSql, purchaseColumnsSql } from './purchase-columns-sql.ts';
import { planPurchaseSource } from './purchase-source-plan.ts';
import { PARQUET_FILE_COLUMN, PARQUET_ROW_COLUMN, relationSql } from './relation-sql.ts';
import { compactStatement, quoteIdentifier } from './sql-text.ts';
import type { CompileRateOptions, SqlStatement } from './types.ts';

/** A statement listing a source's rejected rows, and how to read its rows into issues. */
export interface CompiledIssuesQuery {
  statement: SqlStatement;
  /** One issue per bad cell of each row, in row order, a row's issues by column. */
  read(rows: readonly Record<string, unknown>[]): RowIssue[];
}

/** Which page of the rejected rows. */
export interface IssuesPage {
  /** Default 100. */
  limit?: number;
  offset?: number;
}

// The checks, in column order once mapped, each with the engine's wording (purchase-reader.ts).
const CHECKS: readonly { flag: string; field: PurchaseField; reason: (raw: string) => string }[] = [
  { flag: 'customer', field: 'customer_id', reason: () => 'customer_id is empty' },
  {
    flag: 'time',
    field: 'purchased_at',
    reason: (raw) =>
      raw === ''
        ? 'purchased_at is empty'
        : `purchased_at "${shortenText(raw)}" is not an ISO 8601 date or date-time (e.g. 2024-03-07 or 2024-03-07T14:05:00Z)`,
  },
  { flag: 'product', field: 'product_id', reason: () => 'product_id is empty' },
  { flag: 'amount_negative', field: 'amount', reason: (raw) => `amount "${shortenText(raw)}" is negative` },
  {
    flag: 'amount',
    field: 'amount',
    reason: (raw) =>
      `amount "${shortenText(raw)}" is not a decimal number >= 0 with at most 4 decimals and a decimal point (e.g. 19.99)`,
  },
  {
    flag: 'quantity_negative',
    field: 'quantity',
    reason: (raw) => `quantity "${shortenText(raw)}" is negative`,
  },
  {
    flag: 'quantity',
    field: 'quantity',
    reason: (raw) => `quantity "${shortenText(raw)}" is not a number >= 0`,
  },
  {
    flag: 'tier',
    field: 'tier',
    reason: (raw) => `tier "${shortenText(raw)}" is not a whole number >= 0 (1 = entry level)`,
  },
  {
    flag: 'kind',
    field: 'kind',
    reason: (raw) => `kind "${shortenText(raw)}" is not one of ${PURCHASE_KINDS.join(', ')}`,
  },
];

const truthy = (value: unknown) => value === true || value === 't' || value === 1 || value === 1n;

/**
 * Compiles the statement that lists a source's rejected rows (a blank customer or product, a
 * time that is not one, a negative or malformed amount, quantity or tier, an unknown kind): the
 * same checks as the rate statement, so `rows read = accepted + rejected` holds across the two.
 * Each row is located by the position column, or for Parquet by its file and row (1-based);
 * a table without a position column gives line 0 and the row's customer in the reason.
 *
 * @example
 * const query = compileIssuesQuery(options, { limit: 20 });
 * const issues = query.read(await run(query.statement));
 */
export function compileIssuesQuery(options: CompileRateOptions, page: IssuesPage = {}): CompiledIssuesQuery {
  const plan = planPurchaseSource(options);
  const w = dialectWords(options.dialect);
  const params = createParamList();
  const zone = w.textParam(params.add(plan.timeZone));
  const cols = purchaseColumnsSql({
    mapping: plan.mapping,
    columns: plan.columns,
    words: w,
    zone,
    utc: plan.timeZone === 'UTC',
    alias: 'p',
  });
  const relation = options.purchases.relation;
  const flags: Record<string, string> = {
    customer: cols.customer.bad,
    time: cols.time.bad,
    product: cols.product.bad,
    amount_negative: cols.amount.negative,
    amount: cols.amount.bad,
    quantity_negative: cols.quantity.negative,
    quantity: cols.quantity.bad,
    tier: cols.tier.bad,
    kind: cols.kind.bad,
  };
  const used = CHECKS.filter((check) => flags[check.flag] !== 'FALSE');
  const raw = (field: PurchaseField) => cols.raw(field) ?? 'NULL';
  const position =
    plan.position !== undefined
      ? w.double(`p.${quoteIdentifier(plan.position.name)}`)
      : relation.kind === 'parquet'
        ? `p.${PARQUET_ROW_COLUMN} + 1`
        : 'NULL';
  const file = relation.kind === 'parquet' ? `p.${PARQUET_FILE_COLUMN}` : 'NULL';
  const select = [
    `${position} AS u_line`,
    `${file} AS u_file`,
    `${raw('customer_id')} AS r_customer_id`,
    ...[...new Set(used.map((c) => c.field))]
      .filter((field) => field !== 'customer_id')
      .map((field) => `${raw(field)} AS r_${field}`),
    ...used.map((check) => `(${flags[check.flag]}) AS f_${check.flag}`),
  ];
  const limit = Math.max(0, Math.floor(page.limit ?? 100));
  const offset = Math.max(0, Math.floor(page.offset ?? 0));
  const text = `SELECT * FROM (
  SELECT ${select.join(',\n    ')}
  FROM ${preparedRelationSql(relationSql(relation, params), cols.preparation, 'p')}
  WHERE ${used.map((check) => `(${flags[check.flag]})`).join(' OR ')}
) AS u_rejected
ORDER BY u_file NULLS FIRST, u_line NULLS LAST, r_customer_id NULLS FIRST
LIMIT ${limit} OFFSET ${offset}`;

  const columnOf = (field: PurchaseField) => plan.mapping.fields[field]!;
  const sourceName = relation.kind === 'table' ? relation.name : undefined;
  return {
    statement: compactStatement(text, params.values),
    read(rows) {
      const issues: RowIssue[] = [];
      for (const row of rows) {
        const lineValue = row.u_line === null || row.u_line === undefined ? 0 : Number(row.u_line);
        const fileIndex = row.u_file === null || row.u_file === undefined ? undefined : Number(row.u_file);
        const fileName =
          relation.kind === 'parquet' && fileIndex !== undefined ? relation.paths[fileIndex] : sourceName;
        const found: RowIssue[] = [];
        for (const check of used) {
          if (!truthy(row[`f_${check.flag}`])) continue;
          const column = columnOf(check.field);
          const rawText = String(row[`r_${check.field}`] ?? '').trim();
          let reason = check.reason(rawText);
          if (lineValue === 0 && plan.position === undefined && relation.kind === 'table') {
            const customer = String(row.r_customer_id ?? '').trim();
            reason += customer === '' ? '' : ` (customer ${shortenText(customer)})`;
          }
          const issue: RowIssue = {
            line: Number.isFinite(lineValue) ? lineValue : 0,
            column: column + 1,
            columnName: plan.columns[column]!.name,
            reason,
          };
          if (fileName !== undefined) issue.file = fileName;
          found.push(issue);
        }
        issues.push(...found.sort((a, b) => a.column - b.column));
      }
      return issues;
    },
  };
}
