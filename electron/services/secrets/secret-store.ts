// One small interface for every secret the app keeps: WS1 client secrets, API keys, passwords, and the
// key that encrypts the MSAL token cache file. Backed by the OS keychain, or by memory for this session
// only when the keychain is unusable — never by a plaintext file.
import { AppError } from '../../common/errors.ts';

/** Why the keychain cannot be used, said plainly (see `probeKeychain`). */
export interface KeychainProblem {
  code: 'no-dbus' | 'no-secret-service' | 'locked' | 'no-collection' | 'timeout' | 'reads-empty' | 'module-missing' | 'failed';
  /** A sentence for the technician: what is wrong and what it means for their secrets. */
  message: string;
  /** The raw error, for the log. */
  detail?: string;
}

export type SecretPersistence = { kind: 'keychain' } | { kind: 'session'; problem: KeychainProblem };

export interface SecretStore {
  /** Where secrets go: the keychain (kept across restarts) or memory (forgotten on exit, with the reason). */
  readonly persistence: SecretPersistence;
  /** null when nothing is saved under `key`. */
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  /** true when something was deleted. */
  delete(key: string): Promise<boolean>;
}

/** Windows Credential Manager refuses blobs over CRED_MAX_CREDENTIAL_BLOB_SIZE (5 × 512 bytes). */
export const maxKeychainSecretBytes = 2560;

export function checkSecretSize(key: string, value: string): void {
  if (Buffer.byteLength(value, 'utf8') > maxKeychainSecretBytes) {
    throw new AppError('invalid_input', `That secret is longer than the ${maxKeychainSecretBytes} bytes the OS keychain accepts.`, `secret ${key} too large`);
  }
}

/** Secrets kept in memory for this session only, because the keychain is unusable (`problem` says why). */
export class SessionSecretStore implements SecretStore {
  readonly persistence: SecretPersistence;
  private readonly values = new Map<string, string>();

  constructor(problem: KeychainProblem) {
    this.persistence = { kind: 'session', problem };
  }

  async get(key: string): Promise<string | null> {
    return this.values.get(key) ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    checkSecretSize(key, value);
    this.values.set(key, value);
  }

  async delete(key: string): Promise<boolean> {
    return this.values.delete(key);
  }
}
