// One event record of a chunk: its level for the index (fast: the template's Level substitution, read
// once per template and chunk) and, for display, the whole event resolved into elements.
import { Lvl } from '../header.ts';
import { BinXmlError, BinXmlReader, type ChunkData, type Content } from './binxml.ts';
import type { RecordPos } from './chunk.ts';
import { eventFields, resolveEvent, type El } from './render.ts';

/** Windows levels to ours: 0 (LogAlways) shows as Information, 1 Critical as fatal; others have none. */
export function levelCode(windowsLevel: number): number {
  switch (windowsLevel) {
    case 0: case 4: return Lvl.Info;
    case 1: return Lvl.Fatal;
    case 2: return Lvl.Error;
    case 3: return Lvl.Warning;
    case 5: return Lvl.Verbose;
    default: return Lvl.None;
  }
}

function nodesOf(c: ChunkData, r: RecordPos): Content[] {
  return new BinXmlReader(c, r.p + 24, r.p + r.size - 4).nodes(0, false);
}

/** The Windows level of a record (-1 when it has none), or null when its BinXML cannot be read. */
export function recordWindowsLevel(c: ChunkData, r: RecordPos): number | null {
  let nodes: Content[];
  try {
    nodes = nodesOf(c, r);
  } catch (err) {
    if (err instanceof BinXmlError || err instanceof RangeError) return null;
    throw err;
  }
  const first = nodes[0];
  if (nodes.length === 1 && typeof first === 'object' && first.k === 't' && first.template.levelSub >= 0) {
    const v = first.values[first.template.levelSub];
    if (!v || v.size === 0) return -1;
    return c.b[v.start];
  }
  const ev = resolveEvent(c, nodes);
  return ev ? eventFields(ev).level : -1;
}

/**
 * The index's fast path: an event that is one template instance whose template is already cached gives
 * its level by summing value sizes, with no allocation. Null when anything differs (the full read decides).
 */
function cachedTemplateLevel(c: ChunkData, r: RecordPos): number | null {
  const b = c.b, end = r.p + r.size - 4;
  const p = r.p + 24;
  if (p + 14 > end || b[p] !== 0x0f || b[p + 4] !== 0x0c) return null;
  const defOff = b.readUInt32LE(p + 10);
  const t = c.templates.get(defOff);
  if (!t || t.levelSub < 0) return null;
  let q = p + 14;
  if (defOff === q) {
    if (q + 24 > end) return null;
    q += 24 + b.readUInt32LE(q + 20);
  }
  if (q + 4 > end) return null;
  const count = b.readUInt32LE(q);
  q += 4;
  if (t.levelSub >= count || q + count * 4 > end) return null;
  let at = q + count * 4;
  for (let i = 0; i < t.levelSub; i++) at += b.readUInt16LE(q + i * 4);
  const size = b.readUInt16LE(q + t.levelSub * 4);
  if (size === 0) return -1;
  return at < end ? b[at] : null;
}

/** The record's level code for the index (Unparsed when its BinXML is damaged). */
export function recordLevel(c: ChunkData, r: RecordPos): number {
  const w = cachedTemplateLevel(c, r) ?? recordWindowsLevel(c, r);
  return w === null ? Lvl.Unparsed : levelCode(w);
}

/** The event as elements, or the reason it cannot be read. */
export function decodeEvent(c: ChunkData, r: RecordPos): { ev: El | null; error: string | null } {
  try {
    const ev = resolveEvent(c, nodesOf(c, r));
    return ev ? { ev, error: null } : { ev: null, error: 'its binary XML holds no element' };
  } catch (err) {
    if (err instanceof BinXmlError || err instanceof RangeError) return { ev: null, error: err.message };
    throw err;
  }
}
