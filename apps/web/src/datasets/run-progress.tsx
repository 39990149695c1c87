import { useEffect, useRef } from 'react';
import { formatBytes, formatCount } from '../ui/format.ts';
import { ProgressBar } from '../ui/progress-bar.tsx';
import type { ImportRun } from './use-import-run.ts';

/** The upload's last step while it runs: the bytes sent, then the server reading and saving the rows. */
export function RunProgress({ run, fileName }: { run: ImportRun; fileName: string }) {
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
