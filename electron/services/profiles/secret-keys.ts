// Where a profile's secrets are filed in the SecretStore (keychain account names). The key names the
// origin, region, user and auth method the secrets were entered for (`secretBinding`), so a profile whose
// host or method changed finds nothing under its new key and can never send them elsewhere.
import { secretBinding, type SecretName, type TenantProfile } from '../../common/profiles.ts';

export function profileSecretKey(profile: TenantProfile, name: SecretName): string {
  return `profile:${profile.id}:${secretBinding(profile)}:${name}`;
}

/** Where versions before the binding filed them (never read; deleted when the profile is saved or removed). */
export function unboundSecretKey(profileId: string, name: SecretName): string {
  return `profile:${profileId}:${name}`;
}
