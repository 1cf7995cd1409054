// Keychain stand-ins: a working one, and ones that fail the ways real keyrings do (platform.md).
import type { KeytarLike } from '../../../electron/services/secrets/keytar-store.ts';
import type { SecretPersistence, SecretStore } from '../../../electron/services/secrets/secret-store.ts';

export class FakeKeytar implements KeytarLike {
  readonly items = new Map<string, string>();
  calls = 0;
  async getPassword(service: string, account: string): Promise<string | null> {
    this.calls++;
    return this.items.get(`${service}/${account}`) ?? null;
  }
  async setPassword(service: string, account: string, password: string): Promise<void> {
    this.calls++;
    this.items.set(`${service}/${account}`, password);
  }
  async deletePassword(service: string, account: string): Promise<boolean> {
    this.calls++;
    return this.items.delete(`${service}/${account}`);
  }
}

/** Every call throws `message` (no D-Bus, no Secret Service, locked collection…). */
export function throwingKeytar(message: string): KeytarLike {
  const fail = async (): Promise<never> => {
    throw new Error(message);
  };
  return { getPassword: fail, setPassword: fail, deletePassword: fail };
}

/** A locked keyring under a desktop: reads say "nothing saved", writes wait forever on an unlock prompt. */
export function hangingKeytar(): KeytarLike {
  return { getPassword: async () => null, setPassword: () => new Promise<void>(() => {}), deletePassword: async () => false };
}

/** Accepts writes and forgets them: reads always null (what a locked keyring looks like to a reader). */
export function forgetfulKeytar(): KeytarLike {
  return { getPassword: async () => null, setPassword: async () => {}, deletePassword: async () => false };
}

/** A SecretStore that claims to be the keychain, kept in memory (for tests of what sits on top). */
export class MemoryKeychain implements SecretStore {
  readonly persistence: SecretPersistence = { kind: 'keychain' };
  readonly values = new Map<string, string>();
  async get(key: string): Promise<string | null> {
    return this.values.get(key) ?? null;
  }
  async set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }
  async delete(key: string): Promise<boolean> {
    return this.values.delete(key);
  }
}
