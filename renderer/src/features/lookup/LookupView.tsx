// Lookup: find a device by name, serial or any user who used it, across Intune and Workspace ONE.
// Results stream in as each source answers; one source failing never hides the other's results.
import { useEffect, useRef, useState } from 'react';
import { useApp } from '../../app/store.ts';
import type { Device } from '../../../../electron/common/device.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ago } from '../../ui/format.ts';
import { DeviceCard } from './DeviceCard.tsx';
import { DeviceGrid } from './DeviceGrid.tsx';
import { matchLabel, userModeLabel } from './labels.ts';
import { PendingBadges, usePending } from './pending.tsx';
import { pageSize, useLookup } from './store.ts';
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
            <span className="muted"> · last cache sync {ago(cacheAge?.[s] ?? null)}</span>
          </span>
        );
      })}
      {wentOffline && <span className="source source-error">Offline: results come from the cache</span>}
      {done && <span className="muted">search finished</span>}
    </div>
  );
}

function ResultRow({ d, selected, onSelect }: { d: Device; selected: boolean; onSelect(): void }) {
  const worst = d.diagnoses.find((g) => g.severity === 'error') ?? d.diagnoses.find((g) => g.severity === 'warning');
  return (
    <li role="option" aria-selected={selected} className={`result${selected ? ' selected' : ''}`} onMouseDown={onSelect} id={`result-${d.key}`}>
      <span className="result-name">{d.name}</span>
      <span className="result-platforms">
        {d.intune && <span className="badge">Intune</span>}
        {d.ws1 && <span className="badge">WS1 · {userModeLabel[d.ws1.userMode]}</span>}
      </span>
      <span className="result-sub muted">
        {d.serial ?? 'no serial'}
        {d.match ? ` · matched by ${matchLabel(d.match)}` : ''}
      </span>
      <span className="result-platforms">
        <PendingBadges device={d} />
      </span>
      {worst && <span className={`result-issue severity-${worst.severity}`}>{worst.finding}</span>}
    </li>
  );
}

export function LookupView() {
  const s = useLookup();
  const input = useRef<HTMLInputElement>(null);
  const requestChange = useApp((a) => a.requestChange);
  const setArea = useApp((a) => a.setArea);
  const changeSome = (devices: Device[]) => {
    requestChange({ actionId: '', deviceKey: '', deviceName: devices.map((d) => d.serial ?? d.name).join('\n'), params: {} });
    setArea('changes');
  };
  const changeAll = () => changeSome(s.devices);
  const { onPartial, loadCacheAge, onSyncProgress, search } = s;
  const loadPending = usePending((p) => p.load);
  const [view, setView] = useState<'list' | 'grid'>('list');
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

  const index = s.devices.findIndex((d) => d.key === s.selectedKey);
  const selected = index >= 0 ? s.devices[index] : undefined;
  const move = (delta: number) => {
    if (!s.devices.length) return;
    const next = Math.min(Math.max((index < 0 ? -1 : index) + delta, 0), s.devices.length - 1);
    s.select(s.devices[next].key);
    document.getElementById(`result-${s.devices[next].key}`)?.scrollIntoView({ block: 'nearest' });
  };
  // The result list takes focus too (it scrolls): arrows, Home and End move the selection there.
  const onListKey = (e: React.KeyboardEvent) => {
    const delta = { ArrowDown: 1, ArrowUp: -1, Home: -s.devices.length, End: s.devices.length }[e.key];
    if (delta === undefined) return;
    e.preventDefault();
    move(delta);
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
      {s.error && (
        <p className="inline-error" role="alert">
          {s.error}
        </p>
      )}
      {s.requestId && view === 'grid' ? (
        <div className="lookup-grid-main">
          <DeviceGrid devices={s.devices} activeKey={s.selectedKey} onOpen={s.select} onChange={changeSome} />
          <div className="card-pane">{selected ? <DeviceCard device={selected} /> : null}</div>
        </div>
      ) : s.requestId ? (
        <div className="lookup-main">
          <ul
            id="results"
            className="results"
            role="listbox"
            aria-label="Devices found"
            tabIndex={0}
            aria-activedescendant={selected ? `result-${selected.key}` : undefined}
            onKeyDown={onListKey}
          >
            {s.devices.slice(0, s.shown).map((d) => (
              <ResultRow key={d.key} d={d} selected={d.key === s.selectedKey} onSelect={() => s.select(d.key)} />
            ))}
            {s.devices.length > s.shown && (
              <li className="more-results">
                <button type="button" className="link" onClick={s.showMore}>
                  Show {Math.min(pageSize, s.devices.length - s.shown).toLocaleString()} more (showing {s.shown.toLocaleString()} of {s.devices.length.toLocaleString()})
                </button>
              </li>
            )}
            {s.done && s.devices.length === 0 && <li className="muted empty-results">No device matches “{s.query}”.</li>}
          </ul>
          <div className="card-pane">{selected ? <DeviceCard device={selected} /> : null}</div>
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
