// The selected record in full: every line of its message (JSON and XML bodies indented, the find
// pattern marked, wrapped or not), its fields, any error codes explained, and a box for typed codes.
import { useEffect, useState } from 'react';
import type { ErrorCodeInfo, LogRecord } from '../../../../electron/common/logs.ts';
import { call } from '../../api.ts';
import { ErrorCodeLookup } from './ErrorCodeLookup.tsx';
import { useFind } from './find-store.ts';
import { fileLabels } from './format.ts';
import { prettyBody } from './pretty-body.ts';
import { useLogs } from './store.ts';
import { NamedText } from './timeline/NamedText.tsx';
import { useViewPrefs } from './view-prefs.ts';

function Field({ name, value, className }: { name: string; value: string | undefined; className?: string }) {
  if (!value) return null;
  return (
    <>
      <dt>{name}</dt>
      <dd className={className}>{value}</dd>
    </>
  );
}

export function DetailPane() {
  const { session, viewId, selected, generation } = useLogs();
  const marked = useFind((f) => f.marked);
  const wrap = useViewPrefs((p) => p.wrap);
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
  if (!record || !session)
    return (
      <aside className="detail-pane" aria-label="Record detail">
        <ErrorCodeLookup />
        <p className="muted">Select a record to see all of it.</p>
      </aside>
    );
  const file = session.files[record.file];
  const body = prettyBody(record.message);
  return (
    <aside className="detail-pane" aria-label="Record detail">
      <ErrorCodeLookup />
      <dl className="detail-fields">
        <dt>Time</dt>
        <dd>{record.time ?? '—'}</dd>
        <Field name="Level" value={record.level} className={`level-text-${record.level}`} />
        <Field name="Component" value={record.component} />
        <Field name="Thread" value={record.thread} />
        <Field name="Source" value={record.source} />
        <dt>File</dt>
        <dd title={file?.path}>
          {fileLabels(session.files)[record.file]} · record {(record.index + 1).toLocaleString()}
        </dd>
        {body.kind && (
          <>
            <dt>Body</dt>
            <dd>{body.kind.toUpperCase()}, indented</dd>
          </>
        )}
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
      <pre className={`detail-message${wrap ? ' wrap' : ''}`}>
        <NamedText text={body.text} query={marked} />
      </pre>
      {record.truncated && <p className="muted">This record is very long; the first part is shown.</p>}
    </aside>
  );
}
