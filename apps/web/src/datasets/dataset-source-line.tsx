import type { RouterOutputs } from '@upsell/client';
import { formatCount, formatMoment } from '../ui/format.ts';

type Source = NonNullable<RouterOutputs['dataset']['list'][number]['source']>;

const KIND_NAMES: Record<Source['kind'], string> = {
  postgres: 'PostgreSQL',
  duckdb: 'DuckDB',
  parquet: 'Parquet',
};

/**
 * Where a connected dataset lives (its URL with the password as ***, and its table) and when a
 * query last read it, under its name in the datasets list.
 *
 * @example
 * <DatasetSourceLine source={dataset.source} />
 */
export function DatasetSourceLine({ source }: { source: Source }) {
  return (
    <span className="sub dataset-source">
      <span>
        {KIND_NAMES[source.kind]}: <code>{source.location}</code>
        {source.table && (
          <>
            {' '}
            table <code>{source.table}</code>
          </>
        )}
      </span>
      <span>
        {source.lastReadAt ? `read ${formatMoment(source.lastReadAt)}` : 'not read yet'}
        {source.rows !== null && ` · ${formatCount(source.rows)} rows when last probed`}
      </span>
    </span>
  );
}
