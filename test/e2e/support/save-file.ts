// A stand-in for the Save dialog: writes into the app's data directory and remembers each path.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppHarness, StartOptions } from './app-harness.ts';

export function saveIntoDataDir(app: () => AppHarness, saved: string[]): NonNullable<StartOptions['saveFile']> {
  return async (name, content) => {
    const path = join(app().dataDir, name);
    writeFileSync(path, content);
    saved.push(path);
    return path;
  };
}
