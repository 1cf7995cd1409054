// DeviceReassignment-YYYYMMDD.log: one Hub reassignment attempt per Windows sign-in, using exactly the
// line shapes of docs/reassignment-log.md (successful, retried and failed attempts).
import type { SerilogWriter } from './serilog.ts';

export type AttemptStory =
  | 'reassigned'
  | 'retried-then-reassigned'
  | 'already-assigned'
  | 'http-error-prompt-dismissed'
  | 'timeout-prompt-entered'
  | 'identifier-mismatch'
  | 'user-not-found'
  | 'checkout-restricted'
  | 'workgroup-prompt'
  | 'group-assignment-prompt';

export interface AttemptPeople {
  /** `DOMAIN\user` (or `HOST\user` on a workgroup device) signing in to Windows. */
  signIn: string;
  /** The signed-in user's UPN and UEM user id (null when UEM does not know the user). */
  upn: string;
  uemUserId: number | null;
  /** Entra object id of the signed-in user, sent when the identifier is ObjectGUID. */
  objectId: string;
  /** UPN of the enrolled user before the attempt. */
  currentEnrolled: string;
  joinType: string;
  session: number;
}

const ENDPOINT = '/deviceservices/multiuser/switchuser';
const RETRY_MS = 120_000;

/** Writes one attempt; returns the UPN enrolled afterwards. */
export function writeAttempt(w: SerilogWriter, story: AttemptStory, p: AttemptPeople, elapsedMs: number): string {
  w.line('INF', `User logon detected: ${p.signIn} (session ${p.session}). Starting device reassignment check.`, 0);
  w.line('INF', `Current enrolled user: ${p.currentEnrolled}`);
  if (story === 'already-assigned') {
    w.line('INF', 'Signed-in user is already the enrolled user; no reassignment needed.');
    return p.currentEnrolled;
  }
  const join = story === 'workgroup-prompt' ? 'Workgroup' : p.joinType;
  w.line('INF', `Device join type: ${join}`);
  const byGuid = story === 'identifier-mismatch';
  const attribute = byGuid ? 'ObjectGUID' : 'UserPrincipalName';
  const value = byGuid ? p.objectId : p.upn;
  const duration = `00:00:0${Math.floor(elapsedMs / 1000) % 10}.${String(elapsedMs % 1000).padStart(3, '0')}`;
  const success = () => {
    w.line('INF', `UEM user matched: ${p.upn} (UEM user id ${p.uemUserId})`, elapsedMs);
    w.line('INF', `Device reassigned to ${p.upn} (UEM user id ${p.uemUserId}) in ${duration}`);
    return p.upn;
  };
  const identifier = () => w.line('INF', `Unique identifier attribute: ${attribute}, value: ${value}`);
  const call = (n: number) => w.line('INF', `Calling user switch endpoint ${ENDPOINT} (attempt ${n} of 3)`);

  switch (story) {
    case 'group-assignment-prompt':
      w.line('WRN', "Group Assignment Mode is 'Prompt User for Organization Group'; silent reassignment is not possible");
      w.line('ERR', "Device reassignment failed: Group Assignment Mode 'Prompt User for Organization Group' requires the user to pick an organization group");
      return p.currentEnrolled;
    case 'workgroup-prompt':
      w.line('INF', 'Workgroup device: prompting user for credentials');
      w.line('INF', `User entered credentials for ${p.upn}`, 14_250);
      identifier();
      call(1);
      return success();
    case 'checkout-restricted':
      identifier();
      call(1);
      w.line('WRN', `User switch refused: user '${p.signIn}' is excluded by Multiuser checkout restrictions`, elapsedMs);
      w.line('ERR', 'Device reassignment failed: the signed-in user is excluded from checkout; the device stays with the enrolled user');
      return p.currentEnrolled;
    case 'reassigned':
      identifier();
      call(1);
      return success();
    case 'retried-then-reassigned':
      identifier();
      call(1);
      w.line('ERR', 'User switch failed: HTTP 503 Service Unavailable', elapsedMs);
      w.line('WRN', 'Reassignment attempt 1 of 3 failed; retrying in 120 seconds');
      w.clock += RETRY_MS;
      call(2);
      return success();
    default: {
      // Three silent attempts, then the credential prompt.
      identifier();
      const failure =
        story === 'http-error-prompt-dismissed'
          ? ['ERR', 'User switch failed: HTTP 500 Internal Server Error']
          : story === 'timeout-prompt-entered'
            ? ['ERR', 'User switch failed: request timed out']
            : ['ERR', `User switch failed: no UEM user found for ${attribute} '${value}' (HTTP 404)`];
      for (let n = 1; n <= 3; n++) {
        call(n);
        w.line('ERR', failure[1], story === 'timeout-prompt-entered' ? 30_000 : elapsedMs);
        if (n < 3) {
          w.line('WRN', `Reassignment attempt ${n} of 3 failed; retrying in 120 seconds`);
          w.clock += RETRY_MS;
        }
      }
      w.line('WRN', 'Silent reassignment failed after 3 attempts; prompting user for credentials');
      if (story === 'timeout-prompt-entered') {
        w.line('INF', `User entered credentials for ${p.upn}`, 21_400);
        call(1);
        return success();
      }
      if (story === 'http-error-prompt-dismissed' || story === 'identifier-mismatch') {
        w.line('WRN', 'Credential prompt dismissed by user', 48_000);
      } else {
        w.line('INF', `User entered credentials for ${p.upn}`, 19_800);
        w.line('ERR', `User switch failed: no UEM user found for ${attribute} '${value}' (HTTP 404)`, elapsedMs);
      }
      const reason =
        story === 'identifier-mismatch'
          ? `no UEM user matches ${attribute} '${value}'`
          : story === 'user-not-found'
            ? `user '${p.upn}' does not exist in Workspace ONE UEM`
            : 'the user switch endpoint kept failing and the credential prompt was dismissed';
      w.line('ERR', `Device reassignment failed: ${reason}`);
      return p.currentEnrolled;
    }
  }
}
