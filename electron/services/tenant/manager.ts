// Owns the current tenant connection and the Intune sign-ins, and switches between the demo tenant and
// the technician's profiles. The browser host runs with policy demo-only: no profile is ever used there.
import { AppError } from '../../common/errors.ts';
import type { IntuneProfile, TenantProfile, Ws1Profile } from '../../common/profiles.ts';
import type { GuardRails } from '../../common/jobs.ts';
import { tenantGuardRails } from '../jobs/guard-rails.ts';
import { forgetIntuneTokens, intuneSignInFor, type IntuneSignIn } from '../auth/index.ts';
import type { Db } from '../cache/db.ts';
import type { DemoTenant } from '../demo/index.ts';
import type { Logger } from '../log/logger.ts';
import type { KnownSecrets } from '../log/redact.ts';
import { ProfileStore } from '../profiles/profile-store.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { SettingsStore } from '../settings/settings-store.ts';
import { demoConnection, profileConnection, type TenantConnection } from './connection.ts';

export interface TenantManagerDeps {
  demo: DemoTenant;
  db: Db;
  dataDir: string;
  settings: SettingsStore;
  secrets: SecretStore;
  knownSecrets: KnownSecrets;
  logger: Logger;
  openBrowser: (url: string) => Promise<void>;
  policy: 'demo-only' | 'any';
  /** Called after every switch, so long-lived work (jobs, caches) can follow. */
  onChange?: (conn: TenantConnection) => void;
}

export class TenantManager {
  readonly profiles: ProfileStore;
  private conn: TenantConnection;
  private readonly signIns = new Map<string, IntuneSignIn>();
  /** The signed-in Entra account of the connected Intune profile: who the audit trail names. */
  technician: string | null = null;

  constructor(private readonly d: TenantManagerDeps) {
    this.profiles = new ProfileStore(d.dataDir, d.secrets);
    this.conn = demoConnection(d.demo, d.db);
  }

  /** The profiles of the current connection (none on the demo tenant). */
  private connected: Array<IntuneProfile | Ws1Profile> = [];

  /** The current tenant's bulk-change guard rails: its profiles' own, else the defaults. */
  guardRails(): GuardRails {
    return tenantGuardRails(this.connected);
  }

  /** The current tenant's never-choose account patterns (its profiles' lists together). */
  neverChoose(): string[] {
    return [...new Set(this.connected.flatMap((p) => p.neverChoose ?? []))];
  }

  get current(): TenantConnection {
    return this.conn;
  }

  get realTenantsAllowed(): boolean {
    return this.d.policy === 'any';
  }

  /** Reconnects the profiles chosen last time, if any; the demo tenant otherwise. */
  async start(): Promise<void> {
    const active = this.d.settings.get().activeProfiles;
    if (this.realTenantsAllowed && (active.intune || active.ws1)) {
      try {
        await this.activate(active);
        return;
      } catch (err) {
        // The choice stays saved: the technician may fix the profile and reconnect.
        this.d.logger.warn('tenant', `could not reconnect the saved profiles, staying on the demo tenant: ${String(err)}`);
      }
    }
    this.d.onChange?.(this.conn);
  }

  async activate(ids: { intune: string | null; ws1: string | null }): Promise<TenantConnection> {
    if (!ids.intune && !ids.ws1) {
      this.conn = demoConnection(this.d.demo, this.d.db);
      this.connected = [];
    } else {
      this.requireReal();
      const intune = ids.intune ? await this.profileOf(ids.intune, 'intune') : undefined;
      const ws1 = ids.ws1 ? await this.profileOf(ids.ws1, 'ws1') : undefined;
      this.conn = profileConnection(
        { intune, ws1 },
        { db: this.d.db, secrets: this.d.secrets, knownSecrets: this.d.knownSecrets, intuneSignIn: intune ? this.signIn(intune) : undefined },
      );
      this.connected = [intune, ws1].filter((p): p is IntuneProfile | Ws1Profile => Boolean(p));
    }
    this.technician = null;
    if (ids.intune) {
      const signIn = this.signIns.get(ids.intune);
      this.technician = (await signIn?.currentAccount().catch(() => null))?.username ?? null;
    }
    this.d.settings.update({ activeProfiles: ids });
    this.d.onChange?.(this.conn);
    return this.conn;
  }

  /** The sign-in of an Intune profile, made once and kept for the session. */
  signIn(profile: IntuneProfile): IntuneSignIn {
    this.requireReal();
    let s = this.signIns.get(profile.id);
    if (!s) {
      s = intuneSignInFor(profile, { dataDir: this.d.dataDir, secrets: this.d.secrets, openBrowser: this.d.openBrowser, logger: this.d.logger, knownSecrets: this.d.knownSecrets });
      this.signIns.set(profile.id, s);
    }
    return s;
  }

  async intuneSignIn(profileId: string): Promise<IntuneSignIn> {
    return this.signIn(await this.profileOf(profileId, 'intune'));
  }

  async remove(id: string): Promise<void> {
    const active = this.d.settings.get().activeProfiles;
    if (active.intune === id || active.ws1 === id) {
      await this.activate({ intune: active.intune === id ? null : active.intune, ws1: active.ws1 === id ? null : active.ws1 });
    }
    await this.profiles.remove(id);
    this.signIns.delete(id);
    await forgetIntuneTokens(id, { dataDir: this.d.dataDir, secrets: this.d.secrets });
  }

  private requireReal(): void {
    if (!this.realTenantsAllowed) throw new AppError('not_allowed', 'Real tenants run only in the desktop app; this browser preview shows the demo tenant.');
  }

  private async profileOf(id: string, kind: 'intune'): Promise<IntuneProfile>;
  private async profileOf(id: string, kind: 'ws1'): Promise<Ws1Profile>;
  private async profileOf(id: string, kind: TenantProfile['kind']): Promise<TenantProfile> {
    const p = await this.profiles.get(id);
    if (p.kind !== kind) throw new AppError('bad_argument', `${p.name} is not ${kind === 'intune' ? 'an Intune' : 'a Workspace ONE'} profile.`);
    return p;
  }
}
