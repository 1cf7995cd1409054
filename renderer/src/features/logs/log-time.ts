// Times in the time filter as the log writes them. The shape is learnt from one record whose time is
// known both as written ("4-1-2026 16:07:29.751") and as a number: each run of digits is matched to the
// field with that value, giving a template ("M-D-YYYY hh:mm:ss.fff") to show and a field order to read
// typed times with. Logs whose times lack a date fall back to ISO ("YYYY-MM-DD hh:mm:ss").

type Field = 'Y' | 'M' | 'D' | 'h' | 'm' | 's' | 'f';

export interface LogTimeFormat {
  fields: Field[];
  template: string;
  /** The learnt record's time as written, up to the template's last field ("" for ISO). */
  example: string;
}

export const isoTimeFormat: LogTimeFormat = { fields: ['Y', 'M', 'D', 'h', 'm', 's', 'f'], template: 'YYYY-MM-DD hh:mm:ss', example: '' };

const order: Field[] = ['Y', 'M', 'D', 'h', 'm', 's', 'f'];

/** The format of a record's time as written, given the same time in ms (wall clock read as UTC). */
export function learnTimeFormat(written: string, timeMs: number): LogTimeFormat {
  const d = new Date(timeMs);
  const value: Record<Field, number> = { Y: d.getUTCFullYear(), M: d.getUTCMonth() + 1, D: d.getUTCDate(), h: d.getUTCHours(), m: d.getUTCMinutes(), s: d.getUTCSeconds(), f: d.getUTCMilliseconds() };
  const fields: Field[] = [];
  let template = '';
  let at = 0;
  for (const g of written.matchAll(/\d+/g)) {
    const n = Number(g[0]);
    const field = order.find((f) => !fields.includes(f) && (f === 'f' ? fields.includes('s') && Number(g[0].slice(0, 3).padEnd(3, '0')) === value.f : n === value[f]));
    if (!field) {
      if (fields.includes('s')) break; // a zone or bias after the time
      continue;
    }
    template += written.slice(at, g.index) + (field === 'Y' ? 'YYYY' : field.repeat(g[0].length));
    at = (g.index ?? 0) + g[0].length;
    fields.push(field);
  }
  return ['Y', 'M', 'D', 'h', 'm'].every((f) => fields.includes(f as Field)) ? { fields, template, example: written.slice(0, at) } : isoTimeFormat;
}

const unitMs: Record<Field, number> = { Y: 0, M: 0, D: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, f: 1 };

/**
 * A typed time read in the log's field order, as ms on the records' clock; `end` makes it the last ms of
 * what was typed ("16:07" up to 16:07:59.999). NaN when it lacks a date or a number is out of range.
 */
export function parseLogTime(typed: string, fmt: LogTimeFormat, end = false): number {
  const groups = typed.match(/\d+/g) ?? [];
  if (groups.length < 3) return NaN;
  const v: Record<Field, number> = { Y: 0, M: 1, D: 1, h: 0, m: 0, s: 0, f: 0 };
  const given: Field[] = [];
  groups.slice(0, fmt.fields.length).forEach((g, i) => {
    const f = fmt.fields[i];
    v[f] = f === 'f' ? Number(g.slice(0, 3).padEnd(3, '0')) : Number(g);
    given.push(f);
  });
  if (!['Y', 'M', 'D'].every((f) => given.includes(f as Field))) return NaN;
  if (v.M < 1 || v.M > 12 || v.D < 1 || v.D > 31 || v.h > 23 || v.m > 59 || v.s > 59) return NaN;
  const ms = Date.UTC(v.Y, v.M - 1, v.D, v.h, v.m, v.s, v.f);
  const finest = order.filter((f) => given.includes(f)).pop() ?? 'D';
  return end ? ms + unitMs[finest] - 1 : ms;
}
