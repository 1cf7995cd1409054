// Text with the find pattern's matches marked (the row's message and the detail pane).
import type { LogTextQuery } from '../../../../electron/common/logs.ts';
import { matchRanges } from './match-ranges.ts';

export function Marked({ text, query, maxChars }: { text: string; query: LogTextQuery | null; maxChars?: number }) {
  const ranges = matchRanges(text, query, maxChars);
  if (!ranges.length) return <>{text}</>;
  const parts: React.ReactNode[] = [];
  let at = 0;
  ranges.forEach(([start, end], k) => {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(
      <mark key={k} className="find-mark">
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  });
  parts.push(text.slice(at));
  return <>{parts}</>;
}
