// A summary of Win32 app processing in IME logs (AppWorkload, IntuneManagementExtension): which apps were
// handled, how many error records followed each, and the error codes they carried. The app a line belongs
// to is the last app id mentioned before it, so this is a guide to where to look, not an exact ledger.
import type { LogLevel, Win32AppAttempt } from '../../../common/logs.ts';
import { findErrorCodes } from '../error-codes.ts';

export interface ImeRecord {
  index: number;
  time: string | null;
  level: LogLevel;
  message: string;
}

const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** Where IME names the app a line is about (one table, correct it when IME's wording changes). */
const appIdPatterns = [
  new RegExp(`\\bapp(?:lication)?(?: with)? ?id[:= ]+'?(${GUID})`, 'i'),
  new RegExp(`\\bfor app[: ]+(${GUID})`, 'i'),
  new RegExp(`"AppId"\\s*:\\s*"(${GUID})"`, 'i'),
];

export class Win32AppSummary {
  private readonly apps = new Map<string, Win32AppAttempt>();
  private current: Win32AppAttempt | null = null;

  constructor(private readonly file: string) {}

  add(r: ImeRecord): void {
    if (!r.message.includes('Win32App') && !this.current) return;
    for (const re of appIdPatterns) {
      const m = re.exec(r.message);
      if (!m) continue;
      const id = m[1].toLowerCase();
      let app = this.apps.get(id);
      if (!app) {
        app = { file: this.file, appId: id, firstRecord: r.index, start: r.time, errors: 0, errorCodes: [], lastError: null };
        this.apps.set(id, app);
      }
      this.current = app;
      break;
    }
    const app = this.current;
    if (!app) return;
    const codes = findErrorCodes(r.message).map((c) => c.code).filter((c) => c !== '0');
    if (r.level === 'error' || r.level === 'fatal') {
      app.errors++;
      app.lastError = r.message.split('\n')[0].slice(0, 500);
    }
    for (const c of codes) if (!app.errorCodes.includes(c)) app.errorCodes.push(c);
  }

  done(): Win32AppAttempt[] {
    return [...this.apps.values()];
  }
}
