// What the app wires up per tenant profile: the Intune sign-in with its encrypted token cache, the WS1
// auth provider, and the clean-up when a profile is removed.
import type { IntuneProfile } from '../../common/profiles.ts';
import type { Logger } from '../log/logger.ts';
import type { KnownSecrets } from '../log/redact.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { IntuneSignIn, type IntuneSignInOptions } from './intune-sign-in.ts';
import { msalCacheFile, msalCachePlugin } from './msal-cache-plugin.ts';

export { IntuneSignIn, type DeviceCodePrompt, type SignInMethod } from './intune-sign-in.ts';
export { ws1AuthFor, Ws1OAuthProvider, Ws1BasicProvider } from './ws1-auth.ts';
export { graphScopes, type GraphNeed } from './scopes.ts';
export type { GraphTokenProvider, Ws1AuthProvider, TokenRequestOptions } from './types.ts';

export interface IntuneSignInDeps {
  dataDir: string;
  secrets: SecretStore;
  /** shell.openExternal in the app (IntuneSignIn only passes the authority's own URLs). */
  openBrowser: (url: string) => Promise<void>;
  logger?: Logger;
  knownSecrets?: KnownSecrets;
  /** false for the CLI: never open a browser from getToken. */
  allowInteractive?: boolean;
  /** Tests: the local authority and its CA. */
  authority?: IntuneSignInOptions['authority'];
  networkClient?: IntuneSignInOptions['networkClient'];
}

export function intuneSignInFor(profile: IntuneProfile, deps: IntuneSignInDeps): IntuneSignIn {
  const cachePlugin = msalCachePlugin({
    dataDir: deps.dataDir,
    profileId: profile.id,
    secrets: deps.secrets,
    onProblem: (problem, detail) => deps.logger?.warn('auth', `token cache for ${profile.id} ${problem} (${detail}); starting signed out`),
  });
  const { openBrowser, logger, knownSecrets, authority, networkClient } = deps;
  return new IntuneSignIn({ profile, openBrowser, cachePlugin, logger, knownSecrets, authority, networkClient, allowInteractive: deps.allowInteractive ?? true });
}

/** Deletes a profile's token cache file and its key (call with ProfileStore.remove). */
export async function forgetIntuneTokens(profileId: string, deps: Pick<IntuneSignInDeps, 'dataDir' | 'secrets'>): Promise<void> {
  await msalCacheFile({ dataDir: deps.dataDir, profileId, secrets: deps.secrets }).remove();
}
