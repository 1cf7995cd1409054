// The audit chain's anchor: the last sequence number and hash, kept apart from the audit database, so
// that cutting entries off the end of the trail (which leaves a valid chain behind) is still noticed.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface Anchor {
  seq: number;
  hash: string;
}

export interface AnchorStore {
  /** null before the first entry; 'unreadable' when the anchor was damaged (verify reports it). */
  read(): Anchor | 'unreadable' | null;
  /** Moves the anchor forward; never back (another process may have written a later one). */
  advance(a: Anchor): void;
}

export function memoryAnchor(): AnchorStore {
  let cur: Anchor | null = null;
  return {
    read: () => cur,
    advance: (a) => {
      if (!cur || a.seq > cur.seq) cur = a;
    },
  };
}

/** A small JSON file beside (not inside) the audit database, replaced atomically. */
export function fileAnchor(path: string): AnchorStore {
  const read = (): Anchor | 'unreadable' | null => {
    if (!existsSync(path)) return null;
    try {
      const v = JSON.parse(readFileSync(path, 'utf8')) as Partial<Anchor>;
      return typeof v.seq === 'number' && typeof v.hash === 'string' ? { seq: v.seq, hash: v.hash } : 'unreadable';
    } catch {
      return 'unreadable';
    }
  };
  return {
    read,
    advance: (a) => {
      const cur = read();
      // a damaged anchor is kept as evidence until someone looks at it
      if (cur === 'unreadable' || (cur && cur.seq >= a.seq)) return;
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(a));
      renameSync(tmp, path);
    },
  };
}
