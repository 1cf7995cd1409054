// A Collect-diagnostics-style zip for one device: numbered folders of command outputs and log folders,
// plus results.xml. Folder names are modelled on Intune's bundle (unverified; the log viewer finds logs
// by pattern, not by path) and kept in `bundleFolders` so they can be corrected in one place.
import type { IntuneDevice, TenantData, Ws1Device } from '../model.ts';
import { writeZip, type ZipEntry } from './zip.ts';
import { hubLogs, PeopleIndex, type LogFile } from './hub.ts';
import { imeLogs } from './ime.ts';
import { demoEventLogs } from './event-logs.ts';

export const bundleFolders = {
  imeRegistry: '(01) HKLM SOFTWARE Microsoft IntuneManagementExtension',
  dsregcmd: '(29) dsregcmd.exe status',
  ipconfig: '(30) ipconfig.exe all',
  eventLogs: '(40) Windows event logs',
  imeLogs: '(61) ProgramData Microsoft IntuneManagementExtension Logs',
  hubLogs: '(62) ProgramData AirWatch UnifiedAgent Logs',
} as const;

export interface DeviceRecords {
  intune?: IntuneDevice;
  ws1?: Ws1Device;
}

/** Finds a device's records on both platforms by name, serial, Graph id, WS1 uuid or WS1 id. */
export function findDevice(data: TenantData, key: string): DeviceRecords | null {
  const k = key.toLowerCase();
  const intune = data.intuneById.get(key) ?? data.intuneDevices.find((d) => d.deviceName.toLowerCase() === k || (d.serialNumber !== '' && d.serialNumber.toLowerCase() === k));
  const ws1 =
    data.ws1ByUuid.get(k) ??
    (/^\d+$/.test(key) ? data.ws1ById.get(Number(key)) : undefined) ??
    data.ws1Devices.find((d) => d.reportedName.toLowerCase() === k || (d.serialNumber !== '' && d.serialNumber.toLowerCase() === k) || (intune !== undefined && intune.serialNumber !== '' && d.serialNumber === intune.serialNumber));
  const intuneToo = intune ?? (ws1 && ws1.serialNumber ? data.intuneDevices.find((d) => d.serialNumber === ws1.serialNumber) : undefined);
  if (!intuneToo && !ws1) return null;
  return { intune: intuneToo, ws1 };
}

export class DiagnosticsBundler {
  private people: PeopleIndex | null = null;

  constructor(private readonly data: TenantData) {}

  files(device: DeviceRecords): { folder: string; file: LogFile }[] {
    const out: { folder: string; file: LogFile }[] = [];
    const name = device.intune?.deviceName ?? device.ws1?.reportedName ?? 'DEVICE';
    if (device.intune) {
      out.push({ folder: bundleFolders.imeRegistry, file: { name: 'export.reg', text: registryExport(device.intune) } });
    }
    out.push({ folder: bundleFolders.dsregcmd, file: { name: 'output.log', text: dsregcmd(name, device) } });
    out.push({ folder: bundleFolders.ipconfig, file: { name: 'output.log', text: ipconfig(name) } });
    if (device.intune) for (const f of imeLogs(this.data, device.intune)) out.push({ folder: bundleFolders.imeLogs, file: f });
    if (device.ws1) {
      this.people ??= new PeopleIndex(this.data);
      for (const f of hubLogs(this.data, device.ws1, this.people)) out.push({ folder: bundleFolders.hubLogs, file: f });
    }
    return out;
  }

  zip(device: DeviceRecords): Buffer {
    const files = this.files(device);
    const entries: ZipEntry[] = files.map(({ folder, file }) => ({ name: `${folder}/${file.name}`, data: Buffer.from(file.text, 'utf8') }));
    const folders = files.map((f) => f.folder);
    if (device.intune) {
      for (const e of demoEventLogs()) entries.push({ name: `${bundleFolders.eventLogs}/${e.name}`, data: e.data });
      folders.push(bundleFolders.eventLogs);
    }
    entries.push({ name: 'results.xml', data: Buffer.from(resultsXml(folders)) });
    return writeZip(entries, new Date(this.data.generatedAt));
  }
}

function resultsXml(folders: string[]): string {
  const unique = [...new Set(folders)];
  const items = unique.map((f) => `  <Collection Folder="${f.replace(/&/g, '&amp;')}" HResult="0" />`).join('\r\n');
  return `<?xml version="1.0" encoding="utf-8"?>\r\n<Collection>\r\n${items}\r\n</Collection>\r\n`;
}

function registryExport(d: IntuneDevice): string {
  return [
    'Windows Registry Editor Version 5.00',
    '',
    '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\IntuneManagementExtension]',
    '"Version"="1.99.101.0"',
    `"DeviceId"="${d.id}"`,
    '',
  ].join('\r\n');
}

/** The demo tenant's id in dsregcmd output (made up, like every demo value). */
const DEMO_TENANT_ID = '0d2c7a6e-5b1f-4c3e-9a8d-7e6f5a4b3c2d';

/** `dsregcmd /status` as Windows prints it (sections from Microsoft Learn's dsregcmd troubleshooting page). */
function dsregcmd(name: string, device: DeviceRecords): string {
  const join = device.intune?.joinType ?? (device.ws1?.joinType === 'AzureADJoined' ? 'azureADJoined' : device.ws1?.joinType === 'HybridAzureADJoined' ? 'hybridAzureADJoined' : device.ws1?.joinType === 'DomainJoined' ? 'domain' : 'workgroup');
  const yes = (b: boolean) => (b ? 'YES' : 'NO ');
  const entra = join === 'azureADJoined' || join === 'hybridAzureADJoined';
  const domain = join === 'hybridAzureADJoined' || join === 'domain';
  const border = '+----------------------------------------------------------------------+';
  const section = (title: string, rows: [string, string][]): string[] => [border, `| ${title.padEnd(69)}|`, border, '', ...rows.map(([k, v]) => `${k.padStart(30)} : ${v}`), ''];
  // The user's PRT is renewed at sign-in: the device's last check-in stands for it.
  const synced = device.intune?.lastSyncDateTime ?? '';
  const prtTime = synced ? `${synced.slice(0, 10)} ${synced.slice(11, 19)}.000 UTC` : '';
  return [
    '',
    ...section('Device State', [
      ['AzureAdJoined', yes(entra)],
      ['EnterpriseJoined', 'NO '],
      ['DomainJoined', yes(domain)],
      ...(domain ? [['DomainName', 'CONTOSO'] as [string, string]] : []),
      ['Device Name', name],
    ]),
    ...section('Device Details', entra ? [['DeviceId', device.intune?.azureADDeviceId ?? ''], ['TpmProtected', 'YES'], ['DeviceAuthStatus', 'SUCCESS']] : []),
    ...section('Tenant Details', entra ? [['TenantName', 'Contoso'], ['TenantId', DEMO_TENANT_ID], ['MdmUrl', 'https://enrollment.manage.microsoft.com/enrollmentserver/discovery.svc']] : []),
    ...section('User State', [['NgcSet', 'NO '], ['WorkplaceJoined', yes(join === 'azureADRegistered')], ['WamDefaultSet', yes(entra)]]),
    ...section('SSO State', [['AzureAdPrt', yes(entra && prtTime !== '')], ...(entra && prtTime ? [['AzureAdPrtUpdateTime', prtTime] as [string, string]] : []), ['EnterprisePrt', 'NO ']]),
  ].join('\r\n');
}

function ipconfig(name: string): string {
  return ['', 'Windows IP Configuration', '', `   Host Name . . . . . . . . . . . . : ${name}`, '   Primary Dns Suffix  . . . . . . . : contoso.com', '   Node Type . . . . . . . . . . . . : Hybrid', ''].join('\r\n');
}
