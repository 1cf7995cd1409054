// Display fields of one record, parsed from its decoded text (only for records on screen, in the detail
// pane, or tested by a component/thread filter, so clarity beats speed here).
import type { LogFormat } from '../../../common/logs.ts';
import { ctimeFields, dsregcmdFields, mixedFields, reportingEventFields } from './bundle-fields.ts';
import { ISO_STAMP as ISO, US_STAMP as US, usMs, wallMs as ms } from './time.ts';

export interface RecordFields {
  /** Time as written, or null. */
  time: string | null;
  /** Wall-clock ms as written (read as if UTC), or null. */
  timeMs: number | null;
  /** Level word from the text (for JSON) or null: the index level is used otherwise. */
  component?: string;
  thread?: string;
  source?: string;
  message: string;
}


export function isoMs(text: string): number | null {
  const m = ISO.exec(text);
  return m ? ms(+m[1], +m[2], +m[3], +m[4], +m[5], +m[6], m[7]) : null;
}

/** Is the code unit a `\w` character (ASCII letter, digit, underscore)? */
const isWord = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;

/** The trailer attributes CMTrace fields come from (the last of each wins); undefined when absent. */
export interface TrailerAttrs {
  time?: string;
  date?: string;
  component?: string;
  thread?: string;
  file?: string;
}

/** The keys of a trailer as IME and ConfigMgr write them, in their order. */
const USUAL_KEYS = ['time', 'date', 'component', 'context', 'type', 'thread', 'file'];

/**
 * The attributes of a CMTrace trailer from `from` on (`<time="…" date="…" …>`): read by position when
 * it has the usual shape, else walked (`walkTrailer`). Both give the same for every trailer: every
 * record an analysis reads passes here, most in the usual shape.
 */
export function trailerAttrs(text: string, from: number): TrailerAttrs {
  return usualTrailer(text, from) ?? walkTrailer(text, from);
}

/**
 * `<time="…" date="…" component="…" context="…" type="…" thread="…" file="…">`, each value up to the next
 * quote, then only line ends; undefined for any other shape.
 */
function usualTrailer(text: string, from: number): TrailerAttrs | undefined {
  if (text.charCodeAt(from) !== 0x3c) return undefined;
  let p = from + 1;
  const v: string[] = [];
  for (let k = 0; k < USUAL_KEYS.length; k++) {
    const key = USUAL_KEYS[k];
    if (k > 0 && text.charCodeAt(p++) !== 0x20) return undefined;
    const q = p + key.length;
    if (!text.startsWith(key, p) || text.charCodeAt(q) !== 0x3d || text.charCodeAt(q + 1) !== 0x22) return undefined;
    const close = text.indexOf('"', q + 2);
    if (close < 0) return undefined;
    v.push(text.slice(q + 2, close));
    p = close + 1;
  }
  if (text.charCodeAt(p) !== 0x3e) return undefined;
  for (let q = p + 1; q < text.length; q++) {
    const c = text.charCodeAt(q);
    if (c !== 0x0a && c !== 0x0d) return undefined;
  }
  return { time: v[0], date: v[1], component: v[2], thread: v[5], file: v[6] };
}

/**
 * The `key="value"` pairs of a CMTrace trailer from `from` on, as `/(\w+)="([^"]*)"/g` finds them: at each
 * position the whole word there, `="`, and a value up to the next quote; else the search goes on after the
 * word. A hand-written walk (no regex iterator, no map).
 */
export function walkTrailer(text: string, from: number): TrailerAttrs {
  const out: TrailerAttrs = {};
  const n = text.length;
  let p = from;
  while (p < n) {
    if (!isWord(text.charCodeAt(p))) {
      p++;
      continue;
    }
    let q = p + 1;
    while (q < n && isWord(text.charCodeAt(q))) q++;
    if (text.charCodeAt(q) === 0x3d && text.charCodeAt(q + 1) === 0x22) {
      const close = text.indexOf('"', q + 2);
      if (close >= 0) {
        const len = q - p;
        const key = len === 4 ? (text.startsWith('time', p) ? 'time' : text.startsWith('date', p) ? 'date' : text.startsWith('file', p) ? 'file' : null) : len === 6 && text.startsWith('thread', p) ? 'thread' : len === 9 && text.startsWith('component', p) ? 'component' : null;
        if (key) out[key] = text.slice(q + 2, close);
        p = close + 1;
        continue;
      }
    }
    // No pair starts anywhere in this word (its every suffix is followed by the same text).
    p = q;
  }
  return out;
}

/** `n` ASCII digits of `s` at `p` as a number, or -1. */
function num(s: string, p: number, n: number): number {
  let v = 0;
  for (let i = p; i < p + n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * Wall-clock ms of a CMTrace `date` (M-D-YYYY, `-` or `/`, one or two digits) and `time`
 * (HH:MM:SS[.fraction]) where both start so, else null: what `/^(\d{1,2})[-/](\d{1,2})[-/](\d{4})/` and
 * `/^(\d\d):(\d\d):(\d\d)(?:\.(\d+))?/` read, without running them for every record.
 */
function cmtraceMs(date: string, time: string): number | null {
  const h = num(time, 0, 2), mi = num(time, 3, 2), sec = num(time, 6, 2);
  if (h < 0 || mi < 0 || sec < 0 || time.charCodeAt(2) !== 0x3a || time.charCodeAt(5) !== 0x3a) return null;
  let frac: string | undefined;
  if (time.charCodeAt(8) === 0x2e) {
    let e = 9;
    while (num(time, e, 1) >= 0) e++;
    if (e > 9) frac = time.slice(9, e);
  }
  const sep = (c: number): boolean => c === 0x2d || c === 0x2f;
  const mLen = num(date, 0, 2) >= 0 ? 2 : 1;
  const mo = num(date, 0, mLen);
  if (mo < 0 || !sep(date.charCodeAt(mLen))) return null;
  const dAt = mLen + 1;
  const dLen = num(date, dAt, 2) >= 0 ? 2 : 1;
  const d = num(date, dAt, dLen);
  if (d < 0 || !sep(date.charCodeAt(dAt + dLen))) return null;
  const y = num(date, dAt + dLen + 1, 4);
  if (y < 0) return null;
  return ms(y, mo, d, h, mi, sec, frac);
}

function cmtrace(text: string): RecordFields {
  const t = text.indexOf(']LOG]!>');
  if (t < 0) return { time: null, timeMs: null, message: text.replace(/\r?\n$/, '') };
  const o = text.lastIndexOf('<![LOG[', t);
  const message = text.slice(o >= 0 ? o + 7 : 0, t);
  const attrs = trailerAttrs(text, t + 7);
  const time = attrs.time, date = attrs.date;
  return {
    time: time !== undefined || date !== undefined ? (date && time ? `${date} ${time}` : date || time || '') : null,
    timeMs: time !== undefined && date !== undefined ? cmtraceMs(date, time) : null,
    component: attrs.component ?? '',
    thread: attrs.thread ?? '',
    source: attrs.file ?? '',
    message,
  };
}

/** Splits `stamp rest` where the stamp regex matched the start. */
function stamped(text: string, re: RegExp, us: boolean): RecordFields & { rest: string } {
  const m = re.exec(text);
  if (!m) return { time: null, timeMs: null, message: text, rest: text };
  const timeMs = us ? usMs(m) : ms(+m[1], +m[2], +m[3], +m[4], +m[5], +m[6], m[7]);
  const rest = text.slice(m[0].length);
  return { time: m[0], timeMs, message: rest, rest };
}

function jsonLine(text: string, compact: boolean): RecordFields {
  const nl = text.indexOf('\n');
  const first = nl >= 0 ? text.slice(0, nl) : text;
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(first) as Record<string, unknown>;
  } catch {
    return { time: null, timeMs: null, message: text };
  }
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : v === undefined ? undefined : JSON.stringify(v));
  const props = (compact ? o : (o.Properties as Record<string, unknown> | undefined)) ?? {};
  const time = str(compact ? o['@t'] : o.Timestamp) ?? null;
  const template = str(compact ? o['@mt'] : o.MessageTemplate) ?? '';
  const rendered = str(compact ? o['@m'] : o.RenderedMessage) ?? template.replace(/\{@?\$?(\w+)(?:[,:][^}]*)?\}/g, (all, k: string) => str(props[k]) ?? all);
  const exception = str(compact ? o['@x'] : o.Exception);
  const extra = nl >= 0 ? text.slice(nl + 1) : '';
  return {
    time,
    timeMs: time ? isoMs(time) : null,
    component: str(props.SourceContext),
    thread: str(props.ThreadId),
    message: [rendered, exception, extra.trimEnd()].filter(Boolean).join('\n'),
  };
}

/** Parses a whole record (decoded, BOM removed) of the given format. */
export function parseFields(format: LogFormat, text: string): RecordFields {
  switch (format) {
    case 'cmtrace':
      return cmtrace(text);
    case 'serilog-compact-json':
      return jsonLine(text, true);
    case 'serilog-json':
      return jsonLine(text, false);
    case 'serilog-text': {
      const f = stamped(text, ISO, false);
      return { ...f, message: f.rest.replace(/^ \[\w+\] ?/, '') };
    }
    case 'cbs': {
      const f = stamped(text, ISO, false);
      const m = /^, (\w+)\s+(\S+)\s+/.exec(f.rest);
      return m ? { ...f, component: m[2], message: f.rest.slice(m[0].length) } : f;
    }
    case 'msi': {
      const m = /^MSI \((\w)\) \(([0-9A-Fa-f]+:[0-9A-Fa-f]+)\) \[(\d\d):(\d\d):(\d\d):(\d{3})\]: ?/.exec(text);
      if (!m) return { time: null, timeMs: null, message: text };
      return {
        time: `${m[3]}:${m[4]}:${m[5]}:${m[6]}`,
        timeMs: ((+m[3] * 60 + +m[4]) * 60 + +m[5]) * 1000 + +m[6],
        component: m[1],
        thread: m[2],
        message: text.slice(m[0].length),
      };
    }
    case 'iso-text': {
      const f = stamped(text, ISO, false);
      return { ...f, message: f.rest.replace(/^[\s,]+/, '') };
    }
    case 'us-text': {
      const f = stamped(text, US, true);
      return { ...f, message: f.rest.replace(/^[\s,]+/, '') };
    }
    case 'reporting-events':
      return reportingEventFields(text);
    case 'ctime-pid':
      return ctimeFields(text);
    case 'mixed-text':
      return mixedFields(text);
    case 'dsregcmd':
      return dsregcmdFields(text);
    default:
      return { time: null, timeMs: null, message: text };
  }
}
