// The technician's preferences (theme, recent files, ...): a small JSON file in the data folder.
// Never holds a secret. Written atomically (temp file + rename) so a crash cannot leave half a file.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { themeSchema } from '../../common/app.ts';
import { logsLayoutSchema } from '../../common/logs.ts';

const settingsSchema = z.object({
  theme: themeSchema.default('system'),
  /** Log files, folders and zips opened lately, newest first. */
  recentLogs: z.array(z.string()).max(20).default([]),
  /** The tenant profiles in use; none means the demo tenant. */
  activeProfiles: z.object({ intune: z.string().nullable(), ws1: z.string().nullable() }).default({ intune: null, ws1: null }),
  /** The logs viewer's column widths per format and wrap (the renderer keeps nothing in web storage). */
  logsLayout: logsLayoutSchema.default({ wrap: true, widths: {} }),
});
export type Settings = z.infer<typeof settingsSchema>;

export class SettingsStore {
  private readonly file: string;
  private current: Settings;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.file = join(dataDir, 'settings.json');
    this.current = this.load();
  }

  get(): Settings {
    return this.current;
  }

  update(patch: Partial<Settings>): Settings {
    this.current = settingsSchema.parse({ ...this.current, ...patch });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.current, null, 2), { mode: 0o600 });
    renameSync(tmp, this.file);
    return this.current;
  }

  /** Puts paths at the front of the recent-logs list (no duplicates, at most 20). */
  rememberLogs(paths: string[]): void {
    const recentLogs = [...paths, ...this.current.recentLogs.filter((p) => !paths.includes(p))].slice(0, 20);
    this.update({ recentLogs });
  }

  private load(): Settings {
    try {
      return settingsSchema.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch {
      return settingsSchema.parse({}); // missing or unreadable: defaults, and the next write repairs it
    }
  }
}
