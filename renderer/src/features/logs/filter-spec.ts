// The filter main runs, from the technician's draft; a time that does not read in the log's format is an
// error naming the format.
import type { LogFilterSpec } from '../../../../electron/common/logs.ts';
import { UiError } from '../../api.ts';
import { parseLogTime, type LogTimeFormat } from './log-time.ts';
import type { FilterDraft } from './tabs/tab-state.ts';

export function toSpec(d: FilterDraft, fmt: LogTimeFormat): LogFilterSpec {
  const spec: LogFilterSpec = {};
  if (d.levels.length) spec.levels = d.levels;
  if (d.component.trim()) spec.components = d.component.split(',').map((s) => s.trim()).filter(Boolean);
  if (d.thread.trim()) spec.threads = d.thread.split(',').map((s) => s.trim()).filter(Boolean);
  // Times in the view are wall-clock as written, read as if UTC: typed times are read the same way.
  const time = (typed: string, name: string, end: boolean): number | undefined => {
    if (!typed.trim()) return undefined;
    const ms = parseLogTime(typed, fmt, end);
    if (Number.isNaN(ms)) throw new UiError({ code: 'invalid_input', message: `${name} time “${typed}” does not read as ${fmt.template}.` });
    return ms;
  };
  spec.fromMs = time(d.from, 'From', false);
  spec.toMs = time(d.to, 'To', true);
  if (spec.fromMs === undefined) delete spec.fromMs;
  if (spec.toMs === undefined) delete spec.toMs;
  if (d.text.pattern) spec.text = d.text;
  if (d.during) spec.timeRanges = d.during.ranges;
  if (d.like?.length) spec.like = d.like;
  return spec;
}
