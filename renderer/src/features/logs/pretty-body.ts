// The detail pane's message with a JSON or XML body indented, safely: only bodies up to PRETTY_CAP
// characters are tried, anything that does not parse (or whose tags do not balance) is shown as it
// is, and nothing here throws. The text before and after the body is kept.

export const PRETTY_CAP = 512 * 1024;

export interface Pretty {
  text: string;
  kind: 'json' | 'xml' | null;
}

function prettyJson(text: string): string | null {
  const start = text.search(/[{[]/);
  if (start < 0) return null;
  const end = Math.max(text.lastIndexOf('}'), text.lastIndexOf(']'));
  if (end <= start) return null;
  try {
    const value: unknown = JSON.parse(text.slice(start, end + 1));
    if (typeof value !== 'object' || value === null) return null;
    return `${text.slice(0, start)}${JSON.stringify(value, null, 2)}${text.slice(end + 1)}`;
  } catch {
    return null;
  }
}

/** Indents XML one element a line; null unless every tag closes in order. */
function prettyXml(text: string): string | null {
  const start = text.indexOf('<');
  const end = text.lastIndexOf('>');
  if (start < 0 || end <= start || !/^<[?!A-Za-z_]/.test(text.slice(start))) return null;
  const tokens = text.slice(start, end + 1).split(/(<[^<>]+>)/).filter((t) => t.trim() !== '');
  const open: string[] = [];
  const lines: string[] = [];
  for (const t of tokens) {
    const pad = '  '.repeat(open.length);
    if (!t.startsWith('<')) {
      if (t.includes('<') || t.includes('>')) return null;
      lines.push(`${pad}${t.trim()}`);
      continue;
    }
    const close = /^<\/([^\s>]+)\s*>$/.exec(t);
    if (close) {
      if (open.pop() !== close[1]) return null;
      // <a>text</a> stays on one line
      const last = lines.length - 1;
      if (last >= 1 && !lines[last].trimStart().startsWith('<') && lines[last - 1].trimStart().startsWith(`<${close[1]}`)) {
        lines[last - 1] += `${lines.pop()?.trim()}${t}`;
      } else lines.push(`${'  '.repeat(open.length)}${t}`);
      continue;
    }
    lines.push(`${pad}${t}`);
    const name = /^<([A-Za-z_][^\s/>]*)/.exec(t);
    if (name && !t.endsWith('/>')) open.push(name[1]);
  }
  if (open.length) return null;
  return `${text.slice(0, start)}${lines.join('\n')}${text.slice(end + 1)}`;
}

export function prettyBody(text: string): Pretty {
  if (text.length > PRETTY_CAP) return { text, kind: null };
  try {
    const json = prettyJson(text);
    if (json !== null) return { text: json, kind: 'json' };
    const xml = prettyXml(text);
    if (xml !== null) return { text: xml, kind: 'xml' };
  } catch {
    /* shown as it is */
  }
  return { text, kind: null };
}
