// Picks the secret store at start-up: the keychain when the probe passes, otherwise memory for this
// session with the exact reason (shown in Settings and the status bar). Never a plaintext file.
import { KeytarSecretStore, defaultKeychainService, loadKeytar, type KeytarLike } from './keytar-store.ts';
import { probeKeychain } from './probe.ts';
import { SessionSecretStore, type SecretStore } from './secret-store.ts';

export interface OpenSecretStoreOptions {
  /** Defaults to the real keytar module (`loadKeytar()`); a load failure (an Error) counts as "no keychain". */
  keytar?: KeytarLike | Error;
  service?: string;
  probeTimeoutMs?: number;
  callTimeoutMs?: number;
}

export async function openSecretStore(options: OpenSecretStoreOptions = {}): Promise<SecretStore> {
  const service = options.service ?? defaultKeychainService;
  const keytar = options.keytar ?? loadKeytar();
  if (keytar instanceof Error) {
    return new SessionSecretStore({ code: 'module-missing', message: 'The keychain module could not be loaded, so the OS keychain cannot be used.', detail: keytar.message });
  }
  const probe = await probeKeychain(keytar, { service, timeoutMs: options.probeTimeoutMs });
  if (!probe.usable) return new SessionSecretStore(probe.problem);
  return new KeytarSecretStore({ keytar, service, timeoutMs: options.callTimeoutMs });
}

/** The sentence the app shows about where secrets are kept. */
export function describeSecretStorage(store: SecretStore): string {
  if (store.persistence.kind === 'keychain') return 'Secrets are kept in the OS keychain.';
  return `${store.persistence.problem.message} Secrets you enter are kept in memory for this session only and must be entered again after a restart; nothing is written to disk in plain text.`;
}
