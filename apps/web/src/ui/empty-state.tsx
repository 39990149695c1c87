import type { ReactNode } from 'react';

/** Nothing to show yet: says so, and what to do about it (`children`). */
export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="panel empty-state">
      <p className="empty-title">{title}</p>
      {children}
    </div>
  );
}
