import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTRPC } from '../api/trpc.ts';
import { useCan, useSession } from '../auth/session.tsx';
import { Link } from '../layout/link.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { formatBytes, formatCount } from '../ui/format.ts';
import { Loading } from '../ui/loading.tsx';
import { ProgressBar } from '../ui/progress-bar.tsx';
import { type ColumnChoice, checkMapping } from './check-mapping.ts';
import { ColumnMappingEditor } from './column-mapping-editor.tsx';
import { detectColumns } from './detect-columns.ts';
import { FileDrop } from './file-drop.tsx';
import { ImportReport } from './import-report.tsx';
import { type FilePreview, readPreview } from './read-preview.ts';
import { RowsPreview } from './rows-preview.tsx';
import { type ImportRequest, useImportRun } from './use-import-run.ts';

/** Where the file goes: a new dataset, or an existing one (empty: import; with purchases: append). */
type Target = { mode: 'create' } | { mode: 'import' | 'append'; dataset: string };

/**
 * `/datasets/new` (a new dataset) and `/datasets/<name>/append` (a file into an existing one):
 * choose a file, check the preview and the column mapping, upload and import, read the report.
 */
export function UploadPage({ appendTo }: { appendTo?: string }) {
  const canUpload = useCan('analyst');
  const { role } = useSession();
  if (!canUpload) {
    return (
      <section className="page">
        <h1>Upload a file</h1>
        <p className="panel">
          Uploading needs the analyst or admin role; you are signed in as a {role}. Ask an admin for an
          analyst token. <Link to="/datasets">Back to the datasets</Link>.
        </p>
      </section>
    );
  }
  return appendTo === undefined ? (
    <UploadForm target={{ mode: 'create' }} />
  ) : (
    <ExistingTarget name={appendTo} />
  );
}

function ExistingTarget({ name }: { name: string }) {
  const trpc = useTRPC();
  const dataset = useQuery(trpc.dataset.byId.queryOptions({ id: name }));
  if (dataset.isPending) return <Loading label={`Loading the dataset ${name}…`} />;
  if (dataset.isError) {
    return (
      <section className="page">
        <h1>Add a file to {name}</h1>
        <ErrorPanel title={`Could not load the dataset ${name}`} error={dataset.error} />
        <p>
          <Link to="/datasets">Back to the datasets</Link>
        </p>
      </section>
    );
  }
  const hasPurchases = dataset.data.files.some((file) => file.kind === 'purchases');
  return <UploadForm target={{ mode: hasPurchases ? 'append' : 'import', dataset: dataset.data.name }} />;
}

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A dataset name from a file name: `Shop export 2024.csv` -> `Shop-export-2024`. */
function nameFromFile(fileName: string): string {
  return fileName
    .replace(/\.[^.]*$/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 100);
}

function UploadForm({ target }: { target: Target }) {
  const trpc = useTRPC();
  const id = useId();
  const run = useImportRun();
  const [file, setFile] = useState<File>();
  const [preview, setPreview] = useState<FilePreview>();
  const [previewError, setPreviewError] = useState<unknown>();
  const [choices, setChoices] = useState<ColumnChoice[]>([]);
  const [name, setName] = useState(target.mode === 'create' ? '' : target.dataset);
  const [nameEdited, setNameEdited] = useState(false);
  const datasets = useQuery({ ...trpc.dataset.list.queryOptions(), enabled: target.mode === 'create' });

  const detected = useMemo(() => (preview ? detectColumns(preview.header) : undefined), [preview]);
  const check = useMemo(() => checkMapping(preview?.header ?? [], choices), [preview, choices]);
  const running = run.phase === 'uploading' || run.phase === 'creating' || run.phase === 'importing';

  const choose = (chosen: File) => {
    setFile(chosen);
    setPreview(undefined);
    setPreviewError(undefined);
    if (target.mode === 'create' && !nameEdited) setName(nameFromFile(chosen.name));
  };

  useEffect(() => {
    if (!file) return;
    let current = true;
    readPreview(file, { limit: 10 }).then(
      (read) => {
        if (!current) return;
        setPreview(read);
        setChoices(detectColumns(read.header).fields.map((field) => field ?? ''));
      },
      (error: unknown) => current && setPreviewError(error),
    );
    return () => {
      current = false;
    };
  }, [file]);

  const nameError = (() => {
    if (target.mode !== 'create' || name === '') return undefined;
    if (!NAME_PATTERN.test(name) || name.length > 100)
      return 'Use letters, digits, “.”, “_” and “-” (up to 100), starting with a letter or digit.';
    if (datasets.data?.some((dataset) => dataset.name === name)) return 'exists';
    return undefined;
  })();

  const appending = target.mode === 'append';
  const problems: string[] = [];
  if (!file) problems.push('Choose a file.');
  else if (preview && preview.header.length === 0) problems.push('The file is empty: it needs a header row.');
  if (target.mode === 'create' && name === '') problems.push('Name the dataset.');
  else if (nameError !== undefined) problems.push('Choose another dataset name.');
  if (!appending && preview) problems.push(...check.errors);
  const ready =
    preview !== undefined && problems.length === 0 && nameError === undefined && (appending || check.valid);

  const unchanged =
    detected !== undefined &&
    detected.problems.length === 0 &&
    choices.every((choice, index) => choice === (detected.fields[index] ?? ''));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready || !file || !preview || running) return;
    const request: ImportRequest = {
      file,
      format: preview.format,
      dataset: name,
      mode: target.mode,
      // Appended files are read with the dataset's own mapping; an unchanged detection needs no map.
      map: appending || unchanged ? undefined : check.map,
    };
    void run.start(request);
  };

  const title =
    target.mode === 'create'
      ? 'Upload a file'
      : target.mode === 'append'
        ? `Append a file to ${target.dataset}`
        : `Import a file into ${target.dataset}`;

  if (run.result) {
    return (
      <section className="page">
        <h1>{title}</h1>
        <ImportReport result={run.result} />
      </section>
    );
  }

  return (
    <section className="page">
      <h1>{title}</h1>
      {target.mode === 'append' && (
        <p className="hint">
          The file’s rows are added to {target.dataset}. It is read with the dataset’s column mapping, so its
          columns must be named as in the first file.
        </p>
      )}
      <form onSubmit={submit} className="upload-form" aria-describedby={`${id}-problems`}>
        <fieldset disabled={running} className="plain">
          <FileDrop file={file} onFile={choose} disabled={running} />
          {target.mode === 'create' && (
            <div className="field">
              <label htmlFor={`${id}-name`}>Dataset name</label>
              <input
                id={`${id}-name`}
                value={name}
                onChange={(event) => {
                  setName(event.target.value.trim());
                  setNameEdited(true);
                }}
                aria-invalid={nameError ? true : undefined}
                aria-describedby={`${id}-name-hint`}
                autoComplete="off"
                spellCheck={false}
              />
              {nameError === 'exists' ? (
                <p id={`${id}-name-hint`} className="field-error">
                  A dataset named {name} exists: choose another name, or{' '}
                  <Link to={`/datasets/${encodeURIComponent(name)}/append`}>append this file to it</Link>.
                </p>
              ) : nameError ? (
                <p id={`${id}-name-hint`} className="field-error">
                  {nameError}
                </p>
              ) : (
                <p id={`${id}-name-hint`} className="hint">
                  It appears in links and on the command line (
                  <code>--server … --dataset {name || 'name'}</code>).
                </p>
              )}
            </div>
          )}
          {file && !preview && !previewError && <Loading label={`Reading the first rows of ${file.name}…`} />}
          {previewError !== undefined && (
            <ErrorPanel title={`Could not read ${file?.name ?? 'the file'}`} error={previewError} />
          )}
          {preview && detected && (
            <>
              <h2>Columns</h2>
              <p className="hint">
                Read as {preview.format === 'csv' ? 'CSV' : 'NDJSON'}. Each column is read as the field
                detected from its name; choose another where that is wrong. Columns that are no field become
                dimensions to segment by.
              </p>
              {appending && (
                <p className="hint">
                  Appending uses the dataset’s mapping: this shows how the names would be read, not a choice.
                </p>
              )}
              {detected.problems.length > 0 && !appending && (
                <ul className="notes">
                  {detected.problems.map((problem) => (
                    <li key={problem.field}>{problem.reason}</li>
                  ))}
                </ul>
              )}
              <ColumnMappingEditor
                preview={preview}
                detected={detected}
                choices={choices}
                check={check}
                readOnly={appending}
                onChange={(index, choice) =>
                  setChoices((current) => current.map((old, at) => (at === index ? choice : old)))
                }
              />
              <h2>First rows</h2>
              {preview.issues.length > 0 && (
                <ul className="notes">
                  {preview.issues.map((issue) => (
                    <li key={`${issue.line}:${issue.reason}`}>
                      Line {issue.line}: {issue.reason}
                    </li>
                  ))}
                </ul>
              )}
              {preview.rows.length === 0 ? (
                <p>The file has a header but no rows.</p>
              ) : (
                <RowsPreview preview={preview} />
              )}
            </>
          )}
        </fieldset>
        <div id={`${id}-problems`} aria-live="polite">
          {preview && problems.length > 0 && (
            <ul className="field-error problems">
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          )}
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={!ready || running}>
            {run.phase === 'failed' ? 'Try again' : appending ? 'Upload and append' : 'Upload and import'}
          </button>
          {run.phase === 'uploading' && (
            <button type="button" onClick={run.cancel}>
              Cancel the upload
            </button>
          )}
        </div>
      </form>
      {(running || run.phase === 'failed') && file && <RunProgress run={run} fileName={file.name} />}
      {run.failure && (
        <ErrorPanel
          title={
            run.failure.phase === 'uploading'
              ? `The upload of ${file?.name ?? 'the file'} failed`
              : run.failure.phase === 'creating'
                ? `Could not create the dataset ${name}`
                : `The import of ${file?.name ?? 'the file'} failed`
          }
          error={run.failure.error}
        />
      )}
      {run.failure?.phase === 'importing' && target.mode === 'create' && (
        <p className="hint">
          The dataset {name} was created and is still empty: fix the mapping or the file and try again, which
          imports into it.
        </p>
      )}
    </section>
  );
}

function RunProgress({ run, fileName }: { run: ReturnType<typeof useImportRun>; fileName: string }) {
  const panel = useRef<HTMLDivElement>(null);
  // The bars appear under the button, often below the fold of a long preview: bring them into view.
  useEffect(() => {
    panel.current?.scrollIntoView?.({ block: 'nearest' });
  }, []);
  const uploadDone = run.phase !== 'uploading' && run.sent >= run.total;
  const server = run.progress;
  return (
    <div className="panel run" aria-live="polite" ref={panel}>
      <ProgressBar
        label={`Uploading ${fileName}`}
        value={run.sent}
        max={run.total}
        detail={
          uploadDone
            ? `${formatBytes(run.total)} sent`
            : `${formatBytes(run.sent)} of ${formatBytes(run.total)}`
        }
      />
      {(run.phase === 'creating' || run.phase === 'importing' || (run.phase === 'failed' && uploadDone)) && (
        <ProgressBar
          label={`Importing ${fileName}`}
          value={run.phase === 'failed' ? 0 : server && server.bytesRead > 0 ? server.bytesRead : undefined}
          max={server?.bytesTotal ?? run.total}
          detail={
            run.phase === 'creating'
              ? 'creating the dataset'
              : run.phase === 'failed'
                ? 'stopped'
                : server && server.rowsRead > 0
                  ? `${formatCount(server.rowsRead)} rows read; saving`
                  : 'reading and checking every row'
          }
        />
      )}
    </div>
  );
}
