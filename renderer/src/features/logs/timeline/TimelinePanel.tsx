// The IME timeline: each Win32 app, script and remediation run with start, duration, outcome, result,
// its detection / enforcement steps and explained codes. A click on a run or a step shows its record.
import { useEffect, useState } from 'react';
import type { ImeTimelineRow } from '../../../../../electron/common/logs-insight.ts';
import { useLogs } from '../store.ts';
import { useInsight } from './insight-store.ts';
import { SessionStrip } from '../sessions/SessionBand.tsx';
import './timeline.css';

const kindLabel = { win32app: 'Win32 app', script: 'Script', remediation: 'Remediation' } as const;
const outcomeLabel = { succeeded: 'Succeeded', failed: 'Failed', not_applicable: 'Not applicable', unknown: 'No result' } as const;

function duration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${ms} ms`;
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function Run({ r }: { r: ImeTimelineRow }) {
  const jumpTo = useInsight((s) => s.jumpTo);
  return (
    <li className={`ime-run outcome-${r.outcome}`}>
      <button type="button" className="ime-run-head" onClick={() => void jumpTo(r.file, r.firstRecord)} title={`${r.id} — show in the log`}>
        <span className="ime-run-outcome">{outcomeLabel[r.outcome]}</span>
        <span className="ime-run-name">
          {kindLabel[r.kind]}: {r.name ?? r.id}
        </span>
      </button>
      <p className="ime-run-when">
        {r.start ?? 'time unknown'} · {duration(r.durationMs)} · {r.fileName}
      </p>
      <p className="ime-run-result">{r.result}</p>
      {r.errorCodes.length > 0 && (
        <ul className="ime-run-codes">
          {r.errorCodes.map((c) => (
            <li key={c.code}>
              <code>{c.code}</code> {c.name}: {c.meaning}
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary>{r.steps.length} steps</summary>
        <ol className="record-steps">
          {r.steps.map((s) => (
            <li key={s.record}>
              <button type="button" className="link" onClick={() => void jumpTo(r.file, s.record)}>
                <span className="step-label">{s.phase}</span> {s.text}
              </button>
            </li>
          ))}
        </ol>
      </details>
    </li>
  );
}

export function TimelinePanel() {
  const session = useLogs((s) => s.session);
  const { timeline, error, load } = useInsight();
  const [only, setOnly] = useState<'all' | ImeTimelineRow['kind'] | 'failed'>('all');
  useEffect(() => {
    if (session) void load(session.id);
  }, [session, load]);
  if (!timeline) return <p className="muted">Reading the IME logs…</p>;
  if (!timeline.rows.length)
    return <p className="muted">No Win32 app, script or remediation runs here. Open IME logs (AppWorkload, AgentExecutor, AppActionProcessor, IntuneManagementExtension).{error ? ` ${error}` : ''}</p>;
  const rows = timeline.rows.filter((r) => only === 'all' || (only === 'failed' ? r.outcome === 'failed' : r.kind === only)).reverse();
  const failed = timeline.rows.filter((r) => r.outcome === 'failed').length;
  return (
    <>
      <p className="attempts-summary">
        {timeline.rows.length.toLocaleString()} runs, {failed.toLocaleString()} failed, {timeline.names.length} GUIDs named. Newest first.
        {timeline.omitted > 0 && ` ${timeline.omitted.toLocaleString()} older runs are left out: each file keeps its newest 2,000.`}
      </p>
      {timeline.notes.map((n) => (
        <p key={n} className="muted">
          {n}
        </p>
      ))}
      <SessionStrip />
      <label>
        Show{' '}
        <select value={only} onChange={(e) => setOnly(e.target.value as typeof only)} aria-label="Runs to show">
          <option value="all">all runs</option>
          <option value="failed">failed runs</option>
          <option value="win32app">Win32 apps</option>
          <option value="script">scripts</option>
          <option value="remediation">remediations</option>
        </select>
      </label>
      <ol className="ime-runs" aria-label="IME runs">
        {rows.slice(0, 500).map((r) => (
          <Run key={`${r.file}-${r.firstRecord}-${r.id}`} r={r} />
        ))}
      </ol>
      {rows.length > 500 && <p className="muted">{rows.length - 500} older runs not shown; filter by kind or outcome.</p>}
    </>
  );
}
