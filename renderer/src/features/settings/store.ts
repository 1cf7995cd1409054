// Tenant profiles and sign-in as the setup screen sees them: never a token, never a saved secret.
import { create } from 'zustand';
import type { AppInfo } from '../../../../electron/common/app.ts';
import type { ConnectionReport, ProfileDraft, ProfileView, SignedInAccount } from '../../../../electron/common/profiles.ts';
import type { ResultOf } from '../../../../electron/common/ipc/contract.ts';
import { call } from '../../api.ts';

export interface DeviceCode {
  profileId: string;
  userCode: string;
  verificationUri: string;
  message: string;
  expiresAt: string;
}

interface SettingsState {
  list: ResultOf<'profilesList'> | null;
  editing: ProfileDraft | null;
  problems: Record<string, string>;
  reports: Record<string, ConnectionReport | 'running'>;
  accounts: Record<string, { accounts: SignedInAccount[]; current: string | null }>;
  deviceCode: DeviceCode | null;
  busy: string | null;
  message: string | null;
  load(): Promise<void>;
  edit(draft: ProfileDraft | null): void;
  patch(p: Partial<ProfileDraft>): void;
  save(): Promise<void>;
  remove(id: string): Promise<void>;
  test(id: string): Promise<void>;
  signIn(id: string, method: 'browser' | 'device-code'): Promise<void>;
  cancelSignIn(id: string): Promise<void>;
  signOut(id: string): Promise<void>;
  loadAccounts(id: string): Promise<void>;
  activate(ids: { intune: string | null; ws1: string | null }): Promise<AppInfo | null>;
  showDeviceCode(code: DeviceCode | null): void;
}

export const useSettings = create<SettingsState>((set, get) => {
  const attempt = async <T>(label: string, run: () => Promise<T>): Promise<T | null> => {
    set({ busy: label, message: null });
    try {
      return await run();
    } catch (err) {
      set({ message: (err as Error).message });
      return null;
    } finally {
      set({ busy: null });
    }
  };

  return {
    list: null,
    editing: null,
    problems: {},
    reports: {},
    accounts: {},
    deviceCode: null,
    busy: null,
    message: null,
    load: async () => {
      try {
        set({ list: await call('profilesList') });
      } catch (err) {
        set({ message: (err as Error).message });
      }
    },
    edit: (editing) => set({ editing, problems: {} }),
    patch: (p) => set({ editing: { ...get().editing!, ...p } }),
    save: async () => {
      const draft = get().editing;
      if (!draft) return;
      const result = await attempt('Saving…', () => call('profilesSave', draft));
      if (!result) return;
      if (!result.ok) return set({ problems: Object.fromEntries(result.problems.map((p) => [p.field, p.message])) });
      set({ editing: null, problems: {}, message: `Saved ${result.view.profile.name}.` });
      await get().load();
    },
    remove: async (id) => {
      await attempt('Removing…', () => call('profilesRemove', { id }));
      await get().load();
    },
    test: async (id) => {
      set({ reports: { ...get().reports, [id]: 'running' } });
      const report = await attempt('Testing the connection…', () => call('profilesTest', { id }));
      const reports = { ...get().reports };
      if (report) reports[id] = report;
      else delete reports[id];
      set({ reports });
    },
    signIn: async (id, method) => {
      const account = await attempt(method === 'browser' ? 'Finish signing in in your browser…' : 'Waiting for the device code sign-in…', () => call('authSignIn', { profileId: id, method }));
      set({ deviceCode: null });
      if (account) {
        set({ message: `Signed in as ${account.username}.` });
        await get().loadAccounts(id);
      }
    },
    cancelSignIn: async (id) => {
      await call('authCancel', { profileId: id }).catch(() => {});
      set({ deviceCode: null });
    },
    signOut: async (id) => {
      await attempt('Signing out…', () => call('authSignOut', { profileId: id }));
      await get().loadAccounts(id);
    },
    loadAccounts: async (id) => {
      const accounts = await call('authAccounts', { profileId: id }).catch(() => null);
      if (accounts) set({ accounts: { ...get().accounts, [id]: accounts } });
    },
    activate: async (ids) => {
      const info = await attempt('Connecting…', () => call('profilesActivate', ids));
      await get().load();
      return info;
    },
    showDeviceCode: (deviceCode) => set({ deviceCode }),
  };
});

export const describeProfile = (v: ProfileView): string =>
  v.profile.kind === 'intune'
    ? `Intune · tenant ${v.profile.tenant} · ${v.profile.cloud}`
    : `Workspace ONE · ${v.profile.apiHost} · ${v.profile.auth.method === 'oauth' ? `OAuth (${v.profile.auth.region.toUpperCase()})` : 'Basic + API key'}`;
