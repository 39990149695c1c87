import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc.ts';
import { useCan } from '../auth/session.tsx';
import { Link } from '../layout/link.tsx';
import { formatCount, formatDay } from '../ui/format.ts';
import { HiddenColumnHeader } from '../ui/hidden-column-header.tsx';
import { ListQuery } from '../ui/list-query.tsx';
import { TableScroll } from '../ui/table-scroll.tsx';
import { DatasetDeleteButton } from './dataset-delete-button.tsx';
import { DatasetHeadlineCell } from './dataset-headline-cell.tsx';
import { DatasetSourceLine } from './dataset-source-line.tsx';
import './datasets-page.css';

/**
 * `/datasets`: every dataset with its latest rate (and how it moved), size and dates, each
 * linking to its dashboard.
 */
export function DatasetsPage() {
  const trpc = useTRPC();
  const canUpload = useCan('analyst');
  const isAdmin = useCan('admin');
  const datasets = useQuery(trpc.dataset.list.queryOptions());

  return (
    <section className="page">
      <div className="page-head">
        <h1>Datasets</h1>
        <div className="page-actions">
          {isAdmin && (
            <Link to="/datasets/connect" className="button">
              Connect a source
            </Link>
          )}
          {canUpload && (
            <Link to="/datasets/new" className="button primary">
              Upload a file
            </Link>
          )}
        </div>
      </div>
      <ListQuery
        query={datasets}
        what="datasets"
        empty={{
          title: 'No datasets yet',
          body: (
            <>
              {canUpload ? (
                <p>
                  <Link to="/datasets/new">Upload a CSV or NDJSON export of your purchases</Link>, or start
                  the server with <code>pnpm start</code>, which seeds a demo dataset when there is none.
                </p>
              ) : (
                <p>
                  Ask an analyst to upload a purchase export, or start the server with <code>pnpm start</code>
                  , which seeds a demo dataset when there is none.
                </p>
              )}
            </>
          ),
        }}
      >
        {(rows) => (
          <TableScroll label="Datasets">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Latest upsell rate</th>
                  <th scope="col" className="num">
                    Rows
                  </th>
                  <th scope="col" className="num">
                    Rejected
                  </th>
                  <th scope="col" className="num">
                    Customers
                  </th>
                  <th scope="col">From – to</th>
                  <th scope="col" className="num">
                    Version
                  </th>
                  {canUpload && <HiddenColumnHeader label="Actions" />}
                </tr>
              </thead>
              <tbody>
                {rows.map((dataset) => (
                  <tr key={dataset.id}>
                    <th scope="row">
                      <Link to={`/datasets/${encodeURIComponent(dataset.name)}`}>{dataset.name}</Link>
                      {dataset.source && <DatasetSourceLine source={dataset.source} />}
                    </th>
                    <td>
                      <DatasetHeadlineCell dataset={dataset} />
                    </td>
                    <td className="num">{formatCount(dataset.rows)}</td>
                    <td className="num">{dataset.source ? '–' : formatCount(dataset.rejected)}</td>
                    <td className="num">{dataset.source ? '–' : formatCount(dataset.customers)}</td>
                    <td>
                      {dataset.dateRange
                        ? `${formatDay(dataset.dateRange.first)} – ${formatDay(dataset.dateRange.last)}`
                        : dataset.kind === 'subscriptions'
                          ? 'no subscriptions yet'
                          : 'no purchases yet'}
                    </td>
                    <td className="num">{dataset.version}</td>
                    {canUpload && (
                      <td className="row-actions">
                        {/* A connected dataset's rows are added where it lives, not here. */}
                        {!dataset.source && (
                          <Link to={`/datasets/${encodeURIComponent(dataset.name)}/append`}>
                            {dataset.rows === 0 ? 'Import' : 'Append'}
                            <span className="visually-hidden"> a file to {dataset.name}</span>
                          </Link>
                        )}
                        <DatasetDeleteButton name={dataset.name} />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </ListQuery>
    </section>
  );
}
