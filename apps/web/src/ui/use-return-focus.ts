import { type RefObject, useEffect } from 'react';

/**
 * A modal's focus on opening and closing: moves focus to `target` when mounted, and back to the
 * element that had it (the opener) when unmounted.
 *
 * @example
 * const heading = useRef<HTMLHeadingElement>(null);
 * useReturnFocus(heading);
 */
export function useReturnFocus(target: RefObject<HTMLElement | null>) {
  // Once, on opening: the ref object never changes.
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    target.current?.focus();
    return () => opener?.focus();
  }, []);
}
