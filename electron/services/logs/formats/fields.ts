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

function cmtrace(text: string): RecordFields {
  const t = text.indexOf(']LOG]!>');
  if (t < 0) return { time: null, timeMs: null, message: text.replace(/\r?\n$/, '') };
  const o = text.lastIndexOf('<![LOG[', t);
  const message = text.slice(o >= 0 ? o + 7 : 0, t);
  const attrs = new Map<string, string>();
  for (const m of text.slice(t + 7).matchAll(/(\w+)="([^"]*)"/g)) attrs.set(m[1], m[2]);
  const time = attrs.get('time'), date = attrs.get('date');
  let timeMs: number | null = null;
  const tm = /^(\d\d):(\d\d):(\d\d)(?:\.(\d+))?/.exec(time ?? '');
  const dm = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})/.exec(date ?? '');
  if (tm && dm) timeMs = ms(+dm[3], +dm[1], +dm[2], +tm[1], +tm[2], +tm[3], tm[4]);
  return {
    time: time !== undefined || date !== undefined ? [date, time].filter(Boolean).join(' ') : null,
    timeMs,
    component: attrs.get('component') ?? '',
    thread: attrs.get('thread') ?? '',
    source: attrs.get('file') ?? '',
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
