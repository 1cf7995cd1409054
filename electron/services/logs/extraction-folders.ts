// The folders zip entries are extracted to: each names its owner process, so the folders a crashed or
// killed process left behind are removed at the next start-up while a live process's stay.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

export const EXTRACT_PREFIX = 'sdh-logs-extract-';
export const OWNER_FILE = '.owner-pid';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Removes extraction folders left in `tempDir` by processes that ended without closing their sessions.
 * Folders of live processes, this one included, stay. Resolves to how many were removed.
 */
export function removeLeftoverExtractions(tempDir: string): Promise<number> {
  return removeLeftoverFolders(tempDir, EXTRACT_PREFIX);
}

/** Removes folders named `prefix…` in `tempDir` whose owner process has ended (index spills use it too). */
export async function removeLeftoverFolders(tempDir: string, prefix: string): Promise<number> {
  const names = await readdir(tempDir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const dir = join(tempDir, name);
    const owner = Number(await readFile(join(dir, OWNER_FILE), 'utf8').catch(() => 'NaN'));
    if (Number.isInteger(owner) && owner > 0 && alive(owner)) continue;
    await rm(dir, { recursive: true, force: true }).catch(() => {});
    removed++;
  }
  return removed;
}
