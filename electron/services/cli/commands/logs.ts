// `sdh logs stats|search|explain`: the log engine without the app.
// `stats` and `search` on plain files take the quick way (../logs-fast.ts) and load nothing else; the
// session (the app's logs service, its worker and zod) loads only for what needs one.
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { logLevels } from '../../../common/log-levels.ts';
import type { LogFileStats, LogLevel } from '../../../common/logs.ts';
import { intFlag, parseArgs, stringFlag } from '../args.ts';
import { help } from './help.ts';
import { UsageError, type CliGroup, type CliIo } from '../command.ts';
import { paintLevel, paints } from '../paint.ts';
import { countStats, searchFiles } from '../logs-fast.ts';
import type { LogsService } from '../../logs/service.ts';

async function withSession<T>(io: CliIo, paths: string[], fn: (svc: LogsService, id: string, problems: string[]) => Promise<T>): Promise<T> {
  const { LogsService } = await import('../../logs/service.ts');
  const svc = new LogsService({ tempDir: io.env.SDH_TEMP_DIR ?? tmpdir(), workerUrl: io.logsWorkerUrl });
  const info = await svc.open(
    paths.map((p) => resolve(io.cwd, p)),
    { signal: io.signal },
  );
  try {
    await svc.whenIndexed(info.id);
    return await fn(svc, info.id, info.problems);
  } finally {
    await svc.close(info.id);
  }
}

function out(io: CliIo, json: boolean, value: unknown, text: () => string): void {
  io.stdout.write(json ? `${JSON.stringify(value)}\n` : text());
}

export const logsGroup: CliGroup = {
  name: 'logs',
  ...help.logs,
  async run(args, io) {
    const [cmd, ...rest] = args;
    const p = parseArgs(rest, { values: ['level', 'limit'], switches: ['regex', 'case'] });
    const json = p.flags.has('json');
    const paint = paints(io);
    const warn = (problems: string[]): void => problems.forEach((m) => io.stderr.write(`${paint.err.yellow('warning:')} ${m}\n`));
    switch (cmd) {
      case 'stats': {
        if (!p.positionals.length) throw new UsageError('logs stats needs at least one path');
        const show = (files: LogFileStats[]): number => {
          out(io, json, { files }, () =>
            files
              .map((f) => `${f.path}\n  ${f.format} ${f.encoding} ${f.records} records, ${f.levels.error} errors, ${f.levels.warning} warnings, ${f.unparsed} unparsed\n  ${f.first ?? '-'} … ${f.last ?? '-'}\n`)
              .join(''),
          );
          return 0;
        };
        // Plain files are counted without an index; the rest open as a session.
        const counted = await countStats(io, p.positionals);
        if (counted) return show(counted);
        return withSession(io, p.positionals, async (svc, id, problems) => {
          warn(problems);
          return show(await svc.stats(id));
        });
      }
      case 'search': {
        const [pattern, ...paths] = p.positionals;
        if (!pattern || !paths.length) throw new UsageError('logs search needs a PATTERN and at least one path');
        const levelArg = stringFlag(p, 'level');
        const levels = levelArg?.split(',').map((l) => l.trim().toLowerCase());
        for (const l of levels ?? []) if (!logLevels.includes(l as LogLevel)) throw new UsageError(`unknown level "${l}" (one of ${logLevels.join(', ')})`);
        const limit = intFlag(p, 'limit', 0) ?? 10000;
        const text = { pattern, regex: p.flags.has('regex'), caseSensitive: p.flags.has('case') };
        const quick = await searchFiles(io, paths, text, levels as LogLevel[] | undefined, limit);
        if (quick) {
          // Found without an index: records are named by byte offset (numbering them would mean indexing).
          const matches = quick.flatMap((f) => f.records.map((r) => ({ file: f.path, offset: r.offset, time: r.time, level: r.level, line: r.message.split(/\r?\n/)[0] }))).slice(0, limit);
          const total = quick.reduce((a, f) => a + f.matches, 0);
          out(io, json, { total, matches }, () => matches.map((m) => `${m.file}@${m.offset} ${m.time ?? ''} [${paintLevel(paint.out, m.level)}] ${m.line}\n`).join('') + `${total} matching records\n`);
          return total > 0 ? 0 : 1;
        }
        return withSession(io, paths, async (svc, id, problems) => {
          warn(problems);
          const info = await svc.whenIndexed(id);
          const res = await svc.filter(id, { text, levels: levels as LogLevel[] | undefined }, undefined, io.signal);
          const matches: { file: string; index: number; time: string | null; level: string; line: string }[] = [];
          for (let first = 0; first < Math.min(res.matches, limit); first += 1000) {
            const w = await svc.window(id, first, Math.min(1000, limit - first), res.viewId);
            for (const r of w.records) matches.push({ file: info.files[r.file].path, index: r.index, time: r.time, level: r.level, line: r.message.split(/\r?\n/)[0] });
          }
          out(io, json, { total: res.matches, matches }, () => matches.map((m) => `${m.file}:${m.index} ${m.time ?? ''} [${paintLevel(paint.out, m.level)}] ${m.line}\n`).join('') + `${res.matches} matching records\n`);
          return res.matches > 0 ? 0 : 1;
        });
      }
      case 'explain': {
        if (!p.positionals.length) throw new UsageError('logs explain needs at least one path');
        return withSession(io, p.positionals, async (svc, id, problems) => {
          warn(problems);
          const attempts = await svc.explain(id, io.signal);
          out(io, json, { attempts }, () =>
            attempts.length
              ? attempts.map((a) => `${a.start ?? '?'} ${a.windowsUser ?? '?'}: ${a.outcome} (${a.reason}, ${a.retries} retries)\n  ${a.verdict}\n`).join('')
              : 'No reassignment attempts found.\n',
          );
          return 0;
        });
      }
      case 'apps': {
        if (!p.positionals.length) throw new UsageError('logs apps needs at least one path');
        return withSession(io, p.positionals, async (svc, id, problems) => {
          warn(problems);
          const apps = await svc.win32Apps(id, io.signal);
          out(io, json, { apps }, () =>
            apps.length
              ? apps.map((a) => `${a.appId} ${a.start ?? '?'}: ${a.errors} error records${a.errorCodes.length ? ` (${a.errorCodes.join(', ')})` : ''}\n`).join('')
              : 'No Win32 apps found.\n',
          );
          return 0;
        });
      }
      case 'ime': {
        if (!p.positionals.length) throw new UsageError('logs ime needs at least one path');
        return withSession(io, p.positionals, async (svc, id, problems) => {
          warn(problems);
          const timeline = await svc.imeTimeline(id, [], io.signal);
          const { imeTimelineText } = await import('../../logs/ime/timeline-text.ts');
          out(io, json, timeline, () => imeTimelineText(timeline));
          return 0;
        });
      }
      default:
        throw new UsageError(cmd ? `unknown logs command "${cmd}" (stats, search, explain, apps or ime)` : 'logs needs a command: stats, search, explain, apps or ime');
    }
  },
};
