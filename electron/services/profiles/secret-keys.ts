// Where a profile's secrets are filed in the SecretStore (keychain account names).
import type { SecretName } from '../../common/profiles.ts';

export function profileSecretKey(profileId: string, name: SecretName): string {
  return `profile:${profileId}:${name}`;
}
