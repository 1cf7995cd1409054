// The selected record in full: every line of its message, its fields, and any error codes explained.
import { useEffect, useState } from 'react';
import type { ErrorCodeInfo, LogRecord } from '../../../../electron/common/logs.ts';
import { call } from '../../api.ts';
import { useLogs } from './store.ts';
import { NamedText } from './timeline/NamedText.tsx';

export function DetailPane() {
  const { session, viewId, selected, generation } = useLogs();
  const key = session && selected !== null ? `${session.id}|${viewId ?? ''}|${selected}|${generation}` : null;
  const [shown, setShown] = useState<{ key: string; record: LogRecord | null; codes: ErrorCodeInfo[] } | null>(null);

  useEffect(() => {
    if (!key || !session || selected === null) return;
    let live = true;
    void call('logsDetail', { session: session.id, position: selected, viewId })
      .then(async (record) => {
        const codes = record ? await call('logsErrorCodes', { text: record.message.slice(0, 1 << 20) }) : [];
        if (live) setShown({ key, record, codes });
      })
      .catch(() => live && setShown({ key, record: null, codes: [] }));
    return () => {
      live = false;
    };
  }, [key, session, viewId, selected]);

  const record = shown?.key === key ? shown.record : null;
  const codes = shown?.key === key ? shown.codes : [];
  if (!record) return <aside className="detail-pane muted" aria-label="Record detail">Select a record to see all of it.</aside>;
  const file = session?.files[record.file];
  return (
    <aside className="detail-pane" aria-label="Record detail">
      <dl className="detail-fields">
        <dt>Time</dt>
        <dd>{record.time ?? '—'}</dd>
        <dt>Level</dt>
        <dd className={`level-text-${record.level}`}>{record.level}</dd>
        {record.component && (
          <>
            <dt>Component</dt>
            <dd>{record.component}</dd>
          </>
        )}
        {record.thread && (
          <>
            <dt>Thread</dt>
            <dd>{record.thread}</dd>
          </>
        )}
        <dt>File</dt>
        <dd title={file?.path}>
          {file?.path.split(/[\\/]/).pop()} · record {record.index + 1}
        </dd>
      </dl>
      {codes.length > 0 && (
        <ul className="error-codes" aria-label="Error codes in this record">
          {codes.map((c) => (
            <li key={c.code}>
              <code>{c.code}</code> <strong>{c.name}</strong> — {c.meaning}
            </li>
          ))}
        </ul>
      )}
      <pre className="detail-message">
        <NamedText text={record.message} />
      </pre>
      {record.truncated && <p className="muted">This record is very long; the first part is shown.</p>}
    </aside>
  );
}
