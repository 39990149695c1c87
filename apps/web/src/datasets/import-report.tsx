import type { RouterOutputs } from '@upsell/client';
import { useEffect, useRef } from 'react';
import { Link } from '../layout/link.tsx';
import { formatCount } from '../ui/format.ts';
import { RejectedRows } from './rejected-rows.tsx';

/** What `dataset.import` and `dataset.append` answer. */
export type ImportResult = RouterOutputs['dataset']['import'];

/**
 * What an import did: rows read, accepted and rejected (each rejected row with its line, column and
 * reason), or that the same file was imported before and nothing changed. It takes focus when it
 * appears, as it replaces the form the focus was in.
 */
export function ImportReport({ result }: { result: ImportResult }) {
  const { file, dataset, duplicate, notes } = result;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const dashboard = `/datasets/${encodeURIComponent(dataset.name)}`;
  return (
    <section className="panel report" aria-labelledby="import-report-title">
      <h2 id="import-report-title" tabIndex={-1} ref={heading}>
        {duplicate ? 'Already imported' : 'Import report'}
      </h2>
      {duplicate ? (
        <p>
          These exact bytes were imported into <strong>{dataset.name}</strong> before, as {file.fileName}{' '}
          (version {file.version}): nothing changed.
        </p>
      ) : (
        <p>
          <strong>{file.fileName}</strong> is in <strong>{dataset.name}</strong>, now at version{' '}
          {dataset.version}.
          {file.kind === 'fx' &&
            ' They are its exchange rates: subscription amounts in other currencies are converted with them.'}
        </p>
      )}
      <dl className="figures">
        <div>
          <dt>Rows read</dt>
          <dd>{formatCount(file.rows)}</dd>
        </div>
        <div>
          <dt>Accepted</dt>
          <dd>{formatCount(file.accepted)}</dd>
        </div>
        <div className={file.rejected > 0 ? 'warn' : undefined}>
          <dt>Rejected</dt>
          <dd>{formatCount(file.rejected)}</dd>
        </div>
        <div>
          <dt>Duplicate file</dt>
          <dd>{duplicate ? 'yes' : 'no'}</dd>
        </div>
        <div>
          <dt>Customers in the dataset</dt>
          <dd>{formatCount(dataset.customers)}</dd>
        </div>
      </dl>
      {notes.length > 0 && (
        <>
          <h3>Left out of the dataset's description</h3>
          <ul className="hint">
            {notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </>
      )}
      {file.rejected > 0 && (
        <>
          <h3>Rejected rows</h3>
          <p className="hint">
            Rejected rows are left out of every number. Fix them in the file and import it into a new dataset,
            or append only the fixed rows.
          </p>
          <RejectedRows dataset={dataset.id} fileId={file.id} />
        </>
      )}
      <p className="actions">
        <Link to={dashboard} className="button primary">
          Open the dashboard of {dataset.name}
        </Link>
        <Link to="/datasets">Back to the datasets</Link>
      </p>
    </section>
  );
}
