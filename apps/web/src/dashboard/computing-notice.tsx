/**
 * While numbers compute: grey blocks where they will appear, and a sentence saying why the first
 * time may take a moment (a dataset is read and cached on its first query).
 */
export function ComputingNotice({ blocks = 0 }: { blocks?: number }) {
  return (
    <div className="computing" role="status">
      <p>
        <span className="spinner" aria-hidden="true" /> Computing… large datasets take a few seconds the first
        time.
      </p>
      {blocks > 0 && (
        <div className="skeletons" aria-hidden="true">
          {Array.from({ length: blocks }, (_, i) => (
            <div key={i} className="skeleton" />
          ))}
        </div>
      )}
    </div>
  );
}
