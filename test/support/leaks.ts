// Leak scan: given the secrets a run produced (access/refresh/ID tokens, codes, client secrets, API keys,
// passwords) and where to look (texts, files, folders), reports every place one of them appears — raw,
// URL-encoded, base64 or base64url (also inside "user:password" Basic credentials the caller lists).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface LeakTarget {
  /** A name for the report, e.g. "ipc result accounts" or a file path. */
  label: string;
  text?: string;
  /** A file or a folder (scanned recursively, binary files included as latin1 and utf8 and utf16le). */
  path?: string;
}

export interface Leak {
  where: string;
  secret: string;
  /** Which form matched: raw, url, base64, base64url, utf16le. */
  form: string;
  /** A few characters around the hit, with the secret itself masked. */
  context: string;
}

export function encodedForms(secret: string): Array<{ form: string; value: string }> {
  const forms = [
    { form: 'raw', value: secret },
    { form: 'url', value: encodeURIComponent(secret) },
    { form: 'form', value: new URLSearchParams({ x: secret }).toString().slice(2) },
    { form: 'json', value: JSON.stringify(secret).slice(1, -1) },
  ];
  // base64 of a string depends on its offset mod 3 inside the encoded text; check all three alignments.
  for (let shift = 0; shift < 3; shift++) {
    const b64 = Buffer.from(`${'\0'.repeat(shift)}${secret}`).toString('base64');
    // drop the characters that mix in the padding bytes and the tail that depends on what follows
    const start = shift === 0 ? 0 : Math.ceil(((shift + 1) * 4) / 3);
    const core = b64.slice(start, Math.floor(((shift + Buffer.byteLength(secret)) * 4) / 3) - 1);
    if (core.length >= 12) {
      forms.push({ form: 'base64', value: core });
      forms.push({ form: 'base64url', value: core.replace(/\+/g, '-').replace(/\//g, '_') });
    }
  }
  const seen = new Set<string>();
  return forms.filter((f) => f.value.length >= 6 && !seen.has(f.value) && seen.add(f.value));
}

export function findLeaks(secrets: Iterable<string>, targets: LeakTarget[]): Leak[] {
  const list = [...new Set([...secrets].filter((s) => s && s.length >= 6))];
  const texts: Array<{ where: string; text: string }> = [];
  for (const t of targets) {
    if (t.text !== undefined) texts.push({ where: t.label, text: t.text });
    if (t.path) for (const file of walk(t.path)) texts.push(...readAsTexts(file));
  }
  const leaks: Leak[] = [];
  for (const secret of list) {
    const forms = encodedForms(secret);
    for (const { where, text } of texts) {
      for (const f of forms) {
        const at = text.indexOf(f.value);
        if (at < 0) continue;
        const context = `${text.slice(Math.max(0, at - 30), at)}[SECRET]${text.slice(at + f.value.length, at + f.value.length + 30)}`;
        leaks.push({ where, secret: `${secret.slice(0, 6)}…(${secret.length})`, form: f.form, context });
        break;
      }
    }
  }
  return leaks;
}

function walk(path: string): string[] {
  let st;
  try {
    st = statSync(path);
  } catch {
    return [];
  }
  if (st.isFile()) return [path];
  if (!st.isDirectory()) return [];
  return readdirSync(path).flatMap((name) => walk(join(path, name)));
}

function readAsTexts(file: string): Array<{ where: string; text: string }> {
  const data = readFileSync(file);
  return [
    { where: file, text: data.toString('utf8') },
    { where: `${file} (utf16le)`, text: data.toString('utf16le') },
  ];
}
