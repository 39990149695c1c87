import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { PurchaseField, SubscriptionField, ValueFormats } from '@upsell/core';
import { useCallback, useRef, useState } from 'react';
import { useTRPC, useTRPCClient } from '../api/trpc.ts';
import { useSession } from '../auth/session.tsx';
import type { ImportResult } from './import-report.tsx';
import type { FileFormat } from './read-preview.ts';
import { type Upload, uploadWithProgress } from './upload-with-progress.ts';

/** What to import, and where. */
export interface ImportRequest {
  file: File;
  format: FileFormat;
  /** The dataset's name. */
  dataset: string;
  /** `create`: a new dataset; `import`: an existing empty one; `append`: one with purchases. */
  mode: 'create' | 'import' | 'append';
  /** The columns chosen for the fields; left out, the server finds them by name. */
  /** The import's `map`: purchase fields, or a subscription file's. */
  map: Partial<Record<PurchaseField | SubscriptionField, string>> | undefined;
  /** How the file writes dates and amounts, where chosen in the form; the server detects the rest. */
  formats: ValueFormats;
  /** A workbook's sheet to import; default its first. */
  sheet?: string;
  /** `fx`: an exchange-rates file for a subscription dataset (`dataset.importFx`; a new dataset is created as one). */
  kind?: 'fx';
}

/** Where a run is. */
export type ImportPhase = 'idle' | 'uploading' | 'creating' | 'importing' | 'done' | 'failed';

/** The state of {@link useImportRun}. */
export interface ImportRun {
  phase: ImportPhase;
  /** Upload progress: bytes sent, of `total`. */
  sent: number;
  total: number;
  /** The server's progress of the import, while it reads the file. */
  progress: { bytesRead: number; bytesTotal: number; rowsRead: number } | undefined;
  /** Where it failed, and why. */
  failure: { phase: 'uploading' | 'creating' | 'importing'; error: unknown } | undefined;
  result: ImportResult | undefined;
  start(request: ImportRequest): Promise<void>;
  /** Stops an upload under way (an import, once started, runs to its end on the server). */
  cancel(): void;
}

const POLL_MS = 300;

/**
 * Runs an import: the upload with its progress (XMLHttpRequest), `dataset.create` for a new
 * dataset, then `dataset.import` or `dataset.append` while polling `dataset.importProgress`.
 * Started again after a failure, it does not upload the same file twice nor create the dataset
 * twice.
 */
export function useImportRun(): ImportRun {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const { token } = useSession();
  const [phase, setPhase] = useState<ImportPhase>('idle');
  const [sent, setSent] = useState(0);
  const [total, setTotal] = useState(0);
  const [failure, setFailure] = useState<ImportRun['failure']>();
  const [result, setResult] = useState<ImportResult>();
  const [importId, setImportId] = useState<string>();
  const uploaded = useRef<{ file: File; upload: Upload }>(undefined);
  const created = useRef<string>(undefined);
  const abort = useRef<AbortController>(undefined);

  const inFlight = useQuery(
    trpc.dataset.importProgress.queryOptions(undefined, {
      enabled: phase === 'importing',
      refetchInterval: POLL_MS,
      staleTime: 0,
    }),
  );
  const mine = phase === 'importing' ? inFlight.data?.find((p) => p.importId === importId) : undefined;

  const start = useCallback(
    async (request: ImportRequest) => {
      setFailure(undefined);
      setResult(undefined);
      let step: 'uploading' | 'creating' | 'importing' = 'uploading';
      try {
        let upload = uploaded.current?.file === request.file ? uploaded.current.upload : undefined;
        setTotal(request.file.size);
        if (upload === undefined) {
          setPhase('uploading');
          setSent(0);
          abort.current = new AbortController();
          upload = await uploadWithProgress(request.file, {
            token,
            signal: abort.current.signal,
            onProgress: (done, of) => {
              setSent(done);
              setTotal(of);
            },
          });
          uploaded.current = { file: request.file, upload };
        }
        setSent(request.file.size);
        if (request.mode === 'create' && created.current !== request.dataset) {
          step = 'creating';
          setPhase('creating');
          await client.dataset.create.mutate({
            name: request.dataset,
            ...(request.kind === 'fx' ? { kind: 'subscriptions' as const } : {}),
          });
          created.current = request.dataset;
          await queryClient.invalidateQueries({ queryKey: trpc.dataset.list.queryKey() });
        }
        step = 'importing';
        setImportId(upload.uploadId);
        setPhase('importing');
        const input = {
          dataset: request.dataset,
          uploadId: upload.uploadId,
          fileName: request.file.name,
          format: request.format,
          ...(request.sheet === undefined ? {} : { sheet: request.sheet }),
          ...(request.map === undefined ? {} : { map: request.map }),
          ...(request.formats.date === undefined ? {} : { dateFormat: request.formats.date }),
          ...(request.formats.number === undefined ? {} : { numberFormat: request.formats.number }),
        };
        const imported =
          request.kind === 'fx'
            ? await client.dataset.importFx.mutate({
                dataset: input.dataset,
                uploadId: input.uploadId,
                fileName: input.fileName,
              })
            : request.mode === 'append'
              ? await client.dataset.append.mutate(input)
              : await client.dataset.import.mutate(input);
        setResult(imported);
        setPhase('done');
        // The dataset's summary and every number computed from it have changed.
        await queryClient.invalidateQueries(trpc.dataset.pathFilter());
        await queryClient.invalidateQueries(trpc.metric.pathFilter());
      } catch (error) {
        setFailure({ phase: step, error });
        setPhase('failed');
      }
    },
    [client, queryClient, token, trpc],
  );

  return {
    phase,
    sent,
    total,
    progress: mine,
    failure,
    result,
    start,
    cancel: () => abort.current?.abort(),
  };
}
