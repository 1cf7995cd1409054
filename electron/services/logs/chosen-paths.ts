// What the renderer may open (docs/logs-open-rule.md). Paths main itself got from the technician — the
// Open dialog, the recent list, a file association, the command line — become opaque handles minted here.
// Paths the renderer supplies (typed, dropped) open directly only when they name a file that looks like a
// log; anything else needs main's own confirmation, and is refused with a sentence naming the rule without it.
import { randomBytes } from 'node:crypto';
import { lstat, realpath, stat } from 'node:fs/promises';
import { basename, isAbsolute, resolve, sep } from 'node:path';
import { AppError } from '../../common/errors.ts';
import { logLikeExtensions, type LogGrant } from '../../common/logs.ts';

export const typedPathRule = `Typed or dropped paths open directly only when they name a file that looks like a log (${logLikeExtensions.join(', ')}); folders and other files open through Open… (Ctrl+O) or after the desktop app asks you.`;

/** Opaque handles for paths main got from the technician; valid for this run of the app. */
export class LogGrants {
  private readonly byHandle = new Map<string, string>();
  private readonly byPath = new Map<string, string>();

  grant(path: string): LogGrant {
    let handle = this.byPath.get(path);
    if (!handle) {
      handle = randomBytes(18).toString('base64url');
      this.byHandle.set(handle, path);
      this.byPath.set(path, handle);
    }
    return { handle, label: path };
  }

  /** The paths behind handles main minted; any other handle is refused as a whole. */
  resolve(handles: readonly string[]): string[] {
    return handles.map((h) => {
      const path = this.byHandle.get(h);
      if (path === undefined) throw new AppError('not_found', 'That log is no longer in the list: open it again (Ctrl+O).');
      return path;
    });
  }
}

const looksLikeLog = (name: string): boolean => logLikeExtensions.some((ext) => name.toLowerCase().endsWith(ext));
/** \\server\share, //server/share, \\?\ and \\.\ device paths: never from typed text (they reach the network). */
const isUncShaped = (path: string): boolean => /^[\\/]{2}/.test(path);

export type TypedPathVerdict = { kind: 'open' } | { kind: 'confirm' } | { kind: 'refused'; message: string };

/**
 * What to do with one path the renderer supplied: open it, ask the technician in main first, or refuse.
 * A file opens directly when both its name and its real target's name look like a log and it is a regular
 * file; `a.zip!/entry` paths are judged by the zip. A missing file that looks like a log opens (the session
 * says "no such file"). Nothing inside `privateDirs` (the app's data folder) opens, whatever its name.
 */
export async function typedPathVerdict(path: string, privateDirs: readonly string[] = []): Promise<TypedPathVerdict> {
  const refused = (why: string): TypedPathVerdict => ({ kind: 'refused', message: `${JSON.stringify(path.slice(0, 300))} was not opened: ${why}. ${typedPathRule}` });
  if (path.includes('\0')) return refused('it contains a NUL character');
  if (isUncShaped(path)) return refused('network (UNC) and device paths are not opened from typed text');
  if (!isAbsolute(path)) return refused('it is not a full path');
  const bang = path.search(/\.zip!\//i);
  const file = bang >= 0 ? path.slice(0, bang + 4) : path;
  const real = await realpath(file).catch(() => null);
  if ([resolve(file), real].some((p) => p !== null && privateDirs.some((dir) => p === dir || p.startsWith(`${dir}${sep}`)))) {
    return refused("it is inside the app's own data folder (settings, profiles, cache, token cache)");
  }
  if (!looksLikeLog(basename(file))) return { kind: 'confirm' };
  // Missing: the session says so. A link to nowhere (yet) is not judged by its own name.
  if (real === null) return (await lstat(file).catch(() => null)) ? { kind: 'confirm' } : { kind: 'open' };
  const st = await stat(real).catch(() => null);
  if (!st?.isFile() || !looksLikeLog(basename(real)) || isUncShaped(real)) return { kind: 'confirm' };
  return { kind: 'open' };
}

/**
 * Checks every path the renderer supplied; resolves when all may open (after at most one confirmation in
 * main for those that need it), throws `not_allowed` naming the rule otherwise.
 */
export async function checkTypedPaths(paths: readonly string[], confirm: ((paths: string[]) => Promise<boolean>) | undefined, privateDirs: readonly string[] = []): Promise<void> {
  const needConfirm: string[] = [];
  const privateReal = await Promise.all(privateDirs.map(async (d) => [resolve(d), await realpath(d).catch(() => resolve(d))]));
  for (const path of paths) {
    const verdict = await typedPathVerdict(path, privateReal.flat());
    if (verdict.kind === 'refused') throw new AppError('not_allowed', verdict.message);
    if (verdict.kind === 'confirm') needConfirm.push(path);
  }
  if (!needConfirm.length) return;
  if (!confirm) throw new AppError('not_allowed', `${needConfirm.map((p) => JSON.stringify(p.slice(0, 300))).join(', ')} not opened: this is not a log file name, and only the desktop app can ask you first. ${typedPathRule}`);
  if (!(await confirm(needConfirm))) throw new AppError('not_allowed', `Not opened: you declined. ${typedPathRule}`);
}
