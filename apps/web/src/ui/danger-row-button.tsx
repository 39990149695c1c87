/** Props of {@link DangerRowButton}. */
export interface DangerRowButtonProps {
  /** What the button does, as seen: "Delete", "Revoke". */
  action: string;
  /** What it does it to, read by screen readers only: the row's name. */
  subject: string;
  onClick(): void;
}

/**
 * A table row's button for an act that cannot be undone (it opens a confirmation), styled as a
 * link; screen readers hear which row it acts on.
 *
 * @example
 * <DangerRowButton action="Delete" subject={row.name} onClick={() => setDeleting(row)} />
 */
export function DangerRowButton({ action, subject, onClick }: DangerRowButtonProps) {
  return (
    <button type="button" className="danger-link" onClick={onClick}>
      {action}
      <span className="visually-hidden"> {subject}</span>
    </button>
  );
}
