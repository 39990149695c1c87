/** Where an uploaded file goes: a new dataset, or an existing one (empty: import; with purchases: append). */
export type UploadTarget = { mode: 'create' } | { mode: 'import' | 'append'; dataset: string };

/** The upload page's heading for a target. */
export function uploadTitle(target: UploadTarget): string {
  return target.mode === 'create'
    ? 'Upload a file'
    : target.mode === 'append'
      ? `Append a file to ${target.dataset}`
      : `Import a file into ${target.dataset}`;
}
