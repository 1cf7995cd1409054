// Event logs store UTC; the viewer shows them in this machine's local time with the zone written out, and
// orders them by that wall clock, as every text log is ordered by the wall clock it was written in (so an
// event log merges in place with the IME logs of a device in the technician's zone).

let lastQuarter = NaN;
let lastOffset = 0;

/** Minutes east of UTC of the local zone at a UTC instant (cached per quarter hour: zones change on those). */
export function localOffsetMinutes(utcMs: number): number {
  const q = Math.floor(utcMs / 900_000);
  if (q !== lastQuarter) {
    const off = -new Date(utcMs).getTimezoneOffset();
    lastQuarter = q;
    lastOffset = Number.isFinite(off) ? off : 0;
  }
  return lastOffset;
}

/** The local wall clock of a UTC instant, as ms read as if UTC (NaN stays NaN). */
export function localWallMs(utcMs: number): number {
  return Number.isFinite(utcMs) ? utcMs + localOffsetMinutes(utcMs) * 60_000 : NaN;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** `2016-07-08 20:12:51.681 +02:00`: local time with its zone, or '' for an impossible instant. */
export function localStamp(utcMs: number): string {
  if (!Number.isFinite(utcMs) || Math.abs(utcMs) > 8.64e15) return '';
  const off = localOffsetMinutes(utcMs);
  const wall = new Date(utcMs + off * 60_000).toISOString();
  const a = Math.abs(off);
  return `${wall.slice(0, 10)} ${wall.slice(11, 23)} ${off < 0 ? '-' : '+'}${two(Math.floor(a / 60))}:${two(a % 60)}`;
}
