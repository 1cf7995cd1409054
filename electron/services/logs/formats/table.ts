// The format table: how each supported layout is recognised, split into records and shown.
// Detection runs the same byte-level recognisers the indexer uses, so both always agree.
import type { LogColumn, LogFormat } from '../../../common/logs.ts';
import {
  cbsHeader,
  isoHeader,
  jsonHeader,
  newHeader,
  msiHeader,
  serilogHeader,
  usHeader,
  type Header,
  type HeaderParser,
} from './header.ts';
import { ctimeHeader, dsregcmdHeader, mixedHeader, reportingEventsHeader } from './bundle-headers.ts';

/**
 * How records are cut: `cmtrace` ends a record at its `]LOG]!><…>` trailer; `join` starts a record at a
 * header line and keeps following non-header lines (exceptions, stack traces) with it; `separate` makes
 * every line a record; `json` is `join` with level and time read from the JSON keys.
 */
export type SplitRule = 'cmtrace' | 'join' | 'separate' | 'json' | 'evtx';

export interface FormatSpec {
  format: LogFormat;
  label: string;
  split: SplitRule;
  header?: HeaderParser;
  /** For `json`: compact (`@t`) or plain (`Timestamp`) keys. */
  compact?: boolean;
  columns: LogColumn[];
  /** Detection counts this format only in a sample holding these bytes. */
  needs?: string;
  /** Detection counts this format only when it recognises more lines than any one-style format. */
  mixed?: boolean;
}

export const formatTable: readonly FormatSpec[] = [
  { format: 'cmtrace', label: 'CMTrace', split: 'cmtrace', columns: ['time', 'level', 'component', 'thread', 'source', 'message'] },
  { format: 'reporting-events', label: 'Windows Update ReportingEvents', split: 'join', header: reportingEventsHeader, columns: ['time', 'level', 'component', 'source', 'message'] },
  { format: 'ctime-pid', label: 'Bracketed stamps with a process id', split: 'join', header: ctimeHeader, columns: ['time', 'level', 'thread', 'message'] },
  { format: 'dsregcmd', label: 'dsregcmd /status', split: 'join', header: dsregcmdHeader, needs: 'AzureAdJoined', columns: ['level', 'component', 'message'] },
  { format: 'serilog-compact-json', label: 'Serilog compact JSON', split: 'json', header: jsonHeader, compact: true, columns: ['time', 'level', 'component', 'thread', 'message'] },
  { format: 'serilog-json', label: 'Serilog JSON', split: 'json', header: jsonHeader, compact: false, columns: ['time', 'level', 'component', 'thread', 'message'] },
  { format: 'msi', label: 'Windows Installer', split: 'separate', header: msiHeader, columns: ['time', 'level', 'component', 'thread', 'message'] },
  { format: 'serilog-text', label: 'Serilog text', split: 'join', header: serilogHeader, columns: ['time', 'level', 'message'] },
  { format: 'cbs', label: 'CBS / DISM / Panther', split: 'join', header: cbsHeader, columns: ['time', 'level', 'component', 'message'] },
  { format: 'mixed-text', label: 'Timestamped text (mixed stamps)', split: 'join', header: mixedHeader, mixed: true, columns: ['time', 'level', 'message'] },
  { format: 'us-text', label: 'Timestamped text (M/D/YYYY)', split: 'join', header: usHeader, columns: ['time', 'level', 'message'] },
  { format: 'iso-text', label: 'Timestamped text (ISO)', split: 'join', header: isoHeader, columns: ['time', 'level', 'message'] },
  { format: 'raw', label: 'Plain text', split: 'separate', columns: ['message'] },
  { format: 'evtx', label: 'Windows event log', split: 'evtx', columns: ['time', 'level', 'component', 'source', 'message'] },
];

export function formatSpec(format: LogFormat): FormatSpec {
  const spec = formatTable.find((f) => f.format === format);
  if (!spec) throw new Error(`unknown log format ${format}`);
  return spec;
}

const OPENER = Buffer.from('<![LOG[');
const TRAILER = Buffer.from(']LOG]!><');

/**
 * Picks the format of a file from its first bytes, given as narrow units (one byte per character, see
 * encoding.ts). The most specific format that recognises at least 80% as many lines as the best one wins.
 */
export function detectFormat(sample: Buffer): LogFormat {
  if (sample.indexOf(OPENER) >= 0 || sample.indexOf(TRAILER) >= 0) return 'cmtrace';
  const scores = new Map<LogFormat, number>();
  const h: Header = newHeader();
  let p = 0, lines = 0;
  while (p < sample.length && lines < 400) {
    let e = sample.indexOf(10, p);
    if (e < 0) e = sample.length;
    lines++;
    for (const f of formatTable) {
      if (!f.header) continue;
      let ok = f.header(sample, p, e, h);
      if (ok && f.split === 'json') {
        const line = sample.subarray(p, e);
        ok = line.indexOf(f.compact ? '"@t"' : '"Timestamp"') >= 0;
      }
      if (ok) scores.set(f.format, (scores.get(f.format) ?? 0) + 1);
    }
    p = e + 1;
  }
  const single = Math.max(0, ...formatTable.filter((f) => !f.mixed).map((f) => scores.get(f.format) ?? 0));
  for (const f of formatTable) {
    if ((f.needs && sample.indexOf(f.needs) < 0) || (f.mixed && (scores.get(f.format) ?? 0) <= single)) scores.delete(f.format);
  }
  const best = Math.max(0, ...scores.values());
  if (best === 0) return 'raw';
  for (const f of formatTable) if ((scores.get(f.format) ?? 0) >= best * 0.8) return f.format;
  return 'raw';
}
