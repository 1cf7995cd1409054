// Messages from main and from failed actions, announced to screen readers.
import { useEffect } from 'react';
import { useApp } from './store.ts';

export function Notices() {
  const notices = useApp((s) => s.notices);
  const dismiss = useApp((s) => s.dismiss);
  const notify = useApp((s) => s.notify);

  useEffect(() => window.helpdesk.onNotice((n) => notify(n.level, n.message)), [notify]);

  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.level}`}>
          <span>{n.message}</span>
          <button type="button" className="link" onClick={() => dismiss(n.id)} aria-label="Dismiss">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
