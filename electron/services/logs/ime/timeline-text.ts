// The IME timeline as plain text for `sdh logs ime` (the JSON form is the timeline itself).
import type { ImeTimeline } from '../../../common/logs-insight.ts';

const kindLabel = { win32app: 'app', script: 'script', remediation: 'remediation' } as const;

export function formatDuration(ms: number | null): string {
  if (ms === null) return '?';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function imeTimelineText(t: ImeTimeline): string {
  if (!t.rows.length) return 'No Win32 app, script or remediation runs found.\n';
  const lines = t.rows.map((r) => {
    const codes = r.errorCodes.map((c) => `\n    ${c.code} ${c.name}: ${c.meaning}`).join('');
    return `${r.start ?? '?'}  ${formatDuration(r.durationMs).padStart(9)}  ${r.outcome.padEnd(14)} ${kindLabel[r.kind]} ${r.name ? `${r.name} (${r.id})` : r.id}\n    ${r.result} — ${r.fileName}:${r.firstRecord}-${r.lastRecord}${codes}\n`;
  });
  const named = t.names.length;
  return `${lines.join('')}${t.rows.length} runs${t.omitted ? ` (${t.omitted} older ones left out)` : ''}; ${named} GUIDs named from the logs.\n`;
}
