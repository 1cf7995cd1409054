// Intelligent Hub logs of one WS1 device: DeviceReassignment-YYYYMMDD.log (for Multiuser devices) plus a
// few ordinary component logs, one of them Serilog compact JSON, as a collected bundle may hold.
import { Random } from '../random.ts';
import type { TenantData, Ws1Device, Ws1User } from '../model.ts';
import type { ScenarioId } from '../scenarios.ts';
import { fileDate, SerilogWriter } from './serilog.ts';
import { writeAttempt, type AttemptPeople, type AttemptStory } from './reassignment.ts';

export interface LogFile {
  name: string;
  text: string;
}

const HOUR = 3_600_000;

/** The attempt that explains each scenario; earlier sign-ins of the day go well. */
const finalAttempt: Partial<Record<ScenarioId, AttemptStory>> = {
  'ws1-enrolled-user-lags': 'http-error-prompt-dismissed',
  'identifier-mismatch': 'identifier-mismatch',
  'reassignment-user-not-found': 'user-not-found',
  'checkout-restricted': 'checkout-restricted',
  'workgroup-prompt': 'workgroup-prompt',
  'group-assignment-prompt': 'group-assignment-prompt',
};

export function hubLogs(data: TenantData, device: Ws1Device, people: PeopleIndex): LogFile[] {
  const r = new Random(device.id);
  const today = data.generatedAt - 2 * HOUR;
  const yesterday = today - 24 * HOUR;
  const files: LogFile[] = [];
  if (device.userMode === 'MultiUser') {
    const enrolled = data.ws1UsersById.get(device.enrolledUserId);
    const final = (device.scenario && finalAttempt[device.scenario]) ?? 'reassigned';
    const others = Array.from({ length: 3 }, () => r.pick(data.ws1Users.filter((u) => !u.staging).slice(0, 200)));
    const staged = !enrolled || enrolled.staging;
    // Yesterday: a normal shift pattern with a retried attempt (not for a device staged today).
    let current = staged ? (enrolled?.email ?? '') : others[0].email;
    if (!staged) {
      const day1 = new SerilogWriter(yesterday - 8 * HOUR);
      const plan1: [Ws1User, AttemptStory][] = [
        [others[1], 'reassigned'],
        [others[2], 'retried-then-reassigned'],
        [others[2], 'already-assigned'],
        [others[0], 'timeout-prompt-entered'],
      ];
      for (const [u, story] of plan1) {
        day1.clock += r.int(1, 3) * HOUR;
        current = writeAttempt(day1, story, people.forWs1User(u, current, device, r), r.int(800, 4200));
      }
      files.push({ name: `DeviceReassignment-${fileDate(yesterday)}.log`, text: day1.text() });
    }
    // Today: the device ends up with its enrolled user, then the scenario's attempt comes last.
    const day2 = new SerilogWriter(today - 5 * HOUR);
    if (!staged) {
      const before = final === 'reassigned' ? others[1] : enrolled;
      current = writeAttempt(day2, 'reassigned', people.forWs1User(before, current, device, r), r.int(800, 4200));
      day2.clock += 2 * HOUR;
    }
    let signIn = people.forSignIn(device.lastLoggedInUser, current, device, r);
    if (final === 'workgroup-prompt' && enrolled) signIn = { ...signIn, upn: enrolled.userPrincipalName, uemUserId: enrolled.id };
    if (final === 'reassigned' && signIn.upn === current) writeAttempt(day2, 'already-assigned', signIn, 0);
    else writeAttempt(day2, final, signIn, r.int(800, 4200));
    files.push({ name: `DeviceReassignment-${fileDate(today)}.log`, text: day2.text() });
  }
  files.push({ name: `TaskScheduler-${fileDate(today)}.log`, text: taskScheduler(today, r) });
  files.push({ name: `AWProcessCommands-${fileDate(today)}.log`, text: processCommands(today, device) });
  files.push({ name: `Workflow-${fileDate(today)}.log`, text: workflowJson(today) });
  return files;
}

function taskScheduler(start: number, r: Random): string {
  const w = new SerilogWriter(start - 6 * HOUR);
  for (let i = 0; i < 12; i++) {
    w.line('INF', 'Running scheduled task: Sample', 30 * 60_000);
    w.line('DBG', `Task Sample finished in ${r.int(120, 900)} ms`);
  }
  w.line('WRN', 'Task Interrogator skipped: previous run still in progress');
  w.line('ERR', 'Scheduled task AppDeploymentAgent failed');
  w.raw('System.Net.Http.HttpRequestException: No such host is known. (ds1380.awmdm.com:443)\r\n   at System.Net.Http.HttpConnectionPool.ConnectAsync(HttpRequestMessage request, Boolean async, CancellationToken cancellationToken)\r\n   at AirWatch.Agent.Scheduler.TaskRunner.RunAsync(ScheduledTask task)');
  w.line('INF', 'Running scheduled task: AppDeploymentAgent', 5 * 60_000);
  return w.text();
}

function processCommands(start: number, device: Ws1Device): string {
  const w = new SerilogWriter(start - 5 * HOUR);
  w.line('INF', 'Received command queue notification');
  w.line('INF', `Processing 2 commands for device ${device.udid}`);
  w.line('INF', 'Command DeviceQuery completed with status Acknowledged');
  w.line('INF', 'Command InstalledApplicationList completed with status Acknowledged');
  w.line('INF', `Device user mode reported: ${device.userMode}`);
  return w.text();
}

function workflowJson(start: number): string {
  const lines: string[] = [];
  let t = start - 4 * HOUR;
  const add = (level: string | null, template: string, props: Record<string, unknown>) => {
    t += 61_000;
    const rendered = template.replace(/\{(\w+)\}/g, (_, k: string) => String(props[k]));
    const rec: Record<string, unknown> = { '@t': new Date(t).toISOString(), '@mt': template, '@m': rendered, ...props };
    if (level) rec['@l'] = level;
    lines.push(JSON.stringify(rec));
  };
  add(null, 'Workflow {WorkflowName} started', { WorkflowName: 'Baseline apps' });
  add(null, 'Step {Step} of {Total} completed', { Step: 1, Total: 3 });
  add('Warning', 'Step {Step} waiting for network', { Step: 2 });
  add(null, 'Step {Step} of {Total} completed', { Step: 2, Total: 3 });
  add('Error', 'Step {Step} failed with exit code {ExitCode}', { Step: 3, ExitCode: 1603 });
  return lines.join('\n') + '\n';
}

/** Looks people up by UEM user or `DOMAIN\user`, built once per tenant. */
export class PeopleIndex {
  private readonly bySam = new Map<string, { upn: string; objectId: string }>();
  private readonly ws1ByUpn = new Map<string, Ws1User>();

  constructor(private readonly data: TenantData) {
    for (const u of data.users) if (u.onPremisesSamAccountName) this.bySam.set(u.onPremisesSamAccountName.toLowerCase(), { upn: u.userPrincipalName, objectId: u.id });
    for (const u of data.ws1Users) this.ws1ByUpn.set(u.userPrincipalName.toLowerCase(), u);
  }

  forWs1User(u: Ws1User, currentEnrolled: string, device: Ws1Device, r: Random): AttemptPeople {
    const entra = this.bySam.get(u.userName.toLowerCase());
    return { signIn: `${this.data.netbios}\\${u.userName}`, upn: u.userPrincipalName, uemUserId: u.id, objectId: entra?.objectId ?? u.externalId, currentEnrolled, joinType: device.joinType, session: r.int(1, 4) };
  }

  forSignIn(signIn: string | null, currentEnrolled: string, device: Ws1Device, r: Random): AttemptPeople {
    const sam = (signIn ?? '').split('\\').pop()?.toLowerCase() ?? '';
    const entra = this.bySam.get(sam);
    const upn = entra?.upn ?? `${sam}@${this.data.domain}`;
    const uem = this.ws1ByUpn.get(upn.toLowerCase());
    return { signIn: signIn ?? `${this.data.netbios}\\${sam}`, upn, uemUserId: uem?.id ?? null, objectId: entra?.objectId ?? '', currentEnrolled, joinType: device.joinType, session: r.int(1, 4) };
  }
}
