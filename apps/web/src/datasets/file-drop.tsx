import { type DragEvent, useId, useState } from 'react';

/** Props of {@link FileDrop}. */
export interface FileDropProps {
  file: File | undefined;
  onFile(file: File): void;
  disabled?: boolean;
}

/** Choose a CSV, NDJSON or Excel file with the file input (keyboard and screen readers) or drop it here. */
export function FileDrop({ file, onFile, disabled = false }: FileDropProps) {
  const id = useId();
  const [over, setOver] = useState(false);
  const onDragOver = (event: DragEvent) => {
    if (disabled) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped && !disabled) onFile(dropped);
  };
  return (
    <fieldset
      className={`drop-zone${over ? ' over' : ''}`}
      onDragOver={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      disabled={disabled}
    >
      <legend>Purchases or subscription history</legend>
      <label htmlFor={id}>Choose a CSV, NDJSON or Excel file</label>
      <input
        id={id}
        type="file"
        accept=".csv,.tsv,.txt,.ndjson,.jsonl,.xlsx,text/csv,application/x-ndjson,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          const chosen = event.target.files?.[0];
          if (chosen) onFile(chosen);
        }}
      />
      <p id={`${id}-hint`} className="hint">
        {file ? `Chosen: ${file.name}. ` : ''}Or drop the file here. One purchase line, or one subscription
        state or change, per row, with a header; .ndjson and .jsonl files are read as NDJSON, .xlsx as Excel
        workbooks (one sheet), others as CSV.
      </p>
    </fieldset>
  );
}
