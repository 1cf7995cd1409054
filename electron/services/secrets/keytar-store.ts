// The OS keychain through keytar (Windows Credential Manager, macOS Keychain, libsecret on Linux).
// Every call has a timeout: under a desktop session a locked keyring makes writes wait on an unlock prompt.
import { createRequire } from 'node:module';
import { AppError } from '../../common/errors.ts';
import { checkSecretSize, type SecretPersistence, type SecretStore } from './secret-store.ts';

/** The part of keytar we use; tests pass fakes (hanging, throwing, forgetting). */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export const defaultKeychainService = 'Shared Device Helpdesk';

/** Loads the native module lazily so a broken build degrades to "no keychain" instead of a crash. */
export function loadKeytar(): KeytarLike | Error {
  try {
    return createRequire(import.meta.url)('keytar') as KeytarLike;
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

export class TimeoutError extends Error {}

export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export interface KeytarStoreOptions {
  keytar: KeytarLike;
  /** Keychain "service" all our entries are filed under. */
  service?: string;
  timeoutMs?: number;
}

export class KeytarSecretStore implements SecretStore {
  readonly persistence: SecretPersistence = { kind: 'keychain' };
  private readonly keytar: KeytarLike;
  private readonly service: string;
  private readonly timeoutMs: number;

  constructor(options: KeytarStoreOptions) {
    this.keytar = options.keytar;
    this.service = options.service ?? defaultKeychainService;
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  get(key: string): Promise<string | null> {
    return this.call('read', () => this.keytar.getPassword(this.service, key));
  }

  async set(key: string, value: string): Promise<void> {
    checkSecretSize(key, value);
    await this.call('save', () => this.keytar.setPassword(this.service, key, value));
  }

  delete(key: string): Promise<boolean> {
    return this.call('delete', () => this.keytar.deletePassword(this.service, key));
  }

  private async call<T>(verb: string, work: () => Promise<T>): Promise<T> {
    try {
      return await withTimeout(work(), this.timeoutMs, `keychain ${verb}`);
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      if (e instanceof TimeoutError) throw new AppError('timeout', `The OS keychain did not answer; it may be locked. Could not ${verb} the secret.`, detail);
      throw new AppError('unavailable', `The OS keychain refused to ${verb} the secret: ${detail}`, detail);
    }
  }
}
