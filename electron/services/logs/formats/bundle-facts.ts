// Bundle facts of an open log session: the dsregcmd /status output among its files, read whole (it is a
// few kilobytes) and turned into join state, PRT and diagnosis lines.
import { closeSync, openSync, readSync } from 'node:fs';
import type { BundleFacts } from '../../../common/bundle-facts.ts';
import type { LogEncoding, LogFormat } from '../../../common/logs.ts';
import { decodeText } from '../encoding.ts';
import { dsregcmdFacts } from './dsregcmd-facts.ts';

export interface BundleFile {
  /** Path as the session shows it. */
  path: string;
  /** Where its bytes are (an extracted zip entry, or the path itself). */
  fsPath: string;
  format: LogFormat;
  encoding: LogEncoding;
}

/** A dsregcmd output bigger than this is not one. */
const MAX_BYTES = 1 << 20;

function readHead(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(MAX_BYTES);
    return b.subarray(0, readSync(fd, b, 0, MAX_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}

/** The facts of the session's first dsregcmd output (null when it has none). */
export function bundleFactsOf(files: readonly BundleFile[]): BundleFacts {
  const f = files.find((x) => x.format === 'dsregcmd');
  if (!f) return { dsregcmdPath: null, dsregcmd: null };
  const text = decodeText(readHead(f.fsPath), f.encoding).replace(/^\uFEFF/, '');
  return { dsregcmdPath: f.path, dsregcmd: dsregcmdFacts(text) };
}
