import { type KeyboardEvent, type ReactNode, useId, useRef } from 'react';
import { keepFocusInside } from './keep-focus-inside.ts';
import { useReturnFocus } from './use-return-focus.ts';

/** Props of {@link ModalDialog}. */
export interface ModalDialogProps {
  /** The heading, which names the dialog. */
  title: ReactNode;
  /** Read after "Close" by screen readers only: " the drill-down". */
  closeHint: string;
  onClose(): void;
  /** The class names of the backdrop, the dialog and its header. */
  classNames: { backdrop: string; dialog: string; header: string };
  children: ReactNode;
}

/**
 * A modal dialog with a heading and a Close button. Focus moves in (to the heading), stays in,
 * Escape or a click on the backdrop closes it, and focus goes back to where it was.
 *
 * @example
 * <ModalDialog title="Customers behind 2024-Q1" closeHint=" the drill-down" onClose={close} classNames={DRILL_CLASSES}>…</ModalDialog>
 */
export function ModalDialog({ title, closeHint, onClose, classNames, children }: ModalDialogProps) {
  const titleId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useReturnFocus(headingRef);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
    } else if (event.key === 'Tab') {
      keepFocusInside(dialogRef.current, event);
    }
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a click outside is a mouse shortcut; Escape and Close are the keyboard's
    <div
      className={classNames.backdrop}
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        ref={dialogRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className={classNames.dialog}
        onKeyDown={onKeyDown}
      >
        <header className={classNames.header}>
          <h2 id={titleId} ref={headingRef} tabIndex={-1}>
            {title}
          </h2>
          <button type="button" onClick={onClose} className="close-button">
            Close<span className="visually-hidden">{closeHint}</span>
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}
