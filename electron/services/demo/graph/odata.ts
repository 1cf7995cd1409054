// The slice of OData the clients use: `$filter` with eq/ne/gt/ge/lt/le, startswith/endswith/contains,
// and/or/not and parentheses; `$select`. String comparisons ignore case, as Graph does for these fields.
export class ODataError extends Error {}

type Literal = string | number | boolean | null;
export type Filter =
  | { kind: 'cmp'; op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'; field: string; value: Literal }
  | { kind: 'fn'; name: 'startswith' | 'endswith' | 'contains'; field: string; value: string }
  | { kind: 'and' | 'or'; left: Filter; right: Filter }
  | { kind: 'not'; expr: Filter };

type Token = { t: 'ident' | 'str' | 'num' | 'punct'; v: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      out.push({ t: 'punct', v: c });
      i++;
    } else if (c === "'") {
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new ODataError('Invalid filter clause: unterminated string literal.');
        if (src[i] === "'") {
          if (src[i + 1] === "'") {
            s += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        s += src[i++];
      }
      out.push({ t: 'str', v: s });
    } else {
      const m = /^[A-Za-z0-9_.:/+-]+/.exec(src.slice(i));
      if (!m) throw new ODataError(`Invalid filter clause: unexpected character '${c}'.`);
      out.push({ t: /^-?\d+(\.\d+)?$/.test(m[0]) ? 'num' : 'ident', v: m[0] });
      i += m[0].length;
    }
  }
  return out;
}

export function parseFilter(src: string, fields: ReadonlySet<string>): Filter {
  const toks = tokenize(src);
  let p = 0;
  const peek = () => toks[p];
  const isWord = (w: string) => peek()?.t === 'ident' && peek().v.toLowerCase() === w;
  const expect = (v: string) => {
    const tok = toks[p++];
    if (tok?.v !== v) throw new ODataError(`Invalid filter clause: expected '${v}'.`);
  };
  const field = (): string => {
    const tok = toks[p++];
    if (tok?.t !== 'ident') throw new ODataError('Invalid filter clause: expected a property name.');
    const name = [...fields].find((f) => f.toLowerCase() === tok.v.toLowerCase());
    if (!name) throw new ODataError(`Invalid filter clause: could not find a property named '${tok.v}' that supports filtering.`);
    return name;
  };
  const literal = (): Literal => {
    const tok = toks[p++];
    if (!tok) throw new ODataError('Invalid filter clause: expected a value.');
    if (tok.t === 'str') return tok.v;
    if (tok.t === 'num') return Number(tok.v);
    if (tok.t === 'ident') {
      const w = tok.v.toLowerCase();
      if (w === 'true' || w === 'false') return w === 'true';
      if (w === 'null') return null;
      if (!Number.isNaN(Date.parse(tok.v))) return tok.v; // unquoted DateTimeOffset
    }
    throw new ODataError(`Invalid filter clause: unexpected '${tok.v}'.`);
  };
  const primary = (): Filter => {
    if (peek()?.v === '(') {
      p++;
      const e = or();
      expect(')');
      return e;
    }
    if (isWord('not')) {
      p++;
      return { kind: 'not', expr: primary() };
    }
    const tok = peek();
    const fn = tok?.t === 'ident' ? tok.v.toLowerCase() : '';
    if ((fn === 'startswith' || fn === 'endswith' || fn === 'contains') && toks[p + 1]?.v === '(') {
      p += 2;
      const f = field();
      expect(',');
      const v = literal();
      expect(')');
      if (typeof v !== 'string') throw new ODataError(`Invalid filter clause: ${fn} needs a string.`);
      return { kind: 'fn', name: fn, field: f, value: v };
    }
    const f = field();
    const opTok = toks[p++];
    const op = opTok?.v.toLowerCase();
    if (op !== 'eq' && op !== 'ne' && op !== 'gt' && op !== 'ge' && op !== 'lt' && op !== 'le') {
      throw new ODataError(`Invalid filter clause: unsupported operator '${opTok?.v ?? ''}'.`);
    }
    return { kind: 'cmp', op, field: f, value: literal() };
  };
  const and = (): Filter => {
    let left = primary();
    while (isWord('and')) {
      p++;
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  };
  const or = (): Filter => {
    let left = and();
    while (isWord('or')) {
      p++;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };
  const result = or();
  if (p !== toks.length) throw new ODataError(`Invalid filter clause: unexpected '${toks[p].v}'.`);
  return result;
}

export function matches(f: Filter, rec: Record<string, unknown>): boolean {
  switch (f.kind) {
    case 'and':
      return matches(f.left, rec) && matches(f.right, rec);
    case 'or':
      return matches(f.left, rec) || matches(f.right, rec);
    case 'not':
      return !matches(f.expr, rec);
    case 'fn': {
      const v = rec[f.field];
      if (typeof v !== 'string') return false;
      const a = v.toLowerCase();
      const b = f.value.toLowerCase();
      return f.name === 'startswith' ? a.startsWith(b) : f.name === 'endswith' ? a.endsWith(b) : a.includes(b);
    }
    case 'cmp':
      return compare(f.op, rec[f.field], f.value);
  }
}

function compare(op: string, actual: unknown, expected: Literal): boolean {
  if (op === 'eq' || op === 'ne') {
    const eq =
      typeof actual === 'string' && typeof expected === 'string'
        ? actual.toLowerCase() === expected.toLowerCase()
        : (actual === '' ? null : (actual ?? null)) === expected;
    return op === 'eq' ? eq : !eq;
  }
  let a: number;
  let b: number;
  if (typeof actual === 'number' && typeof expected === 'number') [a, b] = [actual, expected];
  else if (typeof actual === 'string' && typeof expected === 'string') [a, b] = [Date.parse(actual), Date.parse(expected)];
  else return false;
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  return op === 'gt' ? a > b : op === 'ge' ? a >= b : op === 'lt' ? a < b : a <= b;
}

/** `$select=a,b`; throws on a property the type does not have (as Graph answers 400). */
export function parseSelect(src: string | null, fields: ReadonlySet<string>, typeName: string): string[] | null {
  if (src === null || src.trim() === '') return null;
  return src.split(',').map((raw) => {
    const name = [...fields].find((f) => f.toLowerCase() === raw.trim().toLowerCase());
    if (!name) throw new ODataError(`Could not find a property named '${raw.trim()}' on type 'microsoft.graph.${typeName}'.`);
    return name;
  });
}

export function project(rec: Record<string, unknown>, select: string[] | null): Record<string, unknown> {
  if (!select) return rec;
  const out: Record<string, unknown> = {};
  for (const k of select) out[k] = rec[k];
  return out;
}

/** `$orderby=field [asc|desc]` (one field); returns a comparator, or null when absent. */
export function parseOrderBy(src: string | null, fields: ReadonlySet<string>): ((a: Record<string, unknown>, b: Record<string, unknown>) => number) | null {
  if (src === null || src.trim() === '') return null;
  const m = /^\s*(\w+)(?:\s+(asc|desc))?\s*$/i.exec(src);
  const name = m ? [...fields].find((f) => f.toLowerCase() === m[1].toLowerCase()) : undefined;
  if (!m || !name) throw new ODataError(`Invalid $orderby '${src}': one property, optionally followed by asc or desc.`);
  const dir = m[2]?.toLowerCase() === 'desc' ? -1 : 1;
  return (a, b) => {
    const x = String(a[name] ?? '').toLowerCase();
    const y = String(b[name] ?? '').toLowerCase();
    return x < y ? -dir : x > y ? dir : 0;
  };
}

/**
 * Graph's managedDevices answers `startswith` with *contains* matches and stops at 1,000 without a next
 * link (microsoft-graph-docs #11809, #21956): the filter as that endpoint really applies it, and whether it did.
 */
export function startswithAsContains(f: Filter): { filter: Filter; lax: boolean } {
  switch (f.kind) {
    case 'fn':
      return f.name === 'startswith' ? { filter: { ...f, name: 'contains' }, lax: true } : { filter: f, lax: false };
    case 'and':
    case 'or': {
      const l = startswithAsContains(f.left);
      const r = startswithAsContains(f.right);
      return { filter: { kind: f.kind, left: l.filter, right: r.filter }, lax: l.lax || r.lax };
    }
    case 'not': {
      const e = startswithAsContains(f.expr);
      return { filter: { kind: 'not', expr: e.filter }, lax: e.lax };
    }
    case 'cmp':
      return { filter: f, lax: false };
  }
}
