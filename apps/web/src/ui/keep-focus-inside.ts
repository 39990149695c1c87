import type { KeyboardEvent } from 'react';

const FOCUSABLE =
  '[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal's focus trap, for its Tab key: Tab from the last control goes to the first, Shift+Tab
 * from the first (or from the heading, which takes focus on opening but is not in the tab order)
 * to the last.
 *
 * @example
 * <div role="dialog" ref={dialog} onKeyDown={(event) => event.key === 'Tab' && keepFocusInside(dialog.current, event)}>…</div>
 */
export function keepFocusInside(container: HTMLElement | null, event: KeyboardEvent) {
  if (!container) return;
  const focusable = Array.from(container.querySelectorAll<HTMLElement>(FOCUSABLE));
  const first = focusable[0];
  const last = focusable.at(-1);
  if (!first || !last) return;
  if (
    event.shiftKey &&
    (document.activeElement === first || document.activeElement === container.querySelector('h2'))
  ) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
