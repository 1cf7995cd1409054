// Binary XML of an EVTX chunk, read into a small tree (libyal's "Windows XML Event Log (EVTX) format",
// section Binary XML). Names and template definitions are stored once per chunk and referenced by their
// chunk-relative offset; both are cached per chunk. Every read is bounds-checked: damaged bytes throw a
// BinXmlError, never loop (each token moves forward, nesting is capped).

export class BinXmlError extends Error {}

/** A substitution placeholder of a template: value number `id`, dropped when optional and empty. */
export interface Sub {
  k: 's';
  id: number;
  optional: boolean;
}
/** A template instance: its definition's tree and the values that fill it (chunk-relative ranges). */
export interface Instance {
  k: 't';
  template: Template;
  values: Value[];
}
export interface XElement {
  k: 'e';
  name: string;
  attrs: { name: string; value: Content[] }[];
  children: Content[];
}
export type Content = XElement | Instance | Sub | string;

export interface Value {
  type: number;
  start: number;
  size: number;
}

export interface Template {
  nodes: Content[];
  /** Substitution that fills System/Level (-1 when the level is literal or absent). */
  levelSub: number;
}

/** A chunk's bytes (offsets in BinXML are relative to its start) and its caches. */
export class ChunkData {
  readonly names = new Map<number, string>();
  readonly templates = new Map<number, Template>();
  constructor(readonly b: Buffer) {}
}

const MAX_DEPTH = 64;
const MAX_VALUES = 4096;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Reads BinXML tokens from `p` up to `end` in chunk `c`. */
export class BinXmlReader {
  constructor(
    private readonly c: ChunkData,
    public p: number,
    private readonly end: number,
    /** Inside a BinXml-typed value: element starts carry no dependency identifier. */
    private readonly inValue = false,
  ) {}

  private need(n: number): void {
    if (this.p + n > this.end || this.p < 0) throw new BinXmlError(`binary XML runs past its end at ${this.p}`);
  }
  private u8(): number {
    this.need(1);
    return this.c.b[this.p++];
  }
  private u16(): number {
    this.need(2);
    const v = this.c.b.readUInt16LE(this.p);
    this.p += 2;
    return v;
  }
  private u32(): number {
    this.need(4);
    const v = this.c.b.readUInt32LE(this.p);
    this.p += 4;
    return v;
  }
  private utf16(chars: number): string {
    this.need(chars * 2);
    const s = this.c.b.toString('utf16le', this.p, this.p + chars * 2);
    this.p += chars * 2;
    return s;
  }

  /** A name at chunk offset `off`; when it is stored inline (at the current position) it is stepped over. */
  private name(off: number): string {
    const b = this.c.b;
    let s = this.c.names.get(off);
    if (s === undefined) {
      if (off < 512 || off + 8 > b.length) throw new BinXmlError(`name offset ${off} is outside the chunk`);
      const chars = b.readUInt16LE(off + 6);
      if (off + 8 + chars * 2 > b.length) throw new BinXmlError(`name at ${off} runs past the chunk`);
      s = b.toString('utf16le', off + 8, off + 8 + chars * 2);
      this.c.names.set(off, s);
    }
    if (off === this.p) this.p += 10 + s.length * 2;
    return s;
  }

  /** Nodes until an end-of-fragment token (or an end-element token when `inElement`). */
  nodes(depth: number, inElement: boolean): Content[] {
    if (depth > MAX_DEPTH) throw new BinXmlError('binary XML nested too deeply');
    const out: Content[] = [];
    for (;;) {
      this.need(1);
      const tok = this.c.b[this.p];
      switch (tok & 0xbf) {
        case 0x00:
          this.p++;
          if (inElement) throw new BinXmlError('end of fragment inside an element');
          return out;
        case 0x04:
          this.p++;
          if (!inElement) throw new BinXmlError('end element outside an element');
          return out;
        case 0x01:
          out.push(this.element(depth));
          break;
        case 0x0f:
          this.p += 4; // fragment header: token, major, minor, flags
          break;
        case 0x0c:
          out.push(this.instance(depth));
          if (!inElement && depth === 0 && this.p >= this.end) return out;
          break;
        case 0x0a:
          this.p++;
          this.name(this.u32()); // processing-instruction target: not shown
          break;
        case 0x0b:
          this.p++;
          this.utf16(this.u16());
          break;
        default:
          out.push(this.piece(depth));
      }
    }
  }

  /** One piece of text content: value text, substitution, character or entity reference, CDATA. */
  private piece(depth: number): Content {
    const tok = this.u8();
    switch (tok & 0xbf) {
      case 0x05: {
        const type = this.u8();
        const chars = this.u16();
        return type === 0x02 ? (this.need(chars), this.c.b.toString('latin1', this.p, (this.p += chars))) : this.utf16(chars);
      }
      case 0x07:
        return this.utf16(this.u16());
      case 0x08:
        return String.fromCharCode(this.u16());
      case 0x09: {
        const n = this.name(this.u32());
        return ENTITIES[n] ?? `&${n};`;
      }
      case 0x0d:
      case 0x0e: {
        const id = this.u16();
        this.u8(); // the value type the template expects; the instance's descriptor wins
        return { k: 's', id, optional: tok === 0x0e };
      }
      default:
        if (depth >= 0) throw new BinXmlError(`unknown binary XML token 0x${tok.toString(16)} at ${this.p - 1}`);
        return '';
    }
  }

  private element(depth: number): XElement {
    const tok = this.u8();
    if (!this.inValue) this.u16(); // dependency identifier
    this.u32(); // data size
    const name = this.name(this.u32());
    const el: XElement = { k: 'e', name, attrs: [], children: [] };
    if (tok & 0x40) {
      const listEnd = this.u32() + this.p;
      while (this.p < listEnd) {
        const at = this.u8();
        if ((at & 0xbf) !== 0x06) throw new BinXmlError(`attribute expected at ${this.p - 1}`);
        const attr = { name: this.name(this.u32()), value: [] as Content[] };
        for (;;) {
          this.need(1);
          const t = this.c.b[this.p];
          const more = (t & 0x40) !== 0 && (t & 0xbf) !== 0x06;
          attr.value.push(this.piece(depth));
          if (!more) break;
        }
        el.attrs.push(attr);
        if ((at & 0x40) === 0) break;
      }
    }
    const close = this.u8();
    if (close === 0x02) el.children = this.nodes(depth + 1, true);
    else if (close !== 0x03) throw new BinXmlError(`element ${name}: close tag expected at ${this.p - 1}`);
    return el;
  }

  private instance(depth: number): Instance {
    this.p++; // token
    this.u8();
    this.u32(); // template identifier
    const defOff = this.u32();
    let template = this.c.templates.get(defOff);
    if (defOff === this.p) {
      this.need(24);
      const size = this.c.b.readUInt32LE(this.p + 20);
      const start = this.p + 24;
      this.need(24 + size);
      this.p = start + size;
      if (!template) template = readTemplate(this.c, start, start + size, depth);
    } else if (!template) {
      if (defOff < 512 || defOff + 24 > this.c.b.length) throw new BinXmlError(`template offset ${defOff} is outside the chunk`);
      const size = this.c.b.readUInt32LE(defOff + 20);
      template = readTemplate(this.c, defOff + 24, Math.min(this.c.b.length, defOff + 24 + size), depth);
    }
    const count = this.u32();
    if (count > MAX_VALUES) throw new BinXmlError(`template instance claims ${count} values`);
    const values: Value[] = new Array(count);
    for (let i = 0; i < count; i++) {
      const size = this.u16();
      const type = this.u8();
      this.u8();
      values[i] = { type, start: 0, size };
    }
    for (const v of values) {
      this.need(v.size);
      v.start = this.p;
      this.p += v.size;
    }
    return { k: 't', template, values };
  }
}

function readTemplate(c: ChunkData, start: number, end: number, depth: number): Template {
  const r = new BinXmlReader(c, start, end);
  const nodes = r.nodes(depth + 1, false);
  const t: Template = { nodes, levelSub: levelSubOf(nodes) };
  c.templates.set(start - 24, t);
  return t;
}

/** The substitution holding System/Level in a template's tree, or -1. */
function levelSubOf(nodes: Content[]): number {
  for (const n of nodes) {
    if (typeof n !== 'object' || n.k !== 'e') continue;
    if (n.name === 'System') {
      for (const ch of n.children) if (typeof ch === 'object' && ch.k === 'e' && ch.name === 'Level') {
        const s = ch.children.find((x): x is Sub => typeof x === 'object' && x.k === 's');
        return s ? s.id : -1;
      }
      return -1;
    }
    const inner = levelSubOf(n.children);
    if (inner >= 0) return inner;
  }
  return -1;
}
