// MSAL and Entra errors → AppError with a sentence that names what is wrong. Entra's AADSTS codes are
// upstream facts (Microsoft's "Entra authentication and authorization error codes" page), kept in one table.
import { AuthError, InteractionRequiredAuthError } from '@azure/msal-node';
import { AppError } from '../../common/errors.ts';

/** AADSTS code → [AppError code, sentence]. `{tenant}` and `{client}` are filled in. */
export const aadstsMeanings: Record<string, [AppError['code'], string]> = {
  '90002': ['invalid_input', 'Tenant "{tenant}" was not found in this cloud: check the tenant ID and the cloud.'],
  '900023': ['invalid_input', 'Tenant "{tenant}" is not a valid tenant ID or domain.'],
  '700016': ['invalid_input', 'The app registration {client} was not found in tenant "{tenant}": check the client ID, or that the app lives in this tenant.'],
  '7000218': ['invalid_input', 'The app registration must allow public client flows (Authentication › "Allow public client flows": Yes).'],
  '50011': ['invalid_input', 'The app registration lacks the redirect URI http://localhost under "Mobile and desktop applications".'],
  '65001': ['forbidden', 'The app registration has no consent for the permission this needs: ask an admin to grant consent.'],
  '65004': ['forbidden', 'Consent was declined, so the permission this needs was not granted.'],
  '50173': ['unauthorized', 'Your sign-in was revoked (password change or sign-out everywhere): sign in again.'],
  '700082': ['unauthorized', 'Your sign-in expired after a period without use: sign in again.'],
  '50076': ['unauthorized', 'Your organisation requires multi-factor authentication: sign in again in the browser.'],
  '53003': ['forbidden', 'A Conditional Access policy blocked the sign-in from this device.'],
  '50126': ['unauthorized', 'The user name or password was wrong.'],
};

export interface MsalErrorContext {
  tenant: string;
  clientId: string;
}

export function fromMsalError(error: unknown, context: MsalErrorContext): AppError {
  if (error instanceof AppError) return error;
  if (!(error instanceof AuthError)) {
    const detail = error instanceof Error ? error.message : String(error);
    return new AppError('internal', 'Sign-in failed unexpectedly.', detail);
  }
  const detail = `${error.errorCode}${error.subError ? `/${error.subError}` : ''}: ${error.errorMessage}`;
  const aadsts = /AADSTS(\d+)/.exec(error.errorMessage)?.[1];
  const known = aadsts ? aadstsMeanings[aadsts] : undefined;
  if (known) return new AppError(known[0], known[1].replace('{tenant}', context.tenant).replace('{client}', context.clientId), detail);
  if (error.errorCode === 'access_denied' && /cancel/i.test(error.errorMessage)) return new AppError('cancelled', 'Sign-in was cancelled.', detail);
  if (error.errorCode === 'access_denied') return new AppError('forbidden', 'The sign-in was refused in the browser.', detail);
  if (error.subError === 'consent_required' || error.errorCode === 'consent_required') {
    return new AppError('forbidden', 'The app registration has no consent for the permission this needs: ask an admin to grant consent.', detail);
  }
  if (error instanceof InteractionRequiredAuthError) return new AppError('unauthorized', 'Your sign-in has expired or was revoked: sign in again.', detail);
  if (/network|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|timed out|certificate|self.signed/i.test(detail)) {
    return new AppError('unavailable', 'The sign-in service could not be reached: check the network and the cloud chosen for this tenant.', detail);
  }
  return new AppError('unauthorized', `Sign-in failed (${error.errorCode}).`, detail);
}
