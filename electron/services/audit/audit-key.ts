// The key of the audit trail's HMAC chain: kept in the OS keychain (so every run, the app and the CLI
// check the same chain), or made for this session only where there is no keychain — never in a file.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { SecretStore } from '../secrets/secret-store.ts';

export interface AuditKey {
  /** Recorded on each entry: which key signed it (a hash of the key, never the key). */
  id: string;
  /** Whether entries signed with it can be checked after this run. */
  persistent: boolean;
  mac(content: string): string;
}

/** The keychain entry that holds the key (hex). */
export const auditKeySecret = 'audit.hmacKey';

/** Entries written before the chain was keyed: plain SHA-256, checked as such and reported as unkeyed. */
export const legacyKeyId = 'sha256';

export function auditKeyFrom(secret: Buffer, persistent: boolean): AuditKey {
  const id = `hmac:${createHash('sha256').update('sdh-audit-key-id').update(secret).digest('hex').slice(0, 16)}`;
  return { id, persistent, mac: (content) => createHmac('sha256', secret).update(content).digest('hex') };
}

/** A key for this session only (no keychain, or a test). */
export function sessionAuditKey(): AuditKey {
  return auditKeyFrom(randomBytes(32), false);
}

/** The tenant-independent audit key from the secret store: read, or made and saved the first time. */
export async function loadAuditKey(secrets: SecretStore): Promise<AuditKey> {
  if (secrets.persistence.kind !== 'keychain') return sessionAuditKey();
  const saved = await secrets.get(auditKeySecret);
  if (saved && /^[0-9a-f]{64}$/.test(saved)) return auditKeyFrom(Buffer.from(saved, 'hex'), true);
  const fresh = randomBytes(32);
  await secrets.set(auditKeySecret, fresh.toString('hex'));
  return auditKeyFrom(fresh, true);
}

export function legacyHash(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}
