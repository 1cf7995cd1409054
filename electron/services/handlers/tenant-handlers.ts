// Tenant profiles, sign-in and the switch between demo and real tenants. Secrets arrive once with a
// saved profile and never leave main; device codes are shown through onDeviceCode.
import type { AppInfo } from '../../common/app.ts';
import { AppError } from '../../common/errors.ts';
import { describeSecretStorage } from '../secrets/open.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { testConnection } from '../profiles/test-connection.ts';
import type { Handlers } from '../router/router.ts';
import type { SettingsStore } from '../settings/settings-store.ts';
import type { TenantManager } from '../tenant/manager.ts';
import type { Ws1WireBook } from '../ws1/wire-book.ts';

type TenantChannels =
  | 'profilesList'
  | 'profilesSave'
  | 'profilesRemove'
  | 'profilesTest'
  | 'profilesActivate'
  | 'authSignIn'
  | 'authCancel'
  | 'authAccounts'
  | 'authSelectAccount'
  | 'authSignOut';

export interface TenantHandlerDeps {
  tenants: TenantManager;
  secrets: SecretStore;
  settings: SettingsStore;
  info(): AppInfo;
  /** Where "Test connection" keeps what a Workspace ONE tenant's API description says. */
  wires?: Ws1WireBook;
  deviceCode(p: { profileId: string; userCode: string; verificationUri: string; message: string; expiresAt: string }): void;
}

export function tenantHandlers(d: TenantHandlerDeps): Pick<Handlers, TenantChannels> & { dispose(): void } {
  const signingIn = new Map<string, AbortController>();
  const requireReal = () => {
    if (!d.tenants.realTenantsAllowed) throw new AppError('not_allowed', 'Real tenants run only in the desktop app; this browser preview shows the demo tenant.');
  };

  return {
    profilesList: async () => ({
      profiles: d.tenants.realTenantsAllowed ? await d.tenants.profiles.views() : [],
      active: d.settings.get().activeProfiles,
      secretStorage: { kind: d.secrets.persistence.kind, message: describeSecretStorage(d.secrets) },
      realTenantsAllowed: d.tenants.realTenantsAllowed,
    }),
    profilesSave: async (draft) => {
      requireReal();
      return d.tenants.profiles.save(draft);
    },
    profilesRemove: async ({ id }) => {
      requireReal();
      await d.tenants.remove(id);
      return null;
    },
    profilesTest: async ({ id }) => {
      requireReal();
      const profile = await d.tenants.profiles.get(id);
      return profile.kind === 'intune' ? testConnection(profile, { intune: { signIn: d.tenants.signIn(profile) } }) : testConnection(profile, { ws1: { secrets: d.secrets, wires: d.wires } });
    },
    profilesActivate: async (ids) => {
      if (ids.intune || ids.ws1) requireReal();
      await d.tenants.activate(ids);
      return d.info();
    },
    authSignIn: async ({ profileId, method }) => {
      requireReal();
      const signIn = await d.tenants.intuneSignIn(profileId);
      signingIn.get(profileId)?.abort();
      const controller = new AbortController();
      signingIn.set(profileId, controller);
      try {
        const account = await signIn.signIn(method === 'browser' ? { kind: 'browser' } : { kind: 'device-code', onCode: (c) => d.deviceCode({ profileId, ...c }) }, { signal: controller.signal });
        if (d.settings.get().activeProfiles.intune === profileId) d.tenants.technician = account.username;
        return account;
      } finally {
        if (signingIn.get(profileId) === controller) signingIn.delete(profileId);
      }
    },
    authCancel: ({ profileId }) => {
      signingIn.get(profileId)?.abort();
      return null;
    },
    authAccounts: async ({ profileId }) => {
      requireReal();
      const signIn = await d.tenants.intuneSignIn(profileId);
      return { accounts: await signIn.accounts(), current: (await signIn.currentAccount())?.homeAccountId ?? null };
    },
    authSelectAccount: async ({ profileId, homeAccountId }) => {
      requireReal();
      await (await d.tenants.intuneSignIn(profileId)).selectAccount(homeAccountId);
      return null;
    },
    authSignOut: async ({ profileId, homeAccountId }) => {
      requireReal();
      await (await d.tenants.intuneSignIn(profileId)).signOut(homeAccountId);
      return null;
    },
    dispose: () => {
      for (const c of signingIn.values()) c.abort();
    },
  };
}
