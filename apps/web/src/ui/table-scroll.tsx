import type { ReactNode } from 'react';

/**
 * A table's frame: on a narrow window the table scrolls sideways inside it, and since a scrolling
 * region must be reachable by keyboard, the frame is focusable and named.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard
    <section className="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
