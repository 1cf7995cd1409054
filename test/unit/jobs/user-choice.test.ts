// The preview's source line for an automatic user choice, the never-choose patterns of a tenant profile,
// and the sign-in logs asked for once when the tenant refuses them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../../electron/common/errors.ts';
import { validateProfileDraft } from '../../../electron/common/profiles.ts';
import { chooseDeviceUsers, choiceText } from '../../../electron/services/graph/device-users.ts';
import { chooseUsersForPlan, refusedOnce } from '../../../electron/services/jobs/user-choice.ts';
import type { TargetResolution } from '../../../electron/common/jobs.ts';

const now = Date.parse('2026-12-02T08:00:00Z');
const at = (daysAgo: number) => new Date(now - daysAgo * 86_400_000).toISOString();
const signIn = (upn: string, daysAgo: number, errorCode = 0) => ({ userPrincipalName: upn, userId: `id-${upn}`, createdDateTime: at(daysAgo), appDisplayName: 'Windows Sign In', status: { errorCode } });

test('the source line: sign-in counts, the usersLoggedOn fallback with its reason, and no candidate', async () => {
  const rows = [...Array.from({ length: 14 }, (_, i) => signIn('anna.berg@contoso.com', i)), ...Array.from({ length: 5 }, (_, i) => signIn('dem.lab01@contoso.com', i)), signIn('anna.berg@contoso.com', 1, 50126)];
  const input = { azureAdDeviceId: 'dev-1', loggedOnUsers: [{ id: 'id-ben', upn: 'ben.ode@contoso.com', lastSignIn: at(2) }], enrollmentAccounts: ['dem.lab01@contoso.com'] };
  const logs = await chooseDeviceUsers({ windowsSignIns: async () => rows }, input, { days: 30, now });
  assert.equal(choiceText(logs, 'mostFrequent'), 'Windows sign-ins over 30 days: anna.berg 14 of 19 (not chosen: dem.lab01, enrollment account)');
  assert.equal(choiceText(logs, 'last'), `Windows sign-ins over 30 days: anna.berg last, on ${at(0).slice(0, 10)} (not chosen: dem.lab01, enrollment account)`);

  const premium = new AppError('forbidden', 'no', '403 Authentication_RequestFromNonPremiumTenantOrB2CTenant');
  const fallback = await chooseDeviceUsers({ windowsSignIns: async () => Promise.reject(premium) }, input, { days: 30, now });
  assert.equal(choiceText(fallback, 'last'), 'usersLoggedOn — sign-in logs need Entra ID P1: ben.ode');

  const onlyDem = await chooseDeviceUsers({ windowsSignIns: async () => rows.filter((r) => r.userPrincipalName.startsWith('dem.')) }, input, { days: 30, now });
  assert.equal(onlyDem.mostFrequent, null);
  assert.equal(choiceText(onlyDem, 'mostFrequent'), 'no candidate: only enrollment accounts signed in (dem.lab01)');
});

test('a refusal for good (403) is asked once per plan, not once per device, even with devices read in parallel', async () => {
  let calls = 0;
  const reader = refusedOnce({
    windowsSignIns: async () => {
      calls++;
      throw new AppError('forbidden', 'no P1', 'Authentication_RequestFromNonPremiumTenantOrB2CTenant');
    },
  });
  for (let i = 0; i < 3; i++) await assert.rejects(reader.windowsSignIns('d', at(30)));
  assert.equal(calls, 1);

  const target = (key: string, upn: string) => ({ key, name: key, intune: { id: key, joinType: 'azureADJoined', operatingSystem: 'Windows', primaryUser: null, azureAdDeviceId: `aad-${key}`, signIns: [{ id: `id-${upn}`, upn, at: at(1) }] } });
  const resolutions: TargetResolution[] = [{ input: 'A', matches: [target('A', 'anna.berg@contoso.com')] }, { input: 'B', matches: [target('B', 'ben.ode@contoso.com')] }, { input: 'A again', matches: [target('A', 'anna.berg@contoso.com')] }];
  let asked = 0;
  const planned = await chooseUsersForPlan(resolutions, { kind: 'lastSignedIn' }, {
    reader: { windowsSignIns: async () => (asked++, Promise.reject(new AppError('forbidden', 'no', 'Authentication_RequestFromNonPremiumTenantOrB2CTenant'))) },
    now,
  });
  assert.equal(asked, 1, 'one refusal for the whole plan');
  assert.deepEqual(planned.map((r) => r.matches[0].intune?.userChoice?.text), ['usersLoggedOn — sign-in logs need Entra ID P1: anna.berg', 'usersLoggedOn — sign-in logs need Entra ID P1: ben.ode', 'usersLoggedOn — sign-in logs need Entra ID P1: anna.berg']);
});

test('never-choose patterns on the tenant profile: wildcards kept lower case, regular expressions and spaces refused', () => {
  const draft = { kind: 'intune' as const, name: 'Contoso', tenant: 'contoso.onmicrosoft.com', clientId: '00000000-0000-0000-0000-000000000001' };
  const ok = validateProfileDraft({ ...draft, neverChoose: 'SVC-*\n*kiosk*, dem.*@contoso.com\nsvc-*' });
  assert.ok(ok.ok);
  assert.deepEqual(ok.ok && ok.profile.neverChoose, ['svc-*', '*kiosk*', 'dem.*@contoso.com']);
  const none = validateProfileDraft({ ...draft, neverChoose: '  ' });
  assert.ok(none.ok && none.profile.neverChoose === undefined);
  for (const bad of ['svc-(a|b)', 'kiosk user', '^svc.+$', '***']) {
    const r = validateProfileDraft({ ...draft, neverChoose: bad });
    assert.ok(!r.ok && r.problems.some((p) => p.field === 'neverChoose' && /is not a pattern/.test(p.message)), bad);
  }
});
