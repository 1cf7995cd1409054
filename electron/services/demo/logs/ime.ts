// Intune Management Extension logs in CMTrace format, modelled on records sampled from real IME logs
// (test/fixtures/ime-real): UTF-8 with BOM, CRLF, some multi-line records, a few warnings/errors.
import { Random } from '../random.ts';
import type { IntuneDevice, TenantData } from '../model.ts';
import { localParts } from './serilog.ts';
import type { LogFile } from './hub.ts';

const HOUR = 3_600_000;
const BOM = '\uFEFF';

/** Apps the demo tenant deploys; ids are fixed so logs of different devices line up. */
const apps = [
  { id: '05d1ca79-1a9f-4d94-b9a2-6e8b279c5701', name: 'Microsoft Visual C++ v14 Redistributable x86 14.50.35719.0' },
  { id: '087d41ab-40fb-43b9-9e9e-023ff4715398', name: 'Company Portal' },
  { id: '9f822931-c175-4590-b0db-555995e7ae2c', name: 'Remote Assist' },
  { id: 'c76b2676-8402-47ef-abee-4b1468f966fd', name: 'Ward Kiosk Browser 4.2' },
] as const;

class CmTrace {
  private readonly records: string[] = [];

  constructor(
    public clock: number,
    private readonly component: string,
    private readonly r: Random,
  ) {}

  add(message: string, type: 1 | 2 | 3 = 1, thread = 24, stepMs = 2): this {
    this.clock += stepMs;
    const p = localParts(this.clock);
    const frac = String(p.ms * 10_000 + this.r.int(0, 9_999)).padStart(7, '0');
    const time = `${String(p.h).padStart(2, '0')}:${String(p.mi).padStart(2, '0')}:${String(p.s).padStart(2, '0')}.${frac}`;
    this.records.push(`<![LOG[${message}]LOG]!><time="${time}" date="${p.mo}-${p.d}-${p.y}" component="${this.component}" context="" type="${type}" thread="${thread}" file="">`);
    return this;
  }

  text(): string {
    return BOM + this.records.join('\r\n') + '\r\n';
  }
}

function sidOf(guid: string): string {
  const h = guid.replace(/-/g, '');
  const part = (i: number) => parseInt(h.slice(i, i + 8).match(/../g)!.reverse().join(''), 16);
  return `S-1-12-1-${part(0)}-${part(8)}-${part(16)}-${part(24)}`;
}

export function imeLogs(data: TenantData, device: IntuneDevice): LogFile[] {
  const r = new Random(parseInt(device.id.slice(0, 8), 16));
  const userId = device.usersLoggedOn[0]?.userId ?? device.userId ?? '';
  const user = data.usersById.get(userId);
  const sid = userId ? sidOf(userId) : '';
  const start = data.generatedAt - 10 * HOUR;
  const account = user ? `AzureAD\\${user.givenName}${user.surname}`.replace(/\s/g, '') : '';

  const ime = new CmTrace(start, 'IntuneManagementExtension', r);
  const work = new CmTrace(start, 'AppWorkload', r);
  const exec = new CmTrace(start, 'AgentExecutor', r);
  for (let cycle = 0; cycle < 8; cycle++) {
    const t = start + cycle * 65 * 60_000 + r.int(0, 90_000);
    ime.clock = t;
    ime.add('[Win32App] ----------------------------------------------------- application poller starts. ----------------------------------------------------- ', 2, 24);
    ime.add(`[Win32App] isDeviceWPJ = ${device.joinType === 'azureADRegistered' ? 'True' : 'False'}`);
    ime.add('[Win32App][EspHelper][CheckEspPhase] Both pages are skipped, return ESP phase as NotInESP.', 2);
    ime.add(`[Win32App] Got ${userId ? 1 : 0} active user sessions`);
    if (userId) ime.add(`[Win32App] loggedInIntuneUserIds = ${userId}`);
    else ime.add('[Win32App] No active user session, processing device context only');
    ime.add(`[Win32App] Set MdmDeviceCertificate : ${r.hex(40).toUpperCase()}`);
    ime.add('[Win32App] ----------------------------------------------------- application poller stopped. ----------------------------------------------------- ', 2, 24, 4_000);

    work.clock = t + 500;
    work.add('[Win32App][CheckinIntervalManager] SetTimerInterval. shouldUpdateTimer: True, intervalForTimer: 3900000', 1, 77);
    if (sid) work.add(`[Win32App] WindowsSID : ${sid}`, 1, 77);
    work.add('[Win32App] Not in ESP processing. EspPhase: NotInEsp, sender: ', 1, 77);
    work.add(`[Win32App][V3Processor] Processing ${apps.length} subgraphs.`, 1, 77);
    if (userId) work.add(`[Win32App] ..................... Processing user session 1, userId: ${userId}, userSID: ${sid} ..................... `, 2, 77);
    for (const app of apps) {
      work.add(`[Win32App][V3Processor] Processing subgraph with app ids: ${app.id}`, 1, 77);
      work.add(`[Win32App][DetectionActionHandler] Detection running for policy with id: ${app.id}.`, 1, 77);
      work.add('[Win32App] Found native machine from WoW64 process: 34404', 3, 24);
      work.add('[Win32App] Checked Powershell script result: Detected\r\n\r\n', 1, 77, 1_200);
      work.add(`[Win32App][DetectionActionHandler] Detection for policy with id: ${app.id} resulted in action status: Success and detection state: Detected.`, 1, 77);
      if (app.name.startsWith('Ward') && cycle === 5) {
        work.add(`[Win32App][ApplicabilityActionHandler] Applicability check for policy with id: ${app.id} resulted in action status: Success and applicability state: ScriptRequirementRuleNotMet.`, 2, 77);
      }
    }
    if (userId) work.add(`[Win32App] ..................... Completed user session 1, userId: ${userId}, userSID: ${sid} ..................... `, 2, 77);
    work.add(`[Win32App][V3Processor] Done processing ${apps.length} subgraphs.`, 1, 77);

    if (cycle % 3 === 0) {
      exec.clock = t + 20_000;
      exec.add('ExecutorLog AgentExecutor gets invoked', 1, 1);
      if (account) exec.add(`Adding argument proxy with value ${account} to the named argument list.`, 1, 1);
      exec.add('remediation script option gets invoked', 1, 1);
      exec.add('Prepare to run Powershell Script ..', 1, 1);
      exec.add('Powershell exit code is 0', 1, 1, 900);
      exec.add('lenth of out=2', 1, 1);
      exec.add('lenth of error=0', 1, 1);
    }
  }
  return [
    { name: 'IntuneManagementExtension.log', text: ime.text() },
    { name: 'AppWorkload.log', text: work.text() },
    { name: 'AgentExecutor.log', text: exec.text() },
  ];
}
