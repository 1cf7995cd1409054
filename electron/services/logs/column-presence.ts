// Which of a format's columns have a value in some record of the whole file, found while indexing (the
// table hides the others). Time and level come from the index itself; component, thread and source are
// noted by the scanners of formats where they are optional (CMTrace attributes, Serilog JSON properties),
// each checked only until it is first seen. Other formats always fill the columns they declare.
import type { LogColumn } from '../../common/logs.ts';

export const Col = { Component: 1, Thread: 2, Source: 4 } as const;
export const ALL_OPTIONAL = Col.Component | Col.Thread | Col.Source;

/** True when `name` (ending in `="` or `":`) occurs in b[from, to) with a non-empty value after it. */
export function valueAfter(b: Buffer, name: Buffer, from: number, to: number): boolean {
  for (let i = b.indexOf(name, from); i >= 0 && i + name.length < to; i = b.indexOf(name, i + 1)) {
    let v = i + name.length;
    while (v < to && b[v] === 32) v++;
    if (v >= to) return false;
    // `=""` (CMTrace) or `:""` (JSON) is empty; `:"x"`, `:12` and `:null` are values.
    if (name[name.length - 1] === 34 ? b[v] !== 34 : !(b[v] === 34 && b[v + 1] === 34)) return true;
  }
  return false;
}

/** The declared columns that hold a value somewhere in the file. */
export function presentColumns(declared: readonly LogColumn[], filled: number | undefined, timed: boolean, levelCounts: ArrayLike<number>): LogColumn[] {
  let levels = 0;
  for (let l = 1; l < levelCounts.length; l++) levels += levelCounts[l]; // 0 is Lvl.None
  const bits = filled ?? ALL_OPTIONAL;
  return declared.filter((c) => {
    switch (c) {
      case 'time':
        return timed;
      case 'level':
        return levels > 0;
      case 'component':
        return (bits & Col.Component) !== 0;
      case 'thread':
        return (bits & Col.Thread) !== 0;
      case 'source':
        return (bits & Col.Source) !== 0;
      default:
        return true;
    }
  });
}
