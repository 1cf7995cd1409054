// A small JSON file in the app's data folder, read through its schema and written atomically (temp file +
// rename, as the settings file is), so a crash never leaves half a file. Unreadable means empty.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { z } from 'zod';

export function readJsonFile<T extends z.ZodType>(path: string, schema: T, empty: z.output<T>): z.output<T> {
  try {
    const parsed = schema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : empty;
  } catch {
    return empty; // missing or unreadable: the next write repairs it
  }
}

export function writeJsonFile(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, JSON.stringify(value), { mode: 0o600 });
  renameSync(tmp, path);
}
