// The reassignment explainer over the documented lines (docs/reassignment-log.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReassignmentExplainer } from '../../../electron/services/logs/reassignment/explain.ts';
import { matchStep } from '../../../electron/services/logs/reassignment/patterns.ts';
import { parseFields } from '../../../electron/services/logs/formats/fields.ts';
import { reassignmentLog } from './reassignment-sample.ts';

function explain(text: string): ReturnType<ReassignmentExplainer['done']> {
  const ex = new ReassignmentExplainer('DeviceReassignment-20261120.log');
  text.split('\r\n').filter(Boolean).forEach((line, index) => {
    const f = parseFields('serilog-text', line);
    ex.add({ index, time: f.time, timeMs: f.timeMs, message: f.message });
  });
  return ex.done();
}

test('every example line of docs/reassignment-log.md is recognised', () => {
  const examples: [string, string][] = [
    ['User logon detected: CONTOSO\\anna.berg (session 2). Starting device reassignment check.', 'trigger'],
    ['Current enrolled user: lab.staging@contoso.com', 'current'],
    ['Signed-in user is already the enrolled user; no reassignment needed.', 'already'],
    ['Device join type: HybridAzureADJoined', 'join'],
    ['Unique identifier attribute: sAMAccountName, value: anna.berg', 'identifier'],
    ['Calling user switch endpoint /deviceservices/multiuser/switchuser (attempt 1 of 3)', 'call'],
    ['UEM user matched: anna.berg@contoso.com (UEM user id 10422)', 'matched'],
    ["User switch failed: no UEM user found for UserPrincipalName 'anna.berg@contoso.com' (HTTP 404)", 'notFound'],
    ["User switch refused: user 'CONTOSO\\helpdesk.tech' is excluded by Multiuser checkout restrictions", 'restricted'],
    ["Group Assignment Mode is 'Prompt User for Organization Group'; silent reassignment is not possible", 'groupMode'],
    ['User switch failed: HTTP 500 Internal Server Error', 'httpError'],
    ['User switch failed: request timed out', 'timeout'],
    ['Reassignment attempt 1 of 3 failed; retrying in 120 seconds', 'retryWait'],
    ['Silent reassignment failed after 3 attempts; prompting user for credentials', 'prompt'],
    ['Workgroup device: prompting user for credentials', 'workgroup'],
    ['User entered credentials for anna.berg@contoso.com', 'promptEntered'],
    ['Credential prompt dismissed by user', 'promptDismissed'],
    ['Device reassigned to anna.berg@contoso.com (UEM user id 10422) in 00:00:02.341', 'success'],
    ['Device reassignment failed: user not found', 'failure'],
  ];
  for (const [line, kind] of examples) assert.equal(matchStep(line)?.kind, kind, line);
  assert.equal(matchStep('Something else entirely'), null);
});

test('attempts, retries, outcomes and verdicts', () => {
  const a = explain(reassignmentLog);
  assert.equal(a.length, 4);
  assert.deepEqual(
    a.map((x) => [x.windowsUser, x.outcome, x.reason, x.retries]),
    [
      ['CONTOSO\\anna.berg', 'reassigned', 'reassigned', 0],
      ['CONTOSO\\bob.k', 'failed', 'identifier_mismatch', 3],
      ['CONTOSO\\helpdesk.tech', 'failed', 'checkout_restricted', 0],
      ['CONTOSO\\carl', 'unknown', 'unknown', 0],
    ],
  );
  assert.deepEqual(a[0].identifier, { attribute: 'UserPrincipalName', value: 'anna.berg@contoso.com' });
  assert.equal(a[0].durationMs, 2341);
  assert.equal(a[0].unrecognised, 1, 'an unknown line never breaks an attempt');
  assert.equal(a[0].start, '2026-11-20 08:00:00.000 +01:00');
  assert.equal(a[1].prompted, true);
  assert.match(a[1].verdict, /does not match the attribute synced to UEM/);
  assert.equal(a[1].durationMs, (6 * 60 + 30.1) * 1000);
});

test('user not found versus identifier mismatch, group mode, workgroup prompt, already assigned', () => {
  const line = (m: string, t = '08:00:00.000'): string => `2026-11-20 ${t} +01:00 [INF] ${m}`;
  const log = [
    line('User logon detected: CONTOSO\\anna.berg (session 2).'),
    line('Unique identifier attribute: UserPrincipalName, value: anna.berg@contoso.com'),
    line("User switch failed: no UEM user found for UserPrincipalName 'anna.berg@contoso.com' (HTTP 404)"),
    line('Device reassignment failed: user not found'),
    line('User logon detected: CONTOSO\\dora (session 2).'),
    line("Group Assignment Mode is 'Prompt User for Organization Group'; silent reassignment is not possible"),
    line('User logon detected: WS01\\eve (session 2).'),
    line('Workgroup device: prompting user for credentials'),
    line('User entered credentials for eve@contoso.com'),
    line('Device reassigned to eve@contoso.com (UEM user id 7)'),
    line('User logon detected: CONTOSO\\fred (session 2).'),
    line('Signed-in user is already the enrolled user; no reassignment needed.'),
  ].join('\r\n');
  assert.deepEqual(
    explain(log).map((x) => [x.outcome, x.reason]),
    [
      ['failed', 'user_not_found'],
      ['failed', 'group_assignment_prompt'],
      ['reassigned', 'reassigned'],
      ['already_assigned', 'already_assigned'],
    ],
  );
});

test('the documented variants are recognised too', () => {
  const variants: [string, string][] = [
    ['User login detected: CONTOSO\\anna.berg', 'trigger'],
    ['Currently enrolled user: lab.staging@contoso.com', 'current'],
    ['Calling user-switch endpoint /deviceservices/multiuser/switchuser', 'call'],
    ["User switch failed: no enrollment user was found for Email 'anna@contoso.com'", 'notFound'],
    ['User CONTOSO\\admin is excluded from checkout', 'restricted'],
    ['Group Assignment Mode: Prompt User for Organisation Group', 'groupMode'],
    ['Credential prompt was cancelled', 'promptDismissed'],
    ['Device was reassigned to anna@contoso.com', 'success'],
  ];
  for (const [line, kind] of variants) assert.equal(matchStep(line)?.kind, kind, line);
});
