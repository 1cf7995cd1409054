// Learns how the open log writes its times from its first timed record, for the time filter.
import { useEffect } from 'react';
import { call } from '../../api.ts';
import { isoTimeFormat, learnTimeFormat } from './log-time.ts';
import { useLogs } from './store.ts';

export function useLogTimeFormat(): void {
  const session = useLogs((s) => s.session?.id);
  const generation = useLogs((s) => s.generation);
  const setTimeFormat = useLogs((s) => s.setTimeFormat);
  const known = useLogs((s) => s.timeFormat !== isoTimeFormat);
  useEffect(() => {
    if (!session) return setTimeFormat(isoTimeFormat);
  }, [session, setTimeFormat]);
  useEffect(() => {
    if (!session || known) return;
    let live = true;
    void (async () => {
      const at = await call('logsLocate', { session, target: 'first-timed' });
      if (at === null) return;
      const [r] = (await call('logsWindow', { session, first: at, count: 1 })).records;
      if (live && r?.time && r.timeMs !== null) setTimeFormat(learnTimeFormat(r.time, r.timeMs));
    })().catch(() => {});
    return () => {
      live = false;
    };
  }, [session, generation, known, setTimeFormat]);
}
