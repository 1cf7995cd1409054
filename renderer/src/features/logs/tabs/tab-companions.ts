// The find box and the IME timeline keep their state per tab: saved when a tab is hidden, put back when
// it shows again (a timeline still loading is not kept; it loads again when its tab shows).
import { useFind } from '../find-store.ts';
import { useInsight } from '../timeline/insight-store.ts';
import { registerTabCompanion } from './companions.ts';

registerTabCompanion('find', {
  save: () => {
    const { query, marked, status } = useFind.getState();
    // a find still running answers no more once its tab is hidden
    return { query, marked, status: status?.kind === 'busy' ? null : status };
  },
  restore: (saved) => {
    if (saved) useFind.setState({ ...(saved as object), query: { ...(saved as ReturnType<typeof useFind.getState>).query } });
    else useFind.setState({ query: { pattern: '', regex: false, caseSensitive: false }, marked: null, status: null });
  },
});

registerTabCompanion('insight', {
  save: () => {
    const { sessionId, timeline, sessions, names, error } = useInsight.getState();
    return timeline && sessions ? { sessionId, timeline, sessions, names, error } : null;
  },
  restore: (saved) => useInsight.setState(saved ? (saved as object) : { sessionId: null, timeline: null, sessions: null, names: new Map(), error: null }),
});
