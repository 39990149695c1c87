import { useQuery } from '@tanstack/react-query';
import { detectDatasetKind } from '@upsell/core';
import { type FormEvent, useEffect, useId, useMemo, useState } from 'react';
import { useTRPC } from '../api/trpc.ts';
import { readFxFile } from '../subscriptions/fx-file-reading.ts';
import { FxRatesPreview } from '../subscriptions/fx-rates-preview.tsx';
import { SubscriptionColumnsPreview } from '../subscriptions/subscription-columns-preview.tsx';
import {
  checkSubscriptionChoices,
  readSubscriptionHeader,
  type SubscriptionChoice,
} from '../subscriptions/subscription-file-reading.ts';
import { ChoiceField } from '../ui/choice-field.tsx';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { formatCount } from '../ui/format.ts';
import { Loading } from '../ui/loading.tsx';
import { type ColumnChoice, checkMapping } from './check-mapping.ts';
import { checkValues, mostRowsFail } from './check-values.ts';
import { datasetNameProblem, nameFromFile } from './dataset-name.ts';
import { DatasetNameField } from './dataset-name-field.tsx';
import { detectColumns } from './detect-columns.ts';
import { FileDrop } from './file-drop.tsx';
import { ImportReport } from './import-report.tsx';
import { MappingStep } from './mapping-step.tsx';
import { type FilePreview, readPreview } from './read-preview.ts';
import { RunProgress } from './run-progress.tsx';
import { UploadFailure } from './upload-failure.tsx';
import { type UploadTarget, uploadTitle } from './upload-target.ts';
import { type ImportRequest, useImportRun } from './use-import-run.ts';
import type { FormatChoices } from './value-format-fields.tsx';

// Rows read for the preview: enough to detect formats and count rejections like the import would.
const PREVIEW_ROWS = 200;

/**
 * The upload's steps on one page: choose a file (and name the new dataset), check its columns and
 * first rows, upload and import with progress, then the import report.
 */
export function UploadForm({
  target,
  dataset,
}: {
  target: UploadTarget;
  /** The existing dataset's kind and reporting currency: a rates file is for subscription datasets only. */
  dataset?: { kind: 'purchases' | 'subscriptions' | null; currency: string | null };
}) {
  const trpc = useTRPC();
  const id = useId();
  const run = useImportRun();
  const [file, setFile] = useState<File>();
  const [preview, setPreview] = useState<FilePreview>();
  // A workbook's sheet, once one other than the first is chosen.
  const [sheet, setSheet] = useState<string>();
  const [previewError, setPreviewError] = useState<unknown>();
  const [choices, setChoices] = useState<ColumnChoice[]>([]);
  const [name, setName] = useState(target.mode === 'create' ? '' : target.dataset);
  const [nameEdited, setNameEdited] = useState(false);
  const [formats, setFormats] = useState<FormatChoices>({ date: 'auto', number: 'auto' });
  const [confirming, setConfirming] = useState(false);
  const datasets = useQuery({ ...trpc.dataset.list.queryOptions(), enabled: target.mode === 'create' });

  const detected = useMemo(() => (preview ? detectColumns(preview.header) : undefined), [preview]);
  // A subscription file (a subscription_id column): its columns found by name, and the fields chosen for them.
  const detectedSubscriptions = useMemo(
    () =>
      preview && detectDatasetKind(preview.header) === 'subscriptions'
        ? readSubscriptionHeader(preview.header)
        : undefined,
    [preview],
  );
  const [subscriptionChoices, setSubscriptionChoices] = useState<SubscriptionChoice[]>([]);
  const subscriptionCheck = useMemo(
    () =>
      preview && detectedSubscriptions
        ? checkSubscriptionChoices(preview.header, subscriptionChoices)
        : undefined,
    [preview, detectedSubscriptions, subscriptionChoices],
  );
  const subscriptions = subscriptionCheck?.reading;
  // An exchange-rates file (date, currency, rate) for a subscription dataset (or a new one).
  const reportingCurrency = dataset?.currency ?? 'USD';
  const rates = useMemo(
    () =>
      preview && dataset?.kind !== 'purchases'
        ? readFxFile(preview.header, preview.rows, reportingCurrency, file?.name)
        : undefined,
    [preview, dataset?.kind, reportingCurrency, file?.name],
  );
  const check = useMemo(() => checkMapping(preview?.header ?? [], choices), [preview, choices]);
  const chosen = useMemo(
    () => ({
      ...(formats.date === 'auto' ? {} : { date: formats.date }),
      ...(formats.number === 'auto' ? {} : { number: formats.number }),
    }),
    [formats],
  );
  const values = useMemo(
    () =>
      preview && check.valid && !subscriptions && !rates
        ? checkValues(preview, { map: check.map, chosen })
        : undefined,
    [preview, check, chosen, subscriptions, rates],
  );
  const running = run.phase === 'uploading' || run.phase === 'creating' || run.phase === 'importing';

  const choose = (chosen: File) => {
    setFile(chosen);
    setPreview(undefined);
    setPreviewError(undefined);
    setSheet(undefined);
    setFormats({ date: 'auto', number: 'auto' });
    if (target.mode === 'create' && !nameEdited) setName(nameFromFile(chosen.name));
  };

  useEffect(() => {
    if (!file) return;
    let current = true;
    readPreview(file, { limit: PREVIEW_ROWS, sheet }).then(
      (read) => {
        if (!current) return;
        setPreview(read);
        setChoices(detectColumns(read.header).fields.map((field) => field ?? ''));
        setSubscriptionChoices(readSubscriptionHeader(read.header).fields.map((field) => field ?? ''));
      },
      (error: unknown) => current && setPreviewError(error),
    );
    return () => {
      current = false;
    };
  }, [file, sheet]);

  const nameError =
    target.mode === 'create'
      ? datasetNameProblem(
          name,
          (datasets.data ?? []).map((dataset) => dataset.name),
        )
      : undefined;

  const appending = target.mode === 'append';
  const problems: string[] = [];
  if (!file) problems.push('Choose a file.');
  else if (preview && preview.header.length === 0) problems.push('The file is empty: it needs a header row.');
  if (target.mode === 'create' && name === '') problems.push('Name the dataset.');
  else if (nameError !== undefined) problems.push('Choose another dataset name.');
  if (!appending && preview && !subscriptions && !rates) problems.push(...check.errors);
  if (subscriptions?.problem)
    problems.push('The subscription file’s columns cannot be read as they are (see above).');
  else if (subscriptionCheck?.columnErrors.some((error) => error !== undefined))
    problems.push('Some columns cannot be read as chosen (see above).');
  if (values?.ambiguity) {
    problems.push(
      `Choose how the file writes its ${values.ambiguity.field === 'purchased_at' ? 'dates' : 'numbers'}.`,
    );
  }
  const ready =
    preview !== undefined &&
    problems.length === 0 &&
    nameError === undefined &&
    (appending || subscriptions !== undefined || rates !== undefined || check.valid);

  const unchanged =
    detected !== undefined &&
    detected.problems.length === 0 &&
    choices.every((choice, index) => choice === (detected.fields[index] ?? ''));
  // A subscription file is sent with the fields chosen for its columns unless they are those found by name.
  const subscriptionMap =
    subscriptionCheck &&
    detectedSubscriptions &&
    subscriptionChoices.some((choice, index) => choice !== (detectedSubscriptions.fields[index] ?? ''))
      ? subscriptionCheck.map
      : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready || !file || !preview || running) return;
    if (values && mostRowsFail(values)) setConfirming(true);
    else upload();
  };

  const upload = () => {
    setConfirming(false);
    if (!file || !preview) return;
    const request: ImportRequest = {
      file,
      format: preview.format,
      dataset: name,
      mode: target.mode,
      // Appended files are read with the dataset's own mapping; an unchanged detection needs no map.
      map: subscriptions ? subscriptionMap : appending || unchanged || rates ? undefined : check.map,
      formats: chosen,
      ...(rates ? { kind: 'fx' as const } : {}),
      ...(preview.sheet === undefined ? {} : { sheet: preview.sheet }),
    };
    void run.start(request);
  };

  const title = uploadTitle(target);

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
      {target.mode === 'append' && !rates && (
        <p className="hint">
          The file’s rows are added to {target.dataset}. It is read with the dataset’s column mapping, so its
          columns must be named as in the first file.
        </p>
      )}
      <form onSubmit={submit} className="upload-form" aria-describedby={`${id}-problems`}>
        <fieldset disabled={running} className="plain">
          <FileDrop file={file} onFile={choose} disabled={running} />
          {target.mode === 'create' && (
            <DatasetNameField
              id={`${id}-name`}
              name={name}
              problem={nameError}
              onChange={(typed) => {
                setName(typed);
                setNameEdited(true);
              }}
            />
          )}
          {file && !preview && !previewError && <Loading label={`Reading the first rows of ${file.name}…`} />}
          {previewError !== undefined && (
            <ErrorPanel title={`Could not read ${file?.name ?? 'the file'}`} error={previewError} />
          )}
          {preview?.sheets && preview.sheets.length > 1 && preview.sheet !== undefined && (
            <ChoiceField
              id={`${id}-sheet`}
              label="Sheet"
              options={preview.sheets.map((name) => ({ value: name, label: name }))}
              value={preview.sheet}
              onChange={(chosenSheet) => {
                setPreview(undefined);
                setSheet(chosenSheet);
              }}
              hint={`The workbook has ${preview.sheets.length} sheets; the one chosen is imported.`}
            />
          )}
          {preview && detectedSubscriptions && subscriptionCheck && (
            <SubscriptionColumnsPreview
              preview={preview}
              detected={detectedSubscriptions}
              choices={subscriptionChoices}
              check={subscriptionCheck}
              onChoice={(index, choice) =>
                setSubscriptionChoices((current) => current.map((old, at) => (at === index ? choice : old)))
              }
            />
          )}
          {preview && rates && (
            <FxRatesPreview preview={preview} reading={rates} reportingCurrency={reportingCurrency} />
          )}
          {preview && detected && !subscriptions && !rates && (
            <MappingStep
              preview={preview}
              detected={detected}
              choices={choices}
              check={check}
              appending={appending}
              onChoice={(index, choice) =>
                setChoices((current) => current.map((old, at) => (at === index ? choice : old)))
              }
              formats={formats}
              values={values}
              onFormats={setFormats}
            />
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
            {run.phase === 'failed'
              ? 'Try again'
              : rates
                ? 'Upload the exchange rates'
                : appending
                  ? 'Upload and append'
                  : 'Upload and import'}
          </button>
          {run.phase === 'uploading' && (
            <button type="button" onClick={run.cancel}>
              Cancel the upload
            </button>
          )}
        </div>
      </form>
      {confirming && values && (
        <ConfirmDialog
          title="Import a file most of whose rows would be rejected?"
          confirmLabel="Import anyway"
          onConfirm={upload}
          onCancel={() => setConfirming(false)}
        >
          <p>
            Of the first {formatCount(values.sampled)} rows, {formatCount(values.rejected)} would be rejected
            ({values.rejections[0]?.example ?? 'see the preview'}). Check the columns and how dates and
            amounts are written before importing; rejected rows are listed in the import report.
          </p>
        </ConfirmDialog>
      )}
      {(running || run.phase === 'failed') && file && <RunProgress run={run} fileName={file.name} />}
      {run.failure && (
        <UploadFailure failure={run.failure} target={target} fileName={file?.name} name={name} />
      )}
    </section>
  );
}
