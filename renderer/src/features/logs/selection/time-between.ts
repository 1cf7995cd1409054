// CMTrace's status bar: the time between two selected records, as "2 min 14.250 s between 12:00:01.100
// and 12:02:15.350" with the times as the log writes them, or why it cannot be said.
import type { LogFileInfo, LogRecord } from '../../../../../electron/common/logs.ts';

type Timed = Pick<LogRecord, 'file' | 'position' | 'time' | 'timeMs'>;

/** "1 d 2 h 3 min 4.005 s", "14.250 s": the larger units only when there are some. */
export function formatSpan(ms: number): string {
  const total = Math.abs(ms);
  const days = Math.floor(total / 86_400_000);
  const hours = Math.floor((total % 86_400_000) / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const seconds = ((total % 60_000) / 1000).toFixed(3);
  const parts = [days && `${days} d`, (days || hours) && `${hours} h`, (days || hours || minutes) && `${minutes} min`, `${seconds} s`];
  return parts.filter(Boolean).join(' ');
}

const signed = (minutes: number): string => `${minutes > 0 ? '+' : minutes < 0 ? '−' : '±'}${Math.abs(minutes)} min`;

/** What the status bar says of two records; `names` are the files' short labels. */
export function timeBetween(a: Timed, b: Timed, files: readonly LogFileInfo[], names: readonly string[]): string {
  const untimed = [a, b].filter((r) => r.timeMs === null || !r.time);
  if (untimed.length) return `No time between these records: record ${untimed.map((r) => (r.position + 1).toLocaleString()).join(' and ')} ${untimed.length > 1 ? 'have' : 'has'} no time.`;
  const [first, last] = (a.timeMs as number) <= (b.timeMs as number) ? [a, b] : [b, a];
  let text = `${formatSpan((last.timeMs as number) - (first.timeMs as number))} between ${first.time} and ${last.time}`;
  const offA = files[first.file]?.offsetMinutes ?? 0;
  const offB = files[last.file]?.offsetMinutes ?? 0;
  if (first.file !== last.file && offA !== offB) text += ` (offsets applied: ${names[first.file]} ${signed(offA)}, ${names[last.file]} ${signed(offB)})`;
  else if (offA !== 0) text += ` (both times shifted ${signed(offA)})`;
  return text;
}
