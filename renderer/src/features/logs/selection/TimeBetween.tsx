// The status bar under the records: with two records selected (Ctrl/Shift+click, Shift+↓), the time
// between them. Each record is read alone (one row each), wherever the view has scrolled.
import { useEffect, useState } from 'react';
import { call } from '../../../api.ts';
import { fileLabels } from '../format.ts';
import { useLogs } from '../store.ts';
import { timeBetween } from './time-between.ts';
import './selection.css';

export function TimeBetween() {
  const { session, viewId, anchor, selected, generation } = useLogs();
  const two = session && anchor !== null && selected !== null && anchor !== selected;
  const key = two ? `${session.id}|${viewId ?? ''}|${anchor}|${selected}|${generation}` : null;
  const [said, setSaid] = useState<{ key: string; text: string } | null>(null);
  const setText = (text: string) => key && setSaid({ key, text });
  useEffect(() => {
    if (!key || !session || anchor === null || selected === null) return;
    let live = true;
    const one = (first: number) => call('logsWindow', { session: session.id, viewId, first, count: 1 }).then((w) => w.records[0]);
    void Promise.all([one(anchor), one(selected)])
      .then(([a, b]) => live && a && b && setText(timeBetween(a, b, session.files, fileLabels(session.files))))
      .catch(() => live && setText('The two records could not be read again.'));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (!key) return null;
  const text = said?.key === key ? said.text : null;
  return (
    <p className="logs-status" role="status" id="time-between">
      {text ?? 'Timing the two records…'}
    </p>
  );
}
