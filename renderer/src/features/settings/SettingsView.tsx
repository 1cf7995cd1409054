// Tenants and sign-in: which tenant the app talks to, the saved profiles, "Test connection" that names
// exactly what is missing, and sign-in through the system browser or a device code.
import { useEffect, useState } from 'react';
import type { ProfileView } from '../../../../electron/common/profiles.ts';
import { useApp } from '../../app/store.ts';
import { guardDraft, ProfileForm } from './ProfileForm.tsx';
import { PreviewForms } from './PreviewForms.tsx';
import { describeProfile, useSettings } from './store.ts';
import { SupportPanel } from './SupportPanel.tsx';
import { StepPatternsSettings } from '../logs/explainer-patterns/StepPatternsSettings.tsx';
import './settings.css';

function Report({ id }: { id: string }) {
  const r = useSettings((s) => s.reports[id]);
  if (!r) return null;
  if (r === 'running') return <p className="muted">Testing…</p>;
  return (
    <div className={`report ${r.ok ? 'report-ok' : 'report-bad'}`} role="status">
      <p>
        <strong>{r.ok ? 'Connected.' : `Missing: ${r.missing}.`}</strong> {r.message}
      </p>
      <ul>
        {r.checks.map((c) => (
          <li key={c.step}>
            {c.ok ? '✓' : '✗'} {c.step} — {c.detail}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ProfileItem({ v }: { v: ProfileView }) {
  const s = useSettings();
  const id = v.profile.id;
  const accounts = s.accounts[id];
  const { loadAccounts } = s;
  useEffect(() => {
    if (v.profile.kind === 'intune') void loadAccounts(id);
  }, [id, v.profile.kind, loadAccounts]);
  const [confirming, setConfirming] = useState(false);
  return (
    <li className="profile">
      <div className="profile-head">
        <strong>{v.profile.name}</strong>
        <span className="muted">{describeProfile(v)}</span>
      </div>
      {v.profile.kind === 'intune' && (
        <p className="muted">
          {accounts?.current ? `Signed in as ${accounts.accounts.find((a) => a.homeAccountId === accounts.current)?.username ?? accounts.current}` : 'Not signed in'}
        </p>
      )}
      <div className="profile-actions">
        <button type="button" onClick={() => void s.test(id)}>
          Test connection
        </button>
        {v.profile.kind === 'intune' && (
          <>
            <button type="button" onClick={() => void s.signIn(id, 'browser')}>
              Sign in
            </button>
            <button type="button" onClick={() => void s.signIn(id, 'device-code')}>
              Sign in with a code
            </button>
            {accounts?.current && (
              <button type="button" onClick={() => void s.signOut(id)}>
                Sign out
              </button>
            )}
          </>
        )}
        <button
          type="button"
          onClick={() =>
            s.edit(
              v.profile.kind === 'intune'
                ? { kind: 'intune', id, name: v.profile.name, tenant: v.profile.tenant, clientId: v.profile.clientId, cloud: v.profile.cloud, ...guardDraft(v.profile) }
                : {
                    ...guardDraft(v.profile),
                    kind: 'ws1',
                    id,
                    name: v.profile.name,
                    apiHost: v.profile.apiHost,
                    authMethod: v.profile.auth.method,
                    region: v.profile.auth.method === 'oauth' ? v.profile.auth.region : undefined,
                    clientId: v.profile.auth.method === 'oauth' ? v.profile.auth.clientId : undefined,
                    username: v.profile.auth.method === 'basic' ? v.profile.auth.username : undefined,
                  },
            )
          }
        >
          Edit
        </button>
        {confirming ? (
          <>
            <span>Remove {v.profile.name}, its saved secrets and sign-ins?</span>
            <button type="button" className="danger" onClick={() => void s.remove(id)}>
              Remove
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" onClick={() => setConfirming(true)}>
            Remove…
          </button>
        )}
      </div>
      <Report id={id} />
    </li>
  );
}

export function SettingsView() {
  const s = useSettings();
  const loadInfo = useApp((a) => a.load);
  const { load, showDeviceCode } = s;
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => window.helpdesk.onDeviceCode(showDeviceCode), [showDeviceCode]);
  const [choice, setChoice] = useState<{ intune: string | null; ws1: string | null } | null>(null);
  const list = s.list;
  const active = choice ?? list?.active ?? { intune: null, ws1: null };
  const of = (kind: 'intune' | 'ws1') => list?.profiles.filter((p) => p.profile.kind === kind) ?? [];
  const connect = async (ids: { intune: string | null; ws1: string | null }) => {
    if (await s.activate(ids)) await loadInfo();
    setChoice(null);
  };

  return (
    <section aria-labelledby="settings-title" className="area settings-area">
      <header className="area-header">
        <h1 id="settings-title">Tenants</h1>
        <p className="area-hint">Connect your Intune tenant and Workspace ONE environment. Tokens and secrets stay in the app's main process and the OS keychain.</p>
      </header>
      {s.message && <p role="status">{s.message}</p>}
      {s.busy && <p className="muted">{s.busy}</p>}
      {s.deviceCode && (
        <div className="device-code" role="dialog" aria-label="Device code sign-in">
          <p>
            Open <strong>{s.deviceCode.verificationUri}</strong> on any device and enter the code
          </p>
          <p className="code">{s.deviceCode.userCode}</p>
          <button type="button" onClick={() => void s.cancelSignIn(s.deviceCode!.profileId)}>
            Cancel sign-in
          </button>
        </div>
      )}
      {list && !list.realTenantsAllowed ? (
        <PreviewForms />
      ) : (
        list && (
          <>
            <section className="panel" aria-label="Tenant in use">
              <h2>In use</h2>
              <div className="active-row">
                <label>
                  Intune
                  <select value={active.intune ?? ''} onChange={(e) => setChoice({ ...active, intune: e.target.value || null })}>
                    <option value="">— none —</option>
                    {of('intune').map((p) => (
                      <option key={p.profile.id} value={p.profile.id}>
                        {p.profile.name}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  Workspace ONE
                  <select value={active.ws1 ?? ''} onChange={(e) => setChoice({ ...active, ws1: e.target.value || null })}>
                    <option value="">— none —</option>
                    {of('ws1').map((p) => (
                      <option key={p.profile.id} value={p.profile.id}>
                        {p.profile.name}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="button" className="primary" disabled={!choice} onClick={() => void connect(active)}>
                  Connect
                </button>
                <button type="button" onClick={() => void connect({ intune: null, ws1: null })}>
                  Use the demo tenant
                </button>
              </div>
              <p className={list.secretStorage.kind === 'keychain' ? 'muted' : 'warning-text'}>{list.secretStorage.message}</p>
            </section>
            <section className="panel" aria-label="Profiles">
              <h2>Profiles</h2>
              {list.profiles.length === 0 && <p className="muted">No profile yet. Add your Intune tenant or Workspace ONE environment.</p>}
              <ul className="profiles">
                {list.profiles.map((v) => (
                  <ProfileItem key={v.profile.id} v={v} />
                ))}
              </ul>
              {!s.editing && (
                <button type="button" className="primary" onClick={() => s.edit({ kind: 'intune', name: '', cloud: 'global' })}>
                  Add a profile
                </button>
              )}
              <ProfileForm />
            </section>
          </>
        )
      )}
      <SupportPanel />
      <StepPatternsSettings />
    </section>
  );
}
