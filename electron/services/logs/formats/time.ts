// Wall-clock arithmetic without Date objects: times "as written" are read as if UTC, so a log with no zone
// (IME) and one with an offset (Serilog) can still be ordered; the offset text is kept in the display string.

/** Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Seconds since the epoch for wall-clock fields, or NaN when a field is out of range. */
export function civilSeconds(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60 || y < 1970 || y > 2200) return NaN;
  return daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

/** Reads `n` ASCII digits at `p`, or -1 if any is not a digit. */
export function digits(b: Uint8Array, p: number, n: number): number {
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = b[p + i] - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Month names' first three letters, lower case, January first. */
export const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Wall-clock ms for fields as written (read as if UTC), with a decimal fraction of a second. */
export function wallMs(y: number, mo: number, d: number, h: number, mi: number, s: number, frac?: string): number {
  return (daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s) * 1000 + (frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0);
}

/** Text stamps: ISO-like (`-` or `/`, `T` or space, fraction, zone) and US `M/D/YYYY[,] h:mm:ss[.fff][ AM]`. */
export const ISO_STAMP = /^(\d{4})[-/](\d\d)[-/](\d\d)[T ](\d\d):(\d\d):(\d\d)(?:[.,](\d+))?(?: ?(?:Z|[+-]\d\d:?\d\d))?/;
export const US_STAMP = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),? (\d{1,2}):(\d\d):(\d\d)(?:\.(\d+))?(?: ?([AaPp][Mm]))?/;

/** Wall-clock ms of a US_STAMP match (12 AM is 0 h, 12 PM is 12 h). */
export function usMs(m: RegExpExecArray): number {
  let h = +m[4] % (m[8] ? 12 : 24);
  if (m[8] && /p/i.test(m[8])) h += 12;
  return wallMs(+m[3], +m[1], +m[2], h, +m[5], +m[6], m[7]);
}
