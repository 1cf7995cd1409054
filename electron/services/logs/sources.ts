// Turns what the technician opened (files, folders, zips, `a.zip!/entry` paths) into plain files to index.
// Zip entries are extracted to a private temp folder under flat generated names, so no entry name ever
// becomes a path; unsafe entries are refused with a sentence, zip bombs stop the whole archive. One byte
// budget, entry count and aggregate ratio hold over everything opened at once, nested archives included.
import { createWriteStream } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import yauzl from 'yauzl';
import { AppError } from '../../common/errors.ts';
import { EXTRACT_PREFIX, OWNER_FILE } from './extraction-folders.ts';

export interface ZipLimits {
  /** Largest uncompressed entry. */
  maxEntryBytes: number;
  /** Largest total uncompressed size of everything opened at once, nested archives included. */
  maxTotalBytes: number;
  /**
   * Largest uncompressed / compressed ratio of an entry over 1 MiB, and of all entries extracted so far
   * once they pass 1 MiB together (text logs compress ~10-30×): many small entries are judged together.
   */
  maxRatio: number;
  /** Most entries in all the archives opened at once, nested archives included. */
  maxEntries: number;
  maxDepth: number;
}

export const defaultZipLimits: ZipLimits = {
  maxEntryBytes: 8 * 1024 ** 3,
  maxTotalBytes: 32 * 1024 ** 3,
  maxRatio: 200,
  maxEntries: 20000,
  maxDepth: 4,
};

/** What one open has extracted so far, over every archive and nested archive: one budget for all. */
export interface ZipBudget {
  bytes: number;
  compressed: number;
  entries: number;
}

const RATIO_FLOOR = 1024 * 1024;

/** A folder walk stops after this many matching files, or this many entries looked at (each folder opened). */
export const defaultFolderCaps = { maxFolderFiles: 5000, maxFolderEntries: 200_000 };

export const defaultIncludePatterns = ['*.log', '*.lo_', '*.txt', '*.json', '*.jsonl', '*.evtx'];

export interface ResolvedFile {
  /** What the technician sees: a file path, or `bundle.zip!/folder/entry.log`. */
  displayPath: string;
  /** Where the bytes are read from. */
  fsPath: string;
}

export interface ResolvedSources {
  files: ResolvedFile[];
  problems: string[];
  /** Removes extracted entries. */
  cleanup(): Promise<void>;
}

export interface ResolveOptions {
  include?: string[];
  tempDir: string;
  limits?: Partial<ZipLimits>;
  /** Caps of one folder walk (defaultFolderCaps). */
  maxFolderFiles?: number;
  maxFolderEntries?: number;
  signal?: AbortSignal;
  /** Bytes extracted so far (of the entries being extracted), per zip entry written. */
  onExtract?: (bytesDone: number, bytesTotal: number, entry: string) => void;
}

export function globToRegExp(patterns: string[]): RegExp {
  const parts = patterns.map((p) => p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.'));
  return new RegExp(`^(?:${parts.join('|')})$`, 'i');
}

const isZipName = (name: string): boolean => /\.zip$/i.test(name);

export async function resolveSources(sources: string[], opts: ResolveOptions): Promise<ResolvedSources> {
  const include = globToRegExp(opts.include ?? defaultIncludePatterns);
  const limits = { ...defaultZipLimits, ...opts.limits };
  const files: ResolvedFile[] = [];
  const problems: string[] = [];
  let extractRoot: string | null = null;
  let counter = 0;
  const budget: ZipBudget = { bytes: 0, compressed: 0, entries: 0 };
  const extractDir = async (): Promise<string> => {
    if (!extractRoot) {
      await mkdir(opts.tempDir, { recursive: true });
      extractRoot = await mkdtemp(join(opts.tempDir, EXTRACT_PREFIX));
      // Who owns the folder: a start-up sweep leaves folders of live processes alone.
      await writeFile(join(extractRoot, OWNER_FILE), String(process.pid), { mode: 0o600 });
    }
    return extractRoot;
  };

  async function addZip(fsPath: string, display: string, depth: number, only: string | null): Promise<void> {
    if (depth > limits.maxDepth) {
      problems.push(`${display}: zips nested deeper than ${limits.maxDepth} levels are not opened.`);
      return;
    }
    const found: ResolvedFile[] = [];
    try {
      const nested = await extractZip(fsPath, display, limits, budget, await extractDir(), () => counter++, problems, opts.signal, opts.onExtract, (name) =>
        only !== null ? name === only || only.startsWith(`${name}!/`) : include.test(basename(name)) || isZipName(name),
      );
      for (const e of nested) {
        if (isZipName(e.name) && (only === null || only.startsWith(`${e.name}!/`))) {
          await addZip(e.fsPath, `${display}!/${e.name}`, depth + 1, only === null ? null : only.slice(e.name.length + 2));
        } else found.push({ displayPath: `${display}!/${e.name}`, fsPath: e.fsPath });
      }
    } catch (err) {
      if (opts.signal?.aborted) throw new AppError('cancelled', 'Opening the logs was cancelled.');
      if (err instanceof AppError && err.code === 'cancelled') throw err;
      problems.push(err instanceof AppError ? err.message : `${display}: the zip could not be read (${(err as Error).message}).`);
      return;
    }
    if (only !== null && found.length === 0 && !problems.some((p) => p.startsWith(display))) problems.push(`${display}!/${only}: no such entry in the zip.`);
    files.push(...found);
  }

  const caps = { maxFolderFiles: opts.maxFolderFiles ?? defaultFolderCaps.maxFolderFiles, maxFolderEntries: opts.maxFolderEntries ?? defaultFolderCaps.maxFolderEntries };
  /** Walks a folder by pattern, up to the caps; false once a cap stopped it. */
  async function addFolder(dir: string, walk: { top: string; files: number; entries: number }): Promise<boolean> {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      opts.signal?.throwIfAborted();
      if (walk.files >= caps.maxFolderFiles || ++walk.entries > caps.maxFolderEntries) {
        problems.push(`${walk.top}: stopped after ${walk.files} files (a folder opens at most ${caps.maxFolderFiles} files and looks at ${caps.maxFolderEntries} entries); open a smaller folder.`);
        return false;
      }
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!(await addFolder(p, walk))) return false;
      } else if (e.isFile() && isZipName(e.name)) {
        walk.files++;
        await addZip(p, p, 1, null);
      } else if (e.isFile() && include.test(e.name)) {
        walk.files++;
        files.push({ displayPath: p, fsPath: p });
      }
      // symlinks and special files are skipped: a folder scan never leaves the folder
    }
    return true;
  }

  for (const source of sources) {
    const bang = source.search(/\.zip!\//i);
    try {
      if (bang >= 0) {
        const zipPath = source.slice(0, bang + 4);
        await stat(zipPath);
        await addZip(zipPath, zipPath, 1, source.slice(bang + 6));
        continue;
      }
      const st = await lstat(source);
      if (st.isDirectory()) await addFolder(source, { top: source, files: 0, entries: 0 });
      else if (st.isFile() && isZipName(source)) await addZip(source, source, 1, null);
      else if (st.isFile()) files.push({ displayPath: source, fsPath: source });
      else problems.push(`${source}: not a regular file or folder.`);
    } catch (err) {
      if (opts.signal?.aborted) throw new AppError('cancelled', 'Opening the logs was cancelled.');
      if (err instanceof AppError) throw err;
      problems.push(`${source}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (err as Error).message}.`);
    }
  }
  return {
    files,
    problems,
    cleanup: async () => {
      if (extractRoot) await rm(extractRoot, { recursive: true, force: true });
    },
  };
}

/** All entries extracted so far, once past 1 MiB together, may not compress better than `maxRatio`. */
function checkAggregateRatio(bytes: number, compressed: number, limits: ZipLimits, bomb: (why: string) => AppError): void {
  if (bytes > RATIO_FLOOR && bytes / Math.max(1, compressed) > limits.maxRatio) throw bomb(`its entries together compress ${Math.round(bytes / Math.max(1, compressed))}:1`);
}

interface Extracted {
  name: string;
  fsPath: string;
}

/** Why an entry name is unsafe, or null. */
export function unsafeEntryReason(name: string): string | null {
  if (name.includes('\0')) return 'its name contains a NUL character';
  if (/^([a-zA-Z]:|\/|\/\/)/.test(name)) return 'it has an absolute path';
  if (name.split('/').includes('..')) return 'its path climbs out of the archive (zip-slip)';
  return null;
}

function decodeName(entry: yauzl.Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  const text = (entry.generalPurposeBitFlag & 0x800) !== 0 ? raw.toString('utf8') : raw.toString('latin1');
  return text.replace(/\\/g, '/');
}

async function extractZip(
  zipPath: string,
  display: string,
  limits: ZipLimits,
  budget: ZipBudget,
  outDir: string,
  nextId: () => number,
  problems: string[],
  signal: AbortSignal | undefined,
  onExtract: ResolveOptions['onExtract'],
  wanted: (name: string) => boolean,
): Promise<Extracted[]> {
  const zip = await new Promise<yauzl.ZipFile>((res, rej) =>
    yauzl.open(zipPath, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false }, (err, z) => (err ? rej(err) : res(z))),
  );
  const out: Extracted[] = [];
  const bomb = (why: string): AppError => new AppError('invalid_input', `${display}: refused, ${why} (possible zip bomb).`);
  try {
    budget.entries += zip.entryCount;
    if (budget.entries > limits.maxEntries) throw bomb(`it holds ${zip.entryCount} entries, more than ${limits.maxEntries} with the archives opened with it`);
    const entries: yauzl.Entry[] = [];
    await new Promise<void>((res, rej) => {
      zip.on('entry', (e: yauzl.Entry) => {
        entries.push(e);
        zip.readEntry();
      });
      zip.on('end', res);
      zip.on('error', rej);
      zip.readEntry();
    });
    const wantedTotal = entries.reduce((a, e) => (wanted(decodeName(e)) ? a + e.uncompressedSize : a), 0);
    for (const entry of entries) {
      if (signal?.aborted) throw new AppError('cancelled', 'Opening the logs was cancelled.');
      const name = decodeName(entry);
      if (name.endsWith('/')) continue;
      const unsafe = unsafeEntryReason(name);
      if (unsafe) {
        problems.push(`${display}!/${name}: entry refused because ${unsafe}.`);
        continue;
      }
      const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
      if (mode === 0o120000) {
        problems.push(`${display}!/${name}: entry refused because it is a symbolic link.`);
        continue;
      }
      if (!wanted(name)) continue;
      if ((entry.generalPurposeBitFlag & 0x1) !== 0) {
        problems.push(`${display}!/${name}: entry skipped because it is encrypted.`);
        continue;
      }
      if (entry.uncompressedSize > limits.maxEntryBytes) throw bomb(`entry ${name} would unpack to ${entry.uncompressedSize} bytes`);
      if (entry.uncompressedSize > 1024 * 1024 && entry.uncompressedSize / Math.max(1, entry.compressedSize) > limits.maxRatio)
        throw bomb(`entry ${name} compresses ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))}:1`);
      if (budget.bytes + entry.uncompressedSize > limits.maxTotalBytes) throw bomb(`with the archives opened with it, it would unpack to more than ${limits.maxTotalBytes} bytes`);
      checkAggregateRatio(budget.bytes + entry.uncompressedSize, budget.compressed + entry.compressedSize, limits, bomb);
      const fsPath = join(outDir, `${nextId()}-${basename(name).replace(/[^\w.-]/g, '_')}`);
      const stream = await new Promise<NodeJS.ReadableStream>((res, rej) => zip.openReadStream(entry, (err, s) => (err ? rej(err) : res(s))));
      // Count real bytes too: declared sizes can lie (yauzl also checks them).
      let seen = 0;
      const guard = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          seen += chunk.length;
          budget.bytes += chunk.length;
          if (seen > limits.maxEntryBytes || seen > Math.max(RATIO_FLOOR, entry.compressedSize * limits.maxRatio) || budget.bytes > limits.maxTotalBytes) cb(bomb(`entry ${name} unpacks beyond its limits`));
          else cb(null, chunk);
        },
      });
      await pipeline(stream, guard, createWriteStream(fsPath, { flags: 'wx', mode: 0o600 }), { signal });
      budget.compressed += entry.compressedSize;
      checkAggregateRatio(budget.bytes, budget.compressed, limits, bomb);
      out.push({ name, fsPath });
      onExtract?.(budget.bytes, wantedTotal, `${display}!/${name}`);
    }
  } finally {
    zip.close();
  }
  return out;
}
