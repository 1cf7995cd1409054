// Bundle facts of an open log session: the dsregcmd /status output among its files, read whole (it is a
// few kilobytes; at most 1 MiB is read, asynchronously, so main's event loop never waits on the disk)
// and turned into join state, PRT and diagnosis lines.
import { open } from 'node:fs/promises';
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

/** A dsregcmd output bigger than this is not one: only its first MAX_BYTES are read. */
export const MAX_BYTES = 1 << 20;

async function readHead(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(MAX_BYTES);
    const { bytesRead } = await fh.read(b, 0, MAX_BYTES, 0);
    return b.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** The facts of the session's first dsregcmd output (null when it has none). */
export async function bundleFactsOf(files: readonly BundleFile[]): Promise<BundleFacts> {
  const f = files.find((x) => x.format === 'dsregcmd');
  if (!f) return { dsregcmdPath: null, dsregcmd: null };
  const text = decodeText(await readHead(f.fsPath), f.encoding).replace(/^\uFEFF/, '');
  return { dsregcmdPath: f.path, dsregcmd: dsregcmdFacts(text) };
}
