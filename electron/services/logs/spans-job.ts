// Where a technician's pattern matches in the texts the viewer shows, for highlighting the rows and the
// detail pane (sent as they are on screen, so a pretty-printed body is marked as displayed). The pattern
// (RE2, or V8 under the host's budget, see user-regex.ts and spans.ts) runs in a log worker; offsets are
// UTF-16 code units.
import type { LogTextQuery } from '../../common/logs.ts';
import { compileUserRegex } from './user-regex.ts';

export interface SpansJob {
  texts: string[];
  text: LogTextQuery;
  /** Spans kept per text. */
  maxSpans: number;
}

/** [start, end) spans of the non-empty matches per text, in the job's order; null when stopped. */
export function runSpans(job: SpansJob, shouldStop: () => boolean): [number, number][][] | null {
  const re = compileUserRegex(job.text);
  const out: [number, number][][] = [];
  for (const text of job.texts) {
    if (shouldStop()) return null;
    const spans: [number, number][] = [];
    for (let at = 0, hit = re.exec(text, 0); hit && spans.length < job.maxSpans; hit = re.exec(text, at)) {
      if (hit[1] > hit[0]) spans.push(hit);
      at = Math.max(hit[1], hit[0] + 1);
    }
    out.push(spans);
  }
  return out;
}
