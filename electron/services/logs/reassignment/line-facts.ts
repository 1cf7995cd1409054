// What a log line says, read without one fixed wording: its tokens typed by meaning (a Windows account
// `DOMAIN\user`, a UPN, a GUID, an HTTP status, a wait such as `120 seconds` or `00:02:00`, a try count
// `2/3` or `2 of 3`, an endpoint path, an identifier attribute name) and phrase lookups.
// Linear time by construction: the line is cut into disjoint tokens by one scan, each token is typed by
// anchored expressions whose character classes cannot overlap at their joins (no backtracking across a
// token), and phrases are found with indexOf. Nothing here is a regular expression over the whole line.

export type FactType = 'user' | 'account' | 'upn' | 'guid' | 'status' | 'wait' | 'count' | 'number' | 'path' | 'attribute' | 'join' | 'word' | 'rest';

export interface Token {
  text: string;
  lower: string;
  /** Offset of the token in the line. */
  start: number;
}

const ACCOUNT = /^[A-Za-z0-9][\w.-]*\\[\w.$-]+$/;
const UPN = /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/;
const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;
const HMS = /^\d{1,3}:\d\d:\d\d(?:\.\d{1,7})?$/;
const NUMBER_UNIT = /^(\d{1,7}(?:\.\d{1,3})?)(ms|s|sec|secs|m|min|mins)$/;
const FRACTION = /^(\d{1,4})\/(\d{1,4})$/;
const UNITS: Record<string, number> = { ms: 1, millisecond: 1, milliseconds: 1, s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000, m: 60000, min: 60000, mins: 60000, minute: 60000, minutes: 60000 };
const STATUS_BEFORE = new Set(['http', 'status', 'code', 'statuscode', 'http/1.1', 'http/2', 'returned', 'error']);
const ATTRIBUTES = new Set(['userprincipalname', 'upn', 'objectguid', 'objectid', 'samaccountname', 'email', 'mail', 'emailaddress', 'objectsid', 'employeeid', 'username', 'distinguishedname']);
const JOIN = /^(?:hybrid)?(?:azure ?ad|entra(?:id)?|domain|ad|workplace)?joined$|^workgroup$/i;

/** Splits a line into tokens (runs between spaces, quotes, brackets and separators); trailing punctuation dropped. */
export function tokenize(line: string): Token[] {
  const out: Token[] = [];
  for (const m of line.matchAll(/[^\s'"`(),;<>[\]{}|=]+/g)) {
    const text = m[0].replace(/[.,:!?]+$/, '');
    if (text) out.push({ text, lower: text.toLowerCase(), start: m.index });
  }
  return out;
}

/** Milliseconds of a wait written `00:02:00`, `120s`, or a number followed by its unit token. */
export function waitMs(tokens: Token[], i: number): number | null {
  const t = tokens[i];
  if (HMS.test(t.text)) {
    const [h, m, s] = t.text.split(':');
    return ((+h * 60 + +m) * 60 + Number(s)) * 1000;
  }
  const nu = NUMBER_UNIT.exec(t.lower);
  if (nu) return Math.round(Number(nu[1]) * UNITS[nu[2]]);
  const unit = tokens[i + 1] ? UNITS[tokens[i + 1].lower] : undefined;
  if (/^\d{1,7}(?:\.\d{1,3})?$/.test(t.text) && unit) return Math.round(Number(t.text) * unit);
  return null;
}

/** The value a token has as a fact of this type, or null. */
export function factOf(type: FactType, tokens: Token[], i: number): string | null {
  const t = tokens[i];
  switch (type) {
    case 'account':
      return ACCOUNT.test(t.text) ? t.text : null;
    case 'upn':
      return UPN.test(t.text) ? t.text : null;
    case 'user':
      return ACCOUNT.test(t.text) || UPN.test(t.text) ? t.text : null;
    case 'guid':
      return GUID.test(t.text) ? t.text.replace(/[{}]/g, '').toLowerCase() : null;
    case 'status': {
      const glued = /^http\/?(?:\d(?:\.\d)?)?[:=]?([1-5]\d\d)$/.exec(t.lower);
      if (glued) return glued[1];
      return /^[1-5]\d\d$/.test(t.text) && i > 0 && STATUS_BEFORE.has(tokens[i - 1].lower.replace(/[:=]$/, '')) ? t.text : null;
    }
    case 'wait': {
      const ms = waitMs(tokens, i);
      return ms === null ? null : String(ms);
    }
    case 'count': {
      const f = FRACTION.exec(t.text);
      if (f) return `${f[1]}/${f[2]}`;
      const of = tokens[i + 1]?.lower === 'of' ? tokens[i + 2] : undefined;
      return /^\d{1,4}$/.test(t.text) && of && /^\d{1,4}$/.test(of.text) ? `${t.text}/${of.text}` : null;
    }
    case 'number':
      return /^\d{1,12}$/.test(t.text) ? t.text : null;
    case 'path':
      return /^(?:https?:\/\/[^\s/]+)?\/[\w/.%~-]*$/.test(t.text) && t.text.length > 1 ? t.text : null;
    case 'attribute':
      return ATTRIBUTES.has(t.lower.replace(/[:=]$/, '')) ? t.text.replace(/[:=]$/, '') : null;
    case 'join':
      return JOIN.test(t.text) ? t.text : null;
    case 'word':
      return t.text.replace(/^[:=]+/, '') || null;
    default:
      return null;
  }
}

/** Where the first of `phrases` occurs in `lower` (a phrase starting with a letter or digit only at a word start), or null. */
export function findPhrase(lower: string, phrases: readonly string[], from = 0): { at: number; end: number } | null {
  let best: { at: number; end: number } | null = null;
  for (const p of phrases) {
    for (let at = lower.indexOf(p, from); at >= 0; at = lower.indexOf(p, at + 1)) {
      if (at > 0 && /[a-z0-9]/.test(p[0]) && /[a-z0-9]/.test(lower[at - 1])) continue;
      if (!best || at < best.at) best = { at, end: at + p.length };
      break;
    }
  }
  return best;
}

/** The line up to its first clause separator (`:` `;` ` - `): the subject of the sentence. */
export function headOf(line: string): { head: string; rest: string } {
  const m = /[:;]\s|\s[-–]\s/.exec(line);
  return m ? { head: line.slice(0, m.index), rest: line.slice(m.index + m[0].length).trim() } : { head: line, rest: '' };
}
