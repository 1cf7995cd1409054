// The level boxes of the filter bar. "Errors" stands for error and fatal together: ticking it adds both,
// unticking it removes both (it used to leave fatal behind, so Filter then showed 0 records).
import type { LogLevel } from '../../../../electron/common/logs.ts';

const together: Partial<Record<LogLevel, LogLevel[]>> = { error: ['error', 'fatal'] };

export function toggleLevel(levels: readonly LogLevel[], level: LogLevel): LogLevel[] {
  const group = together[level] ?? [level];
  return levels.includes(level) ? levels.filter((l) => !group.includes(l)) : [...new Set([...levels, ...group])];
}
