// Diagnostics words for the technician: status, size, time left before Intune deletes a bundle.
import type { DiagnosticsStatus } from '../../../../electron/common/diagnostics.ts';

export const statusLabel: Record<DiagnosticsStatus, string> = {
  pending: 'Waiting for the device',
  completed: 'Uploaded',
  failed: 'Failed',
  unknown: 'Status unknown',
};

export function sizeLabel(kb: number | null): string {
  if (kb === null) return '—';
  return kb >= 1024 ? `${(kb / 1024).toFixed(1)} MB` : `${Math.round(kb)} KB`;
}

export function bytesLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** "m:ss" or "h:mm:ss" since an ISO time. */
export function elapsed(iso: string | null, now: number): string {
  if (!iso) return '';
  const s = Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** "expires in 27 days", "expires today", "expired". */
export function expiry(iso: string | null, now: number): string {
  if (!iso) return '';
  const days = Math.floor((Date.parse(iso) - now) / 86_400_000);
  if (days < 0) return 'expired';
  return days === 0 ? 'expires today' : `expires in ${days} day${days === 1 ? '' : 's'}`;
}

/** Why Collect diagnostics is not offered on this card, or null when it is. */
export function absentReason(intune: { os: string | null } | null): string | null {
  if (!intune) return 'Collect diagnostics works through Intune, and this device is not in Intune.';
  if (!/windows/i.test(intune.os ?? '')) return `Collect diagnostics from the card is for Windows devices; this one runs ${intune.os ?? 'an unknown system'}.`;
  return null;
}
