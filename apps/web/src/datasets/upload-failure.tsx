import { ErrorPanel } from '../ui/error-panel.tsx';
import type { UploadTarget } from './upload-target.ts';
import type { ImportRun } from './use-import-run.ts';

/** Props of {@link UploadFailure}. */
export interface UploadFailureProps {
  failure: NonNullable<ImportRun['failure']>;
  target: UploadTarget;
  fileName: string | undefined;
  /** The dataset's name. */
  name: string;
}

/** Which step of the upload failed and why; after a failed import into a new dataset, that it exists and is empty. */
export function UploadFailure({ failure, target, fileName, name }: UploadFailureProps) {
  return (
    <>
      <ErrorPanel
        title={
          failure.phase === 'uploading'
            ? `The upload of ${fileName ?? 'the file'} failed`
            : failure.phase === 'creating'
              ? `Could not create the dataset ${name}`
              : `The import of ${fileName ?? 'the file'} failed`
        }
        error={failure.error}
      />
      {failure.phase === 'importing' && target.mode === 'create' && (
        <p className="hint">
          The dataset {name} was created and is still empty: fix the mapping or the file and try again, which
          imports into it.
        </p>
      )}
    </>
  );
}
