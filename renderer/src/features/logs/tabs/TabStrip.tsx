// The open logs as tabs: name from the file, folder, zip or device, full paths on hover, a close button,
// middle-click closes; Ctrl+W closes the shown tab, Ctrl+Tab / Ctrl+Shift+Tab (or Ctrl+PageDown /
// Ctrl+PageUp) switch. The cap on open tabs is shown next to them.
import { useLogs } from '../store.ts';
import { MAX_TABS } from './tab-list.ts';
import './tabs.css';

export const tabShortcuts = 'Ctrl+Tab / Ctrl+Shift+Tab switch tabs, Ctrl+W closes one';

export function TabStrip() {
  const tabs = useLogs((s) => s.tabs);
  const shown = useLogs((s) => s.session?.id);
  const { activate, closeTab, newTab } = useLogs.getState();
  if (!tabs.length) return null;
  return (
    <div className="log-tabs" role="toolbar" aria-label="Open logs" title={tabShortcuts}>
      {tabs.map((t) => (
        <span key={t.id} className={`log-tab${t.id === shown ? ' shown' : ''}`}>
          <button
            type="button"
            className="log-tab-name"
            aria-pressed={t.id === shown}
            title={t.title}
            onClick={() => activate(t.id)}
            onMouseDown={(e) => e.button === 1 && e.preventDefault()}
            onAuxClick={(e) => e.button === 1 && void closeTab(t.id)}
          >
            {t.name}
          </button>
          <button type="button" className="log-tab-close" aria-label={`Close ${t.name}`} title="Close (Ctrl+W)" onClick={() => void closeTab(t.id)}>
            ×
          </button>
        </span>
      ))}
      <button type="button" className="log-tab-new" aria-label="New tab" title="Open more logs in a new tab" disabled={!shown || tabs.length >= MAX_TABS} onClick={newTab}>
        +
      </button>
      <span className="muted log-tabs-count">
        {tabs.length} of {MAX_TABS} tabs
      </span>
    </div>
  );
}
