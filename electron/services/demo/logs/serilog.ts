// Serilog text lines as Intelligent Hub writes them: `yyyy-MM-dd HH:mm:ss.fff zzz [LVL] message`.
export type SerilogLevel = 'VRB' | 'DBG' | 'INF' | 'WRN' | 'ERR' | 'FTL';

/** The devices' local time zone in the demo (Central European winter time). */
export const DEVICE_UTC_OFFSET_MIN = 60;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Local wall-clock parts of a UTC instant, shifted by the device's offset. */
export function localParts(utcMs: number): { y: number; mo: number; d: number; h: number; mi: number; s: number; ms: number } {
  const t = new Date(utcMs + DEVICE_UTC_OFFSET_MIN * 60_000);
  return { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate(), h: t.getUTCHours(), mi: t.getUTCMinutes(), s: t.getUTCSeconds(), ms: t.getUTCMilliseconds() };
}

export function serilogTime(utcMs: number): string {
  const p = localParts(utcMs);
  const sign = DEVICE_UTC_OFFSET_MIN >= 0 ? '+' : '-';
  const off = Math.abs(DEVICE_UTC_OFFSET_MIN);
  return `${p.y}-${pad(p.mo)}-${pad(p.d)} ${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}.${pad(p.ms, 3)} ${sign}${pad(Math.floor(off / 60))}:${pad(off % 60)}`;
}

/** `YYYYMMDD` of the device's local date, as in `DeviceReassignment-YYYYMMDD.log`. */
export function fileDate(utcMs: number): string {
  const p = localParts(utcMs);
  return `${p.y}${pad(p.mo)}${pad(p.d)}`;
}

/** Collects lines with a running clock so each step of a story lands a little after the previous one. */
export class SerilogWriter {
  private readonly lines: string[] = [];

  constructor(public clock: number) {}

  line(level: SerilogLevel, message: string, stepMs = 37): this {
    this.clock += stepMs;
    this.lines.push(`${serilogTime(this.clock)} [${level}] ${message}`);
    return this;
  }

  /** Exception text that follows a record on its own lines. */
  raw(text: string): this {
    this.lines.push(text);
    return this;
  }

  text(): string {
    return this.lines.length ? this.lines.join('\r\n') + '\r\n' : '';
  }
}
