// The window: title bar with the tenant banner and theme, the area list, and the current area.
import { useEffect } from 'react';
import { ChangesView } from '../features/changes/ChangesView.tsx';
import { LogsView } from '../features/logs/LogsView.tsx';
import { useOpenWith } from '../features/logs/useOpenWith.ts';
import { LookupView } from '../features/lookup/LookupView.tsx';
import { SettingsView } from '../features/settings/SettingsView.tsx';
import { Nav } from './Nav.tsx';
import { Notices } from './Notices.tsx';
import { ThemePicker } from './ThemePicker.tsx';
import { useApp } from './store.ts';
import { useAreaShortcuts } from './useAreaShortcuts.ts';
import { useTheme } from './useTheme.ts';
import './app.css';

const views = { lookup: LookupView, logs: LogsView, changes: ChangesView, settings: SettingsView };

export function App() {
  const { area, theme, info, load, setArea } = useApp();
  useTheme(theme);
  useAreaShortcuts();
  useOpenWith();
  useEffect(() => {
    void load();
  }, [load]);
  const View = views[area];

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="titlebar">
        <span className="brand">Shared Device Helpdesk</span>
        {info && (
          <button type="button" className={info.tenant.mode === 'demo' ? 'demo-banner' : 'tenant-banner'} data-testid={info.tenant.mode === 'demo' ? 'demo-banner' : 'tenant-banner'} onClick={() => setArea('settings')} title="Tenants (Ctrl+,)">
            {info.tenant.mode === 'demo' ? info.tenant.label : `Connected: ${info.tenant.label}`}
          </button>
        )}
        <span className="spacer" />
        <button type="button" aria-pressed={area === 'settings'} onClick={() => setArea('settings')} title="Tenants and sign-in (Ctrl+,)">
          Tenants
        </button>
        <ThemePicker />
      </header>
      <div className="body">
        <Nav />
        <main id="main" tabIndex={-1} aria-labelledby={area === 'settings' ? 'settings-title' : `tab-${area}`}>
          <View />
        </main>
      </div>
      <footer className="statusbar">
        <span>{info ? `v${info.version} · ${info.host === 'browser' ? 'browser preview (demo tenant only)' : info.platform}` : 'Starting…'}</span>
        <Notices />
      </footer>
    </div>
  );
}
