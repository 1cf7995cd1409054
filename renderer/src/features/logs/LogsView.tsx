// Logs: open device logs (files, folders, zips) in tabs and explain each reassignment attempt.
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { DetailPane } from './DetailPane.tsx';
import { ExplainPanel } from './ExplainPanel.tsx';
import { FilesPanel } from './FilesPanel.tsx';
import { FilterBar } from './FilterBar.tsx';
import { useFind } from './find-store.ts';
import { HistogramPanel } from './HistogramPanel.tsx';
import { LogsToolbar } from './LogsToolbar.tsx';
import { LogTable } from './LogTable.tsx';
import { useLogs } from './store.ts';
import { PaneSplitter, SearchPane } from './search-pane/SearchPane.tsx';
import { TimeBetween } from './selection/TimeBetween.tsx';
import { SessionBand } from './sessions/SessionBand.tsx';
import { keyForTabs } from './tabs/tab-keys.ts';
import { TabStrip } from './tabs/TabStrip.tsx';
import './tabs/tab-companions.ts';
import { TimelinePanel } from './timeline/TimelinePanel.tsx';
import { useViewPrefs } from './view-prefs.ts';
import { LogMarks } from './bookmarks/LogMarks.tsx';
import './logs.css';

export function LogsView() {
  const s = useLogs();
  const findRef = useRef<HTMLInputElement>(null);
  const [typedPath, setTypedPath] = useState('');
  const { onProgress, loadRecent } = s;
  const paneShare = useViewPrefs((p) => p.paneShare);
  const centre = useRef<HTMLDivElement>(null);

  useEffect(() => window.helpdesk.onLogsProgress((e) => onProgress(e.session, e.task, e.progress)), [onProgress]);
  useEffect(() => {
    void loadRecent();
  }, [loadRecent]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const st = useLogs.getState();
      if (keyForTabs(e)) return;
      if (e.key === 'F3') {
        e.preventDefault();
        void useFind.getState().find(e.shiftKey ? 'previous' : 'next');
      } else if (e.key === 'F8') {
        e.preventDefault();
        void useFind.getState().nextError(e.shiftKey ? 'previous' : 'next');
      } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        findRef.current?.focus();
      } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'o') {
        e.preventDefault();
        void st.openDialog(e.shiftKey ? 'folder' : 'files');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const [dragging, setDragging] = useState(false);
  return (
    <section
      aria-labelledby="logs-title"
      className={`area logs-area${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const files = [...e.dataTransfer.files];
        if (files.length) void s.openDropped(files);
      }}
    >
      <header className="area-header">
        <h1 id="logs-title">Logs</h1>
        <p className="area-hint">
          {s.session
            ? `${s.session.files.length} file${s.session.files.length > 1 ? 's' : ''} · ${s.total.toLocaleString()} records${s.indexing ? ` · indexing ${Math.round((s.indexing.bytesDone / Math.max(1, s.indexing.bytesTotal)) * 100)}%` : ''}`
            : 'Intelligent Hub, Intune Management Extension (CMTrace) and other timestamped logs, any size.'}
        </p>
      </header>
      <TabStrip />
      <LogsToolbar findRef={findRef} />
      {s.error && (
        <p className="inline-error" role="alert">
          {s.error}
        </p>
      )}
      {s.busy && <p role="status">{s.busy}</p>}
      {s.session ? (
        <>
          <FilterBar />
          <SessionBand />
          <div className={`logs-main${s.panel ? ' with-panel' : ''}`}>
            <div
              ref={centre}
              className={`logs-center${s.hits ? ' with-hits' : ''}`}
              style={s.hits ? ({ '--all-fr': `${1 - paneShare}fr`, '--hits-fr': `${paneShare}fr` } as CSSProperties) : undefined}
            >
              <LogTable />
              {s.hits && (
                <>
                  <PaneSplitter container={() => centre.current} />
                  <SearchPane />
                </>
              )}
              <DetailPane />
              <LogMarks />
            </div>
            {s.panel && (
              <aside className="logs-panel" aria-label="Side panel">
                {s.panel === 'explain' && <ExplainPanel />}
                {s.panel === 'histogram' && <HistogramPanel />}
                {s.panel === 'files' && <FilesPanel />}
                {s.panel === 'timeline' && <TimelinePanel />}
              </aside>
            )}
          </div>
          <TimeBetween />
        </>
      ) : (
        <EmptyState title="Open device logs">
          <p>Drop log files or a Collect-diagnostics zip here, or open them (Ctrl+O, a folder with Ctrl+Shift+O). Multi-gigabyte files open at once.</p>
          <p>
            For a Multiuser device that did not switch to the signed-in user, open its <kbd>DeviceReassignment-YYYYMMDD.log</kbd>: every attempt is
            explained — who, which identifier, retries and the outcome.
          </p>
          <p>
            <button type="button" className="primary" onClick={() => void s.openDemo()}>
              Open the demo device's logs
            </button>{' '}
            <span className="muted">FLOOR-LAG-001, a Multiuser device whose reassignment keeps failing</span>
          </p>
          <form
            className="path-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (typedPath.trim()) void s.openPaths([typedPath.trim()]);
            }}
          >
            <input placeholder="…or type a path to a log, folder or zip" aria-label="Path to open" value={typedPath} onChange={(e) => setTypedPath(e.target.value)} />
            <button type="submit">Open</button>
          </form>
          {s.recent.length > 0 && (
            <>
              <h3>Recent</h3>
              <ul className="recent">
                {s.recent.map((r) => (
                  <li key={r.handle}>
                    <button type="button" className="link" onClick={() => void s.openHandles([r.handle])}>
                      {r.label}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </EmptyState>
      )}
    </section>
  );
}
