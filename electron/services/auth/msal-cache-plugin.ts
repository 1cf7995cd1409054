// Persists MSAL's token cache (MSAL's caching guide: an ICachePlugin) in a file encrypted with a key kept
// in the keychain — the cache is larger than Windows Credential Manager's 2,560-byte limit. With a
// session-only secret store there is no plugin: MSAL keeps the cache in memory and it dies with the app.
import { join } from 'node:path';
import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import { EncryptedBlobFile, type EncryptedFileProblem } from '../secrets/encrypted-file.ts';
import type { SecretStore } from '../secrets/secret-store.ts';

export class EncryptedCachePlugin implements ICachePlugin {
  constructor(private readonly file: EncryptedBlobFile) {}

  async beforeCacheAccess(context: TokenCacheContext): Promise<void> {
    const text = await this.file.read();
    if (text) context.tokenCache.deserialize(text);
  }

  async afterCacheAccess(context: TokenCacheContext): Promise<void> {
    if (context.cacheHasChanged) await this.file.write(context.tokenCache.serialize());
  }
}

export interface MsalCacheOptions {
  dataDir: string;
  profileId: string;
  secrets: SecretStore;
  onProblem?: (problem: EncryptedFileProblem, detail: string) => void;
}

/** The file that holds a profile's MSAL cache: `<dataDir>/auth/msal-<profile>.bin`. */
export function msalCachePath(dataDir: string, profileId: string): string {
  return join(dataDir, 'auth', `msal-${profileId}.bin`);
}

export function msalCacheFile(options: MsalCacheOptions): EncryptedBlobFile {
  return new EncryptedBlobFile({
    path: msalCachePath(options.dataDir, options.profileId),
    secrets: options.secrets,
    keyName: `msal-cache-key:${options.profileId}`,
    purpose: `msal-cache:${options.profileId}`,
    onProblem: options.onProblem,
  });
}

/** undefined when secrets are session-only: then nothing about the sign-in touches the disk. */
export function msalCachePlugin(options: MsalCacheOptions): EncryptedCachePlugin | undefined {
  if (options.secrets.persistence.kind !== 'keychain') return undefined;
  return new EncryptedCachePlugin(msalCacheFile(options));
}
