import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../api/trpc.ts';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { formatCount } from '../ui/format.ts';
import { Loading } from '../ui/loading.tsx';
import { TableScroll } from '../ui/table-scroll.tsx';

/** Props of {@link RejectedRows}. */
export interface RejectedRowsProps {
  /** The dataset, by id or name. */
  dataset: string;
  /** Only this file's rows; default: every file of the dataset. */
  fileId?: string;
  /** Rows per page. Default: 50. */
  pageSize?: number;
}

/** The rows an import rejected, each with its line, column and reason, a page at a time. */
export function RejectedRows({ dataset, fileId, pageSize = 50 }: RejectedRowsProps) {
  const trpc = useTRPC();
  const [offset, setOffset] = useState(0);
  const page = useQuery(
    trpc.dataset.errors.queryOptions(
      { id: dataset, offset, limit: pageSize, ...(fileId === undefined ? {} : { fileId }) },
      { placeholderData: keepPreviousData },
    ),
  );
  if (page.isPending) return <Loading label="Loading the rejected rows…" />;
  if (page.isError)
    return (
      <ErrorPanel
        title="Could not load the rejected rows"
        error={page.error}
        onRetry={() => void page.refetch()}
      />
    );
  const { total, rows } = page.data;
  if (total === 0) return <p>No rejected rows are kept for this file.</p>;
  const last = Math.min(offset + rows.length, total);
  return (
    <div className="rejected-rows">
      <TableScroll label="Rejected rows">
        <table className="compact">
          <caption>
            Rejected rows {formatCount(offset + 1)}–{formatCount(last)} of {formatCount(total)}
          </caption>
          <thead>
            <tr>
              {fileId === undefined && <th scope="col">File</th>}
              <th scope="col" className="num">
                Line
              </th>
              <th scope="col">Column</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.fileId}:${row.line}:${row.column}`}>
                {fileId === undefined && <td>{row.file ?? row.fileId}</td>}
                <td className="num">{row.line}</td>
                <td>{row.columnName ? `${row.columnName} (${row.column})` : row.column}</td>
                <td>{row.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {total > pageSize && (
        <nav className="pager" aria-label="Rejected rows pages">
          <button
            type="button"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - pageSize))}
          >
            Previous
          </button>
          <span>
            Page {Math.floor(offset / pageSize) + 1} of {Math.ceil(total / pageSize)}
          </span>
          <button type="button" disabled={last >= total} onClick={() => setOffset(offset + pageSize)}>
            Next
          </button>
        </nav>
      )}
    </div>
  );
}
