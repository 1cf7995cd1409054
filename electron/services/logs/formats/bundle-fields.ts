// Display fields of the other bundle formats (see bundle-headers.ts for how their records are cut).
import { lookupErrorCode } from '../error-codes.ts';
import type { RecordFields } from './fields.ts';
import { ISO_STAMP, MONTHS, US_STAMP, usMs, wallMs } from './time.ts';

const firstLine = (text: string): [string, string] => {
  const nl = text.indexOf('\n');
  return nl < 0 ? [text.replace(/\r$/, ''), ''] : [text.slice(0, nl).replace(/\r$/, ''), text.slice(nl + 1)];
};

/** A ReportingEvents HRESULT column (hex without `0x`) explained, or '' for success. */
export function explainWuResult(hex: string): string {
  const h = hex.trim().replace(/^0x/i, '');
  if (!/^[0-9a-f]{1,8}$/i.test(h) || Number.parseInt(h, 16) === 0) return '';
  const code = `0x${h.toUpperCase().padStart(8, '0')}`;
  const info = lookupErrorCode(code);
  return info ? `${code} ${info.name}: ${info.meaning}` : `${code} (not in the built-in list of codes)`;
}

const RE_STAMP = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:[:.](\d{1,3}))?([+-]\d{4})?/;

/** `{GUID} stamp 1 147 [NAME] 101 {update} 0 hresult client result category message`, tab-separated. */
export function reportingEventFields(text: string): RecordFields {
  const [line, rest] = firstLine(text);
  const cols = line.trimStart().split('\t');
  const m = RE_STAMP.exec(cols[1] ?? '');
  if (cols.length < 12 || !m) return { time: null, timeMs: null, message: text };
  const [recordId, time, , event, , updateId, , hresult, client, result, category, ...msg] = cols;
  const explained = explainWuResult(hresult);
  const message = msg.join('\t').trim();
  const lines = [
    explained ? `${message} — ${explained}` : message,
    '',
    `Event: ${event.trim()}`,
    `Result: ${result.trim()}${explained ? ` (${explained})` : ''}`,
    `Category: ${category.trim()}`,
    `Client: ${client.trim()}`,
    `Update ID: ${updateId.trim()}`,
    `Record ID: ${recordId.trim()}`,
  ];
  if (rest.trim()) lines.push('', rest.trimEnd());
  return {
    time,
    timeMs: wallMs(+m[1], +m[2], +m[3], +m[4], +m[5], +m[6], m[7]),
    component: event.replace(/^\d+\s*/, '').replace(/^\[|\]$/g, ''),
    source: client.trim(),
    message: lines.join('\n'),
  };
}

const RE_CTIME = /^\[\w{3} (\w{3}) ( ?\d{1,2}) (\d\d):(\d\d):(\d\d) (\d{4})\]\[(\d+)\](?: - ?| )?/;

/** `[Thu Jul 30 13:05:01 2026][8604] - message` and its continuation lines. */
export function ctimeFields(text: string): RecordFields {
  const m = RE_CTIME.exec(text);
  if (!m) return { time: null, timeMs: null, message: text };
  const mo = MONTHS.indexOf(m[1].toLowerCase()) + 1;
  return {
    time: m[0].slice(1, m[0].indexOf(']')),
    timeMs: mo ? wallMs(+m[6], mo, +m[2], +m[3], +m[4], +m[5]) : null,
    thread: m[7],
    message: text.slice(m[0].length),
  };
}

const RE_SYSLOG = /^(\w{3}) ( ?\d{1,2}) (\d\d):(\d\d):(\d\d)/;
const RE_CLOCK = /^(\d\d):(\d\d):(\d\d)(?:[.,](\d+))?/;

/** A line of a file whose stamp style changes: the stamp as written; a full date gives its wall clock. */
export function mixedFields(text: string): RecordFields {
  let m = ISO_STAMP.exec(text);
  let timeMs: number | null = null;
  if (m) timeMs = wallMs(+m[1], +m[2], +m[3], +m[4], +m[5], +m[6], m[7]);
  else if ((m = US_STAMP.exec(text))) timeMs = usMs(m);
  else if (!(m = RE_SYSLOG.exec(text)) || !MONTHS.includes(m[1].toLowerCase())) m = RE_CLOCK.exec(text);
  if (!m) return { time: null, timeMs: null, message: text };
  return { time: m[0], timeMs, message: text.slice(m[0].length).replace(/^[\s,]+/, '') };
}

/** One `dsregcmd /status` section: its title and `Name : Value` fields. */
export interface DsregSection {
  title: string;
  fields: [string, string][];
}

/** Reads a section record (borders, `| Title |`, then `Name : Value` lines). */
export function dsregSection(text: string): DsregSection {
  let title = '';
  const fields: [string, string][] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || /^\+-+\+$/.test(line)) continue;
    const t = /^\|\s*(.*?)\s*\|$/.exec(line);
    if (t) {
      title ||= t[1];
      continue;
    }
    const kv = /^([^:]+?)\s+:\s?(.*)$/.exec(line);
    if (kv) fields.push([kv[1].trim(), kv[2].trim()]);
    else fields.push(['', line]);
  }
  return { title, fields };
}

export function dsregcmdFields(text: string): RecordFields {
  const { title, fields } = dsregSection(text);
  if (!title) return { time: null, timeMs: null, message: text.trimEnd() };
  const named = fields.filter(([k]) => k);
  const summary = named.slice(0, 4).map(([k, v]) => `${k}: ${v}`).join(' · ');
  const body = fields.map(([k, v]) => (k ? `${k}: ${v}` : v));
  return { time: null, timeMs: null, component: title, message: [summary || title, '', ...body].join('\n') };
}
