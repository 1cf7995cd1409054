import type { ReactNode } from 'react';
import './empty-state.css';

export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="empty-state">
      <h2>{title}</h2>
      <div className="empty-body">{children}</div>
    </div>
  );
}
