import type { SqlRelation } from '@upsell/sql';

/**
 * How a relation is named in messages: a table by its name, Parquet files by their paths (the
 * first three, and how many more).
 *
 * @example
 * relationName({ kind: 'parquet', paths: ['a.parquet', 'b.parquet'] }) // 'a.parquet, b.parquet'
 */
export function relationName(relation: SqlRelation): string {
  if (relation.kind === 'table') return relation.name;
  const { paths } = relation;
  const more = paths.length > 3 ? ` and ${paths.length - 3} more` : '';
  return `${paths.slice(0, 3).join(', ')}${more}`;
}
