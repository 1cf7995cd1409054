// CSV export of audit entries (RFC 4180 quoting; formulas neutralised for spreadsheet apps).
import type { AuditEntry, DeviceState } from '../../common/jobs.ts';

const columns = ['seq', 'at', 'technician', 'tenant', 'jobId', 'deviceKey', 'deviceName', 'action', 'before', 'after', 'result', 'message', 'requestId', 'prevHash', 'hash'] as const;

export function stateText(s: DeviceState | null | undefined): string {
  if (!s) return '';
  const parts: string[] = [];
  if (s.ws1UserMode) parts.push(`userMode=${s.ws1UserMode}`);
  if (s.primaryUser !== undefined) parts.push(`primaryUser=${s.primaryUser ? (s.primaryUser.upn ?? s.primaryUser.id) : '(none)'}`);
  return parts.join('; ');
}

export function csvCell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function auditToCsv(entries: Iterable<AuditEntry>): string {
  const lines = [columns.join(',')];
  for (const e of entries) {
    lines.push(
      columns
        .map((c) => (c === 'before' || c === 'after' ? stateText(e[c]) : String(e[c] ?? '')))
        .map(csvCell)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
