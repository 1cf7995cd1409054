// The peers of the log engine benchmark (wc, grep, ripgrep, lnav and our own CLI): each run is timed, its
// exit status checked and its count read; a peer that fails stops the benchmark.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

export const round = (n: number, d = 3): number => Math.round(n * 10 ** d) / 10 ** d;

export interface PeerRun {
  seconds: number;
  out: string;
  status: number;
}

/**
 * Best of `runs` wall-clock seconds (the machine is shared: the best run is the least disturbed one, for
 * us and for them). `okStatus` lists the exit codes that mean success (grep and rg exit 1 for no match).
 */
export function timed(cmd: string, args: string[], runs: number, okStatus: number[] = [0]): PeerRun {
  let best = Infinity, out = '', status = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 600_000 });
    const s = (performance.now() - t0) / 1000;
    status = r.status ?? -1;
    if (!okStatus.includes(status)) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status ?? r.signal}: ${(r.stderr ?? '').slice(0, 300)}`);
    best = Math.min(best, s);
    out = r.stdout ?? '';
  }
  return { seconds: round(best), out, status };
}

/** A line count from `grep -c` / `rg -c` / `wc -l` (exit 1 with "0" is no match). */
export function count(cmd: string, args: string[], runs: number): { seconds: number; count: number } {
  const r = timed(cmd, args, runs, [0, 1]);
  const n = Number(r.out.trim().split(/\s+/)[0]);
  if (!Number.isInteger(n) || (r.status === 1 && n !== 0)) throw new Error(`${cmd} ${args.join(' ')}: no count in ${JSON.stringify(r.out.slice(0, 200))}`);
  return { seconds: r.seconds, count: n };
}

/**
 * lnav, headless: its time counts only when it read the file (a count of its records came back);
 * otherwise the reason is given instead of a time.
 */
export function lnav(path: string): { seconds: number; records: number } | { read: false; why: string } {
  const r = spawnSync('lnav', ['-n', '-c', ';SELECT count(*) AS n FROM all_logs', path], { encoding: 'utf8', timeout: 600_000, maxBuffer: 16 << 20 });
  const t0 = performance.now();
  const again = spawnSync('lnav', ['-n', '-c', ';SELECT count(*) AS n FROM all_logs', path], { encoding: 'utf8', timeout: 600_000, maxBuffer: 16 << 20 });
  const seconds = (performance.now() - t0) / 1000;
  const n = Number((again.stdout ?? '').trim().split('\n').pop()?.trim());
  if (r.status !== 0 || again.status !== 0) return { read: false, why: `exit ${again.status ?? again.signal}: ${(again.stderr ?? '').trim().slice(0, 200)}` };
  if (!Number.isInteger(n) || n <= 0) return { read: false, why: `no records counted (output ${JSON.stringify((again.stdout ?? '').slice(0, 200))})` };
  return { seconds: round(seconds), records: n };
}

/**
 * Explains a record-vs-line difference: every match ripgrep finds (`rg -b -o`, its byte offset) must fall
 * in one of our matching records, and the records holding them must be exactly ours.
 */
export function explainLines(path: string, fixed: boolean, pattern: string, records: { offset: number; length: number }[]): { rgMatches: number; outsideOurRecords: number; ourRecordsHoldingThem: number; explained: boolean } {
  const r = spawnSync('rg', ['-b', '--no-filename', '--no-line-number', '-o', ...(fixed ? ['-F'] : []), '--', pattern, path], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const starts = (r.stdout ?? '')
    .split('\n')
    .filter(Boolean)
    .map((l) => Number(l.slice(0, l.indexOf(':'))));
  const holding = new Set<number>();
  let k = 0, outside = 0;
  for (const s of starts) {
    while (k < records.length && records[k].offset + records[k].length <= s) k++;
    if (k < records.length && records[k].offset <= s) holding.add(k);
    else outside++;
  }
  return { rgMatches: starts.length, outsideOurRecords: outside, ourRecordsHoldingThem: holding.size, explained: outside === 0 && holding.size === records.length };
}

/** CPU seconds of each thread of this process so far, by thread id (Linux /proc; empty elsewhere). */
export function threadSeconds(): Map<string, number> {
  const out = new Map<string, number>();
  let tids: string[] = [];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th (clock ticks).
      const f = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
      out.set(tid, (Number(f[11]) + Number(f[12])) / TICKS);
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

const TICKS = 100; // USER_HZ, 100 on Linux

/**
 * CPU seconds spent since `before` (a threadSeconds() result) by the main thread and by the others (the
 * log workers, plus V8's and libuv's helper threads), and by the busiest other thread: on a shared machine
 * they tell our own cost apart from waiting for a core. 10 ms resolution.
 */
export function cpuSince(before: Map<string, number>): { main: number; others: number; busiest: number } {
  let main = 0, others = 0, busiest = 0;
  for (const [tid, s] of threadSeconds()) {
    const d = s - (before.get(tid) ?? 0);
    if (tid === String(process.pid)) main = d;
    else {
      others += d;
      busiest = Math.max(busiest, d);
    }
  }
  return { main: round(main, 2), others: round(others, 2), busiest: round(busiest, 2) };
}
