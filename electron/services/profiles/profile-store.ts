// Tenant profiles in the data folder (`profiles.json`, owner-only), their secrets in the SecretStore.
// The file never holds a secret; what leaves this class for the renderer is a `ProfileView`.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../common/errors.ts';
import {
  secretBinding,
  secretNames,
  secretsClearedMessage,
  tenantProfileSchema,
  validateProfileDraft,
  type DraftProblem,
  type ProfileDraft,
  type ProfileView,
  type SecretName,
  type TenantProfile,
} from '../../common/profiles.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { profileSecretKey, unboundSecretKey } from './secret-keys.ts';

const fileSchema = z.object({ version: z.literal(1), profiles: z.array(tenantProfileSchema) });

export type SaveResult = { ok: true; view: ProfileView } | { ok: false; problems: DraftProblem[] };

export class ProfileStore {
  private readonly path: string;

  constructor(
    dataDir: string,
    private readonly secrets: SecretStore,
  ) {
    this.path = join(dataDir, 'profiles.json');
  }

  async list(): Promise<TenantProfile[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const parsed = fileSchema.safeParse(safeJson(text));
    if (!parsed.success) throw new AppError('invalid_input', 'The saved tenant profiles could not be read; the file is damaged.', `${this.path}: ${parsed.error.message}`);
    return parsed.data.profiles;
  }

  async get(id: string): Promise<TenantProfile> {
    const found = (await this.list()).find((p) => p.id === id);
    if (!found) throw new AppError('not_found', 'That tenant profile no longer exists.');
    return found;
  }

  async views(): Promise<ProfileView[]> {
    return Promise.all((await this.list()).map((p) => this.view(p)));
  }

  async view(profile: TenantProfile): Promise<ProfileView> {
    const saved = await this.savedSecrets(profile);
    return {
      profile,
      secretsSaved: { clientSecret: saved.includes('clientSecret'), apiKey: saved.includes('apiKey'), password: saved.includes('password') },
      secretStorage: this.secrets.persistence.kind === 'keychain' ? 'keychain' : 'session',
    };
  }

  /**
   * Validates and saves; secrets go to the SecretStore. An empty secret keeps the saved one only while the
   * profile's origin, region, user name and auth method stay the same (`secretBinding`); a change clears
   * the saved secrets and asks for them again.
   */
  async save(draft: ProfileDraft): Promise<SaveResult> {
    const all = await this.list();
    const before = draft.id ? all.find((p) => p.id === draft.id) : undefined;
    // First the fields alone (every secret counted as present), to learn where the secrets would be bound.
    const shape = validateProfileDraft(draft, secretNames);
    if (!shape.ok) {
      // The fields are wrong already; name the missing secrets too, as far as the saved profile tells.
      const named = validateProfileDraft(draft, before ? await this.savedSecrets(before) : []);
      return { ok: false, problems: named.ok ? shape.problems : named.problems };
    }
    const check = validateProfileDraft(draft, await this.savedSecrets(shape.profile));
    const rebound = before !== undefined && secretBinding(before) !== secretBinding(shape.profile);
    if (!check.ok) {
      const cleared = rebound && (await this.savedSecrets(before)).length > 0;
      return cleared ? { ok: false, problems: [...check.problems, { field: 'secrets', message: secretsClearedMessage }] } : check;
    }
    const { secrets } = check;
    // a form that does not send the guard rails keeps the saved ones (empty fields set the defaults)
    const keepGuard = draft.reasonAbove === undefined && draft.stageAbove === undefined && before?.guardRails;
    const keepNever = draft.neverChoose === undefined && before?.neverChoose;
    const profile = { ...check.profile, ...(keepGuard ? { guardRails: before.guardRails } : {}), ...(keepNever ? { neverChoose: before.neverChoose } : {}) };
    const existing = all.findIndex((p) => p.id === profile.id);
    if (existing >= 0 && !draft.id) return { ok: false, problems: [{ field: 'name', message: 'A profile with that name exists already.' }] };
    for (const [name, value] of Object.entries(secrets) as Array<[SecretName, string]>) {
      await this.secrets.set(profileSecretKey(profile, name), value);
    }
    // A secret the new auth method does not use is removed, so nothing stale stays in the keychain.
    const needed = new Set<SecretName>(profile.kind === 'ws1' ? (profile.auth.method === 'oauth' ? ['clientSecret', 'apiKey'] : ['password', 'apiKey']) : []);
    for (const name of secretNames) if (!needed.has(name)) await this.secrets.delete(profileSecretKey(profile, name));
    if (rebound) await this.deleteSecrets(before);
    for (const name of secretNames) await this.secrets.delete(unboundSecretKey(profile.id, name));
    if (existing >= 0) all[existing] = profile;
    else all.push(profile);
    await this.write(all);
    return { ok: true, view: await this.view(profile) };
  }

  /** Removes the profile and its secrets (the caller signs out and deletes its token cache). */
  async remove(id: string): Promise<void> {
    const all = await this.list();
    const profile = all.find((p) => p.id === id);
    if (profile) await this.deleteSecrets(profile);
    for (const name of secretNames) await this.secrets.delete(unboundSecretKey(id, name));
    await this.write(all.filter((p) => p.id !== id));
  }

  async secret(profile: TenantProfile, name: SecretName): Promise<string | null> {
    return this.secrets.get(profileSecretKey(profile, name));
  }

  private async savedSecrets(profile: TenantProfile): Promise<SecretName[]> {
    const found: SecretName[] = [];
    for (const name of secretNames) if (await this.secrets.get(profileSecretKey(profile, name))) found.push(name);
    return found;
  }

  private async deleteSecrets(profile: TenantProfile): Promise<void> {
    for (const name of secretNames) await this.secrets.delete(profileSecretKey(profile, name));
  }

  private async write(profiles: TenantProfile[]): Promise<void> {
    await mkdir(join(this.path, '..'), { recursive: true });
    const tmp = `${this.path}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, `${JSON.stringify({ version: 1, profiles }, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, this.path);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
