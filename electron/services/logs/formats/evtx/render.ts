// An event's BinXML tree with its template values filled in: plain elements, the event as XML text, and
// the fields a technician reads (System header facts and the EventData / UserData values by name).
import { BinXmlReader, type ChunkData, type Content, type Value, type XElement } from './binxml.ts';
import { valueText } from './values.ts';

/** An element with its substitutions resolved. */
export interface El {
  name: string;
  attrs: [string, string][];
  children: (El | string)[];
}

const MAX_DEPTH = 32;

function resolve(c: ChunkData, nodes: Content[], values: Value[] | null, depth: number, out: (El | string)[]): void {
  if (depth > MAX_DEPTH) return;
  for (const n of nodes) {
    if (typeof n === 'string') out.push(n);
    else if (n.k === 'e') out.push(element(c, n, values, depth));
    else if (n.k === 't') resolve(c, n.template.nodes, n.values, depth + 1, out);
    else {
      const v = values?.[n.id];
      if (!v || v.type === 0 || v.size === 0) continue;
      if ((v.type & 0x7f) === 0x21) {
        try {
          const nested = new BinXmlReader(c, v.start, v.start + v.size, true).nodes(depth + 1, false);
          resolve(c, nested, null, depth + 1, out);
        } catch {
          out.push(`[binary XML value of ${v.size} bytes could not be read]`);
        }
      } else out.push(valueText(c.b, v.type, v.start, v.size));
    }
  }
}

function element(c: ChunkData, e: XElement, values: Value[] | null, depth: number): El {
  const attrs: [string, string][] = [];
  for (const a of e.attrs) {
    const parts: (El | string)[] = [];
    const dropped = a.value.length === 1 && typeof a.value[0] === 'object' && a.value[0].k === 's' && a.value[0].optional && !(values?.[a.value[0].id]?.size ?? 0);
    if (dropped) continue;
    resolve(c, a.value, values, depth + 1, parts);
    attrs.push([a.name, parts.map((p) => (typeof p === 'string' ? p : '')).join('')]);
  }
  const children: (El | string)[] = [];
  resolve(c, e.children, values, depth + 1, children);
  return { name: e.name, attrs, children };
}

/** The event's root element (`Event`), or null when the tree holds no element. */
export function resolveEvent(c: ChunkData, nodes: Content[]): El | null {
  const out: (El | string)[] = [];
  resolve(c, nodes, null, 0, out);
  return (out.find((x): x is El => typeof x !== 'string') as El | undefined) ?? null;
}

const esc = (s: string): string => s.replace(/[<>&"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[ch] ?? ch);

/** The element as indented XML. */
export function toXml(e: El, indent = ''): string {
  const attrs = e.attrs.map(([k, v]) => ` ${k}="${esc(v)}"`).join('');
  if (e.children.length === 0) return `${indent}<${e.name}${attrs}/>`;
  if (e.children.every((ch) => typeof ch === 'string')) return `${indent}<${e.name}${attrs}>${esc(e.children.join(''))}</${e.name}>`;
  const inner = e.children.map((ch) => (typeof ch === 'string' ? `${indent}  ${esc(ch)}` : toXml(ch, `${indent}  `))).join('\n');
  return `${indent}<${e.name}${attrs}>\n${inner}\n${indent}</${e.name}>`;
}

export interface EventFields {
  provider: string;
  eventId: string;
  level: number;
  time: string;
  recordId: string;
  channel: string;
  computer: string;
  userSid: string;
  processId: string;
  threadId: string;
  keywords: string;
  /** EventData / UserData values by name (unnamed Data elements are numbered from 1). */
  data: [string, string][];
}

const text = (e: El | undefined): string => (e ? e.children.map((c) => (typeof c === 'string' ? c : text(c))).join('') : '');
const child = (e: El | undefined, name: string): El | undefined => e?.children.find((c): c is El => typeof c !== 'string' && c.name === name);
const attr = (e: El | undefined, name: string): string => e?.attrs.find(([k]) => k === name)?.[1] ?? '';

export function eventFields(ev: El): EventFields {
  const sys = child(ev, 'System');
  const data: [string, string][] = [];
  const ed = child(ev, 'EventData');
  if (ed) {
    let n = 0;
    for (const d of ed.children) if (typeof d !== 'string') data.push([attr(d, 'Name') || (d.name === 'Data' ? String(++n) : d.name), text(d)]);
  }
  const ud = child(ev, 'UserData');
  const inner = ud?.children.find((c): c is El => typeof c !== 'string');
  for (const d of inner?.children ?? []) if (typeof d !== 'string') data.push([d.name, text(d)]);
  const exec = child(sys, 'Execution');
  const lvl = Number(text(child(sys, 'Level')));
  return {
    provider: attr(child(sys, 'Provider'), 'Name') || attr(child(sys, 'Provider'), 'EventSourceName'),
    eventId: text(child(sys, 'EventID')),
    level: Number.isFinite(lvl) ? lvl : -1,
    time: attr(child(sys, 'TimeCreated'), 'SystemTime'),
    recordId: text(child(sys, 'EventRecordID')),
    channel: text(child(sys, 'Channel')),
    computer: text(child(sys, 'Computer')),
    userSid: attr(child(sys, 'Security'), 'UserID'),
    processId: attr(exec, 'ProcessID'),
    threadId: attr(exec, 'ThreadID'),
    keywords: text(child(sys, 'Keywords')),
    data,
  };
}
