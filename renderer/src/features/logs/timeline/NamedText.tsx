// Text with the GUIDs the logs or the tenant name shown as their names; the GUID stays on hover. The
// text around them keeps the find pattern's marks (Marked).
import { Fragment } from 'react';
import type { LogTextQuery } from '../../../../../electron/common/logs.ts';
import { Marked } from '../Marked.tsx';
import { useInsight } from './insight-store.ts';

const GUID_SRC = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const HAS_GUID = new RegExp(GUID_SRC);

export function NamedText({ text, query = null, maxChars }: { text: string; query?: LogTextQuery | null; maxChars?: number }) {
  const names = useInsight((s) => s.names);
  if (!names.size || !HAS_GUID.test(text)) return <Marked text={text} query={query} maxChars={maxChars} />;
  const parts: (string | { id: string; name: string })[] = [];
  let at = 0;
  for (const m of text.matchAll(new RegExp(GUID_SRC, 'g'))) {
    const n = names.get(m[0].toLowerCase());
    if (!n) continue;
    parts.push(text.slice(at, m.index), { id: m[0], name: n.name });
    at = m.index + m[0].length;
  }
  parts.push(text.slice(at));
  return (
    <>
      {parts.map((p, i) =>
        typeof p === 'string' ? (
          <Fragment key={i}>
            <Marked text={p} query={query} maxChars={maxChars} />
          </Fragment>
        ) : (
          <abbr key={i} className="guid-name" title={p.id}>
            {p.name}
          </abbr>
        ),
      )}
    </>
  );
}
