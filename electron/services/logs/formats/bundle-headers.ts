// Record starts of the other text files of a diagnostics bundle: Windows Update's ReportingEvents.log,
// bracketed ctime stamps with a pid, lines whose stamp style changes from line to line, and the sections
// of `dsregcmd /status`. Byte-level like header.ts; the last two carry state from line to line in the
// scanner's Header (`carry`), so a time-only line takes the date of the last full stamp.
import { MONTHS, civilSeconds, digits } from './time.ts';
import { Lvl, isoStamp, usStamp, wordLevel, type HeaderParser } from './header.ts';

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHex = (c: number): boolean => isDigit(c) || ((c | 32) >= 97 && (c | 32) <= 102);

/** Month 1–12 from three letters at `p` (any case), or 0. */
export function monthAt(b: Uint8Array, p: number): number {
  const key = String.fromCharCode(b[p] | 32, b[p + 1] | 32, b[p + 2] | 32);
  return MONTHS.indexOf(key) + 1;
}

/** `HH:MM:SS` at `p` as seconds of the day, or -1. */
function clock(b: Uint8Array, p: number): number {
  if (b[p + 2] !== 58 || b[p + 5] !== 58) return -1;
  const h = digits(b, p, 2), mi = digits(b, p + 3, 2), s = digits(b, p + 6, 2);
  return h < 0 || mi < 0 || s < 0 || h > 23 || mi > 59 || s > 60 ? -1 : h * 3600 + mi * 60 + s;
}

/** `{8-4-4-4-12}` at `p`: returns the index after `}` or -1. */
function guidEnd(b: Uint8Array, p: number, e: number): number {
  if (e - p < 38 || b[p] !== 123 || b[p + 37] !== 125) return -1;
  for (let i = 1; i < 37; i++) {
    const c = b[p + i];
    if (i === 9 || i === 14 || i === 19 || i === 24 ? c !== 45 : !isHex(c)) return -1;
  }
  return p + 38;
}

/**
 * ReportingEvents.log: `{record GUID}<TAB>2017-12-13 10:37:22:371+0900<TAB>1<TAB>147 [AGENT_…]<TAB>101<TAB>
 * {update GUID}<TAB>0<TAB>HRESULT<TAB>client<TAB>Success|Failure<TAB>category<TAB>message`. Failure is an error.
 */
export const reportingEventsHeader: HeaderParser = (b, p, e, out) => {
  let q = p;
  while (q < e && b[q] === 32) q++;
  q = guidEnd(b, q, e);
  if (q < 0 || b[q] !== 9 || isoStamp(b, q + 1, e, out) < 0) return false;
  // The result is the tenth field.
  let tabs = 1;
  for (q++; q < e && tabs < 9; q++) if (b[q] === 9) tabs++;
  const c = tabs === 9 ? b[q] | 32 : 0;
  out.level = c === 102 ? Lvl.Error : Lvl.Info; // "Failure"
  return true;
};

/** `[Thu Jul 30 13:05:01 2026][8604] - message`: the day-of-month may be space-padded. */
export const ctimeHeader: HeaderParser = (b, p, e, out) => {
  if (e - p < 30 || b[p] !== 91 || b[p + 4] !== 32 || b[p + 8] !== 32 || b[p + 11] !== 32) return false;
  const mo = monthAt(b, p + 5);
  const d = b[p + 9] === 32 ? digits(b, p + 10, 1) : digits(b, p + 9, 2);
  const sec = clock(b, p + 12);
  const y = b[p + 20] === 32 ? digits(b, p + 21, 4) : -1;
  if (mo === 0 || d < 0 || sec < 0 || y < 0 || b[p + 25] !== 93 || b[p + 26] !== 91 || !isDigit(b[p + 27])) return false;
  let q = p + 28;
  while (q < e && isDigit(b[q])) q++;
  if (b[q] !== 93) return false;
  out.sec[0] = civilSeconds(y, mo, d, 0, 0, 0) + sec;
  const level = wordLevel(b, q + 1, e);
  out.level = level === Lvl.None ? Lvl.Info : level;
  return true;
};

/** Remembers the day (and year) of a full stamp for the time-only and year-less lines after it. */
function keepDay(sec: number, out: { carry: Float64Array }): void {
  if (Number.isNaN(sec)) return;
  const day = sec - (((sec % 86400) + 86400) % 86400);
  out.carry[0] = day;
  out.carry[1] = new Date(day * 1000).getUTCFullYear();
}

/**
 * Lines whose stamp style changes within one file: ISO, `07/29/2026 09:15:31`, syslog's `Jul 29 09:15:32
 * host …` (the year of the last full stamp) and a bare `09:15:33.250` (its date).
 */
export const mixedHeader: HeaderParser = (b, p, e, out) => {
  let q = isoStamp(b, p, e, out);
  if (q < 0) q = usStamp(b, p, e, out);
  if (q >= 0) {
    keepDay(out.sec[0], out);
    out.level = wordLevel(b, q, e);
    return true;
  }
  const mo = e - p >= 15 ? monthAt(b, p) : 0;
  if (mo > 0 && b[p + 3] === 32) {
    const d = b[p + 4] === 32 ? digits(b, p + 5, 1) : digits(b, p + 4, 2);
    const sec = b[p + 6] === 32 ? clock(b, p + 7) : -1;
    if (d < 1 || sec < 0) return false;
    const y = out.carry[1];
    out.sec[0] = Number.isNaN(y) ? NaN : civilSeconds(y, mo, d, 0, 0, 0) + sec;
    out.level = Lvl.None;
    return true;
  }
  const sec = e - p >= 8 ? clock(b, p) : -1;
  if (sec < 0 || (p + 8 < e && b[p + 8] !== 46 && b[p + 8] !== 32 && b[p + 8] !== 44 && b[p + 8] !== 13)) return false;
  out.sec[0] = out.carry[0] + sec;
  q = p + 8;
  if (b[q] === 46 || b[q] === 44) for (q++; q < e && isDigit(b[q]); ) q++;
  out.level = wordLevel(b, q, e);
  return true;
};

/** A `+-----…-----+` border line (at least 20 dashes). */
function isBorder(b: Uint8Array, p: number, e: number): boolean {
  let q = p;
  while (q < e && b[q] === 32) q++;
  if (b[q] !== 43) return false;
  let n = 0;
  for (q++; q < e && b[q] === 45; q++) n++;
  return n >= 20 && b[q] === 43;
}

/**
 * `dsregcmd /status`: a section is a title between two borders (`+---+`, `| Title |`, `+---+`) and its
 * `Name : Value` lines. The top border starts the record; the border after the title does not. The blank
 * lines the output opens with start the first record, so the first section joins them (state 3, then 4).
 */
export const dsregcmdHeader: HeaderParser = (b, p, e, out) => {
  const state = out.carry[2];
  out.carry[2] = 0;
  let q = p;
  while (q < e && (b[q] === 32 || b[q] === 13)) q++;
  out.level = Lvl.Info;
  out.sec[0] = NaN;
  if (isBorder(b, p, e)) {
    if (state === 2) return false; // the border under a title
    out.carry[2] = 1;
    return state !== 4;
  }
  if (state >= 3 && q === e) {
    out.carry[2] = 4;
    return state === 3;
  }
  if (state === 1 && b[q] === 124) out.carry[2] = 2; // `| Title |`
  return false;
};
