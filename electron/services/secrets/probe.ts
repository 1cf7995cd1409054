// Is the OS keychain usable? A locked or missing keyring answers reads with "nothing saved" (null), so
// only a write / read-back / delete of a marker tells, and it runs under a timeout because a write can
// hang on an unlock prompt.
import { randomBytes } from 'node:crypto';
import type { KeychainProblem } from './secret-store.ts';
import { TimeoutError, withTimeout, type KeytarLike } from './keytar-store.ts';

export const probeAccount = 'availability-probe';

export type ProbeResult = { usable: true; millis: number } | { usable: false; millis: number; problem: KeychainProblem };

/** Known libsecret / D-Bus / OS failures and what they mean (platform.md); anything else is "failed". */
const explanations: Array<{ match: RegExp; code: KeychainProblem['code']; message: string }> = [
  { match: /autolaunch D-Bus|Could not connect|DBUS_SESSION_BUS_ADDRESS|connection refused|Failed to connect to socket/i, code: 'no-dbus', message: 'There is no desktop session bus (D-Bus), so the OS keychain cannot be reached.' },
  { match: /org\.freedesktop\.secrets was not provided|ServiceUnknown|No such secret service/i, code: 'no-secret-service', message: 'No keychain service (Secret Service, e.g. GNOME Keyring or KWallet) is running.' },
  { match: /locked collection|is locked|prompt.*dismissed|cancel|User interaction is not allowed/i, code: 'locked', message: 'The OS keychain is locked; unlock it (or sign in to the desktop again) so secrets can be saved.' },
  { match: /does not exist at path|No such object|collection\/login/i, code: 'no-collection', message: 'The OS keychain has no default (login) keyring to save into; create or unlock one.' },
];

export function explainKeychainError(error: unknown): KeychainProblem {
  const detail = error instanceof Error ? error.message : String(error);
  if (error instanceof TimeoutError) return { code: 'timeout', message: 'The OS keychain did not answer in time; it is probably locked and waiting for a password prompt.', detail };
  const known = explanations.find((e) => e.match.test(detail));
  return known ? { code: known.code, message: known.message, detail } : { code: 'failed', message: `The OS keychain failed: ${detail}`, detail };
}

export interface ProbeOptions {
  service: string;
  /** Per step; the whole probe takes at most three of these. */
  timeoutMs?: number;
  now?: () => number;
}

export async function probeKeychain(keytar: KeytarLike, options: ProbeOptions): Promise<ProbeResult> {
  const now = options.now ?? Date.now;
  const started = now();
  const timeoutMs = options.timeoutMs ?? 3000;
  const marker = `probe-${randomBytes(8).toString('hex')}`;
  const step = <T>(work: Promise<T>, what: string) => withTimeout(work, timeoutMs, what);
  try {
    await step(keytar.setPassword(options.service, probeAccount, marker), 'keychain write');
    const back = await step(keytar.getPassword(options.service, probeAccount), 'keychain read');
    await step(keytar.deletePassword(options.service, probeAccount), 'keychain delete');
    if (back !== marker) {
      return {
        usable: false,
        millis: now() - started,
        problem: { code: 'reads-empty', message: 'The OS keychain accepted a secret but gave back nothing; it is probably locked, so it cannot be trusted to keep secrets.', detail: `read back ${back === null ? 'null' : 'a different value'}` },
      };
    }
    return { usable: true, millis: now() - started };
  } catch (e) {
    return { usable: false, millis: now() - started, problem: explainKeychainError(e) };
  }
}
