import {
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { createPortal } from 'react-dom';
import { ErrorPanel } from './error-panel.tsx';
import { keepFocusInside } from './keep-focus-inside.ts';
import { useReturnFocus } from './use-return-focus.ts';

/** Props of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
  title: string;
  /** What will happen, in words. */
  children: ReactNode;
  /** The confirm button's text, naming the act: "Delete dataset". */
  confirmLabel: string;
  /** When given, the confirm button waits until this is typed (a dataset's name, say). */
  confirmText?: string;
  /** While the act runs: buttons are disabled. */
  busy?: boolean;
  /** The act failed: shown in the dialog, which stays open. */
  error?: unknown;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * A modal confirmation for acts that cannot be undone. Focus moves into it (to the text to type,
 * else to Cancel) and stays inside while it is open; Escape cancels; focus returns to where it was.
 * Render it while it should be open.
 *
 * @example
 * {confirming && <ConfirmDialog title="Delete shop?" confirmLabel="Delete" confirmText="shop" onConfirm={remove} onCancel={close}>…</ConfirmDialog>}
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { title, children, confirmLabel, confirmText, busy = false, error, onConfirm, onCancel } = props;
  const id = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const first = useRef<HTMLInputElement & HTMLButtonElement>(null);
  const [typed, setTyped] = useState('');

  useReturnFocus(first);

  // On the document, so Escape works even after a click on the backdrop took focus away.
  const cancel = useRef(onCancel);
  cancel.current = busy ? () => {} : onCancel;
  useEffect(() => {
    const onEscape = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape') cancel.current();
    };
    document.addEventListener('keydown', onEscape);
    return () => document.removeEventListener('keydown', onEscape);
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Tab') keepFocusInside(dialog.current, event);
  };

  const ready = confirmText === undefined || typed.trim() === confirmText;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready && !busy) onConfirm();
  };

  // In a portal: opened from a table cell, it must not inherit the cell's styles nor sit in the table.
  return createPortal(
    <div className="backdrop">
      <div
        ref={dialog}
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        onKeyDown={onKeyDown}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        <div id={`${id}-body`}>{children}</div>
        <form onSubmit={submit}>
          {confirmText !== undefined && (
            <label className="field">
              <span>
                Type <strong>{confirmText}</strong> to confirm
              </span>
              <input
                ref={first}
                value={typed}
                onChange={(event) => setTyped(event.target.value)}
                autoComplete="off"
                spellCheck={false}
              />
            </label>
          )}
          {error !== undefined && error !== null && (
            <ErrorPanel title={`${confirmLabel} failed`} error={error} />
          )}
          <div className="actions">
            <button
              type="button"
              onClick={onCancel}
              disabled={busy}
              ref={confirmText === undefined ? first : undefined}
            >
              Cancel
            </button>
            <button type="submit" className="danger" disabled={!ready || busy}>
              {busy ? 'Working…' : confirmLabel}
            </button>
          </div>
        </form>
      </div>
    </div>,
    document.body,
  );
}
