// CSV export of audit entries (RFC 4180 quoting; formulas neutralised for spreadsheet apps), newest first
// as queried, with the action, platform and result in words and the raw action id kept for scripts.
import { actionText, platformLabels, type AuditEntry, type DeviceState } from '../../common/jobs.ts';

const resultText: Record<AuditEntry['result'], string> = { succeeded: 'succeeded', failed: 'failed', confirmed: 'confirmed by the device', gaveUp: 'gave up waiting for the device' };

export function stateText(s: DeviceState | null | undefined): string {
  if (!s) return '';
  const parts: string[] = [];
  if (s.ws1UserMode) parts.push(`userMode=${s.ws1UserMode}`);
  if (s.primaryUser !== undefined) parts.push(`primaryUser=${s.primaryUser ? (s.primaryUser.upn ?? s.primaryUser.id) : '(none)'}`);
  return parts.join('; ');
}

/** Header → cell, in column order. */
const columns: [string, (e: AuditEntry) => string][] = [
  ['seq', (e) => String(e.seq)],
  ['at', (e) => e.at],
  ['technician', (e) => e.technician],
  ['tenant', (e) => e.tenant],
  ['platform', (e) => platformLabels[e.platform ?? (e.action.startsWith('ws1.') ? 'ws1' : 'intune')]],
  ['action', (e) => actionText(e.action)],
  ['device', (e) => e.deviceName],
  ['deviceKey', (e) => e.deviceKey],
  ['before', (e) => stateText(e.before)],
  ['after', (e) => stateText(e.after)],
  ['result', (e) => resultText[e.result]],
  ['reason', (e) => e.reason ?? ''],
  ['message', (e) => e.message ?? ''],
  ['job', (e) => e.jobId],
  ['requestId', (e) => e.requestId ?? ''],
  ['actionId', (e) => e.action],
  ['hash', (e) => e.hash],
];

export function csvCell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function auditToCsv(entries: Iterable<AuditEntry>): string {
  const lines = [columns.map(([h]) => h).join(',')];
  for (const e of entries) lines.push(columns.map(([, cell]) => csvCell(cell(e))).join(','));
  return lines.join('\r\n') + '\r\n';
}
