// Lookup: find a device by name, serial or any user who used it, across Intune and Workspace ONE.
// Results stream in as each source answers; one source failing never hides the other's results.
import { useEffect, useRef, useState } from 'react';
import { useApp } from '../../app/store.ts';
import type { Device } from '../../../../electron/common/device.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ago } from '../../ui/format.ts';
import { DeviceCard } from './DeviceCard.tsx';
import { DeviceGrid } from './DeviceGrid.tsx';
import { usePending } from './pending.tsx';
import { ResultList } from './ResultList.tsx';
import { useLookup } from './store.ts';
import { UserDevices } from './UserDevices.tsx';
import './lookup.css';

/** The longest query the search accepts (lookupRequestSchema); the box stops there. */
const queryMax = 256;

const sourceName = { intune: 'Intune', ws1: 'Workspace ONE' } as const;

/** A sync progress event in words: "Intune: reading details, 600 of 2,200 devices". */
function syncLine(p: { source: 'intune' | 'ws1'; phase: 'list' | 'details' | 'done'; done: number; total: number | null }): string {
  const n = `${p.done.toLocaleString()}${p.total ? ` of ${p.total.toLocaleString()}` : ''} devices`;
  const what = p.phase === 'list' ? `listing devices, ${n}` : p.phase === 'details' ? `reading details, ${n}` : `sync finished, ${n}`;
  return `${sourceName[p.source]}: ${what}`;
}

function SourceStatus() {
  const { pending, errors, cacheAge, done, wentOffline, requestId } = useLookup();
  if (!requestId) return null;
  return (
    <div className="source-status" role="status" aria-live="polite">
      {(['intune', 'ws1'] as const).map((s) => {
        const err = errors.find((e) => e.source === s);
        const state = err ? 'error' : pending.includes(s) ? 'pending' : 'ok';
        return (
          <span key={s} className={`source source-${state}`} title={err?.error.message}>
            {sourceName[s]}: {state === 'pending' ? 'searching…' : state === 'error' ? err!.error.message : 'answered'}
            <span className="muted"> · {cacheAge?.[s] ? `last full cache sync ${ago(cacheAge[s])}` : 'no full cache sync yet (the cache keeps the devices you looked up)'}</span>
          </span>
        );
      })}
      {wentOffline && <span className="source source-error">Offline: results come from the cache</span>}
      {done && <span className="muted">search finished</span>}
    </div>
  );
}

/** A query that names a person: a UPN, DOMAIN\user, or a query whose best match is a user of the device. */
function looksLikeUser(query: string, best: Device | undefined): boolean {
  return /\S@\S|\S\\\S/.test(query.trim()) || best?.match?.kind === 'user';
}

export function LookupView() {
  const s = useLookup();
  const input = useRef<HTMLInputElement>(null);
  const cardPane = useRef<HTMLDivElement>(null);
  const requestChange = useApp((a) => a.requestChange);
  const setArea = useApp((a) => a.setArea);
  const changeNames = (names: string[]) => {
    requestChange({ actionId: '', deviceKey: '', deviceName: names.join('\n'), params: {} });
    setArea('changes');
  };
  const changeSome = (devices: Device[]) => changeNames(devices.map((d) => d.serial ?? d.name));
  const changeAll = () => void s.targets().then(changeNames, (err: Error) => useLookup.setState({ error: err.message }));
  const { onPartial, loadCacheAge, onSyncProgress, search } = s;
  const loadPending = usePending((p) => p.load);
  const [view, setView] = useState<'list' | 'grid' | 'user'>('list');
  // Pending badges: read when a search finishes and whenever a job reports progress.
  useEffect(() => {
    if (s.done) void loadPending();
  }, [s.done, s.requestId, loadPending]);
  useEffect(() => window.helpdesk.onJobProgress(() => void loadPending()), [loadPending]);

  useEffect(() => window.helpdesk.onLookupResults(onPartial), [onPartial]);
  useEffect(
    () =>
      window.helpdesk.onCacheSyncProgress((p) =>
        onSyncProgress(syncLine(p)),
      ),
    [onSyncProgress],
  );
  useEffect(() => {
    void loadCacheAge();
    // Ready to type, unless the technician is moving through the area list with the keyboard.
    if (document.activeElement === document.body || document.activeElement?.id === 'main') input.current?.focus();
  }, [loadCacheAge]);

  // Instant results: search shortly after typing stops.
  useEffect(() => {
    const t = setTimeout(() => void search(), 250);
    return () => clearTimeout(t);
  }, [s.query, s.offline, search]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && document.activeElement?.tagName !== 'INPUT') {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const index = s.rows.findIndex((d) => d?.key === s.selectedKey);
  const selected = index >= 0 ? s.rows[index] : undefined;
  // The grid sorts and filters every match, so it asks main for all the pages.
  const { loadRange, total, done } = s;
  useEffect(() => {
    if (view === 'grid' && done) void loadRange(0, total);
  }, [view, done, total, loadRange, s.requestId]);
  const allRows = s.rows.every(Boolean) ? (s.rows as Device[]) : null;
  const move = (delta: number) => {
    const next = Math.min(Math.max((index < 0 ? -1 : index) + delta, 0), s.rows.length - 1);
    const d = s.rows[next];
    if (d) s.select(d.key);
  };

  return (
    <section aria-labelledby="lookup-title" className="area lookup-area">
      <header className="area-header">
        <h1 id="lookup-title">Lookup</h1>
        <p className="area-hint">Intune and Workspace ONE at once, also offline from the local cache.</p>
      </header>
      <div className="search-row">
        <input
          ref={input}
          type="search"
          className="search-input"
          placeholder="Device name, serial number, or anyone who used it (press / to come back here)"
          aria-label="Search devices"
          aria-controls={s.requestId ? 'results' : undefined}
          value={s.query}
          maxLength={queryMax}
          onChange={(e) => s.setQuery(e.target.value)}
          onKeyDown={(e) => {
            const clear = () => {
              s.setQuery('');
              void s.search();
            };
            const keys: Record<string, () => void> = { ArrowDown: () => move(1), ArrowUp: () => move(-1), Enter: () => void s.search(), Escape: clear };
            const action = keys[e.key];
            if (!action) return;
            e.preventDefault();
            action();
          }}
        />
        {s.query.length > queryMax - 56 && (
          <span className="muted query-counter" aria-live="polite">
            {s.query.length}/{queryMax}
          </span>
        )}
        <label className="chip" title="Search only the local cache">
          <input type="checkbox" checked={s.offline} onChange={(e) => s.setOffline(e.target.checked)} />
          Offline
        </label>
        <button type="button" disabled={s.sync.running} onClick={() => void s.syncCache('incremental')} title="Fetch what changed since the last sync">
          Sync cache
        </button>
        <button type="button" disabled={s.sync.running} onClick={() => void s.syncCache('full')} title="Fetch every device again">
          Full sync
        </button>
        {s.sync.running && (
          <button type="button" onClick={() => void s.cancelSync()}>
            Stop sync
          </button>
        )}
        {s.sync.message && <span className="muted sync-status">{s.sync.message}</span>}
      </div>
      <SourceStatus />
      {s.requestId && s.total > 0 && (
        <p className="bulk-row">
          <span className="result-total" aria-live="polite">
            {s.total.toLocaleString()} device{s.total === 1 ? '' : 's'} match{s.done ? '' : ' so far'}
          </span>
          {s.total > 1 && s.done && (
            <button type="button" onClick={changeAll}>
              Change these {s.total.toLocaleString()} devices…
            </button>
          )}
          <span className="view-switch" role="group" aria-label="Show results as">
            {(['list', 'grid'] as const).map((v) => (
              <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)}>
                {v === 'list' ? 'List' : 'Grid'}
              </button>
            ))}
          </span>
        </p>
      )}
      {s.requestId && looksLikeUser(s.query, s.rows[0]) && view !== 'user' && (
        <p className="bulk-row">
          <button type="button" onClick={() => setView('user')}>
            Devices this user used…
          </button>
          <span className="muted">every device {s.query.trim()} signed in to or enrolled, from our sign-in history (also offline)</span>
        </p>
      )}
      {s.error && (
        <p className="inline-error" role="alert">
          {s.error}
        </p>
      )}
      {s.requestId && view === 'user' ? (
        <UserDevices user={s.query.trim()} offline={s.offline} onClose={() => setView('list')} />
      ) : s.requestId && view === 'grid' ? (
        <div className="lookup-grid-main">
          {allRows ? (
            <DeviceGrid devices={allRows} activeKey={s.selectedKey} onOpen={s.select} onChange={changeSome} />
          ) : (
            <p className="muted" role="status">
              Loading all {s.total.toLocaleString()} devices for the grid…
            </p>
          )}
          <div className="card-pane">{selected ? <DeviceCard device={selected} /> : null}</div>
        </div>
      ) : s.requestId ? (
        <div className="lookup-main">
          <ResultList
            rows={s.rows}
            selectedKey={s.selectedKey}
            onSelect={s.select}
            onRange={(start, end) => void s.loadRange(start, end)}
            onEnter={() => cardPane.current?.focus()}
            empty={s.done ? <li className="muted empty-results">No device matches “{s.query}”.</li> : null}
          />
          <div className="card-pane" ref={cardPane} tabIndex={-1}>
            {selected ? <DeviceCard device={selected} /> : null}
          </div>
        </div>
      ) : (
        <EmptyState title="Search for a device or a person">
          <p>Type a device name, a serial number, or the name of anyone who used the device — primary, enrolled, enrolled-by or signed-in users all count.</p>
          <ul className="examples">
            {[
              ['FLOOR-LAG-001', 'a Multiuser device whose enrolled user lags behind'],
              ['LAB-DEM', 'lab devices enrolled by a DEM account'],
              ['remote.assist', 'a shared account signed in on dozens of devices'],
              ['MIG-BOTH-001', 'a device in both Intune and Workspace ONE'],
            ].map(([q, what]) => (
              <li key={q}>
                <button type="button" className="link" onClick={() => s.setQuery(q)}>
                  <kbd>{q}</kbd>
                </button>{' '}
                {what}
              </li>
            ))}
          </ul>
        </EmptyState>
      )}
    </section>
  );
}
