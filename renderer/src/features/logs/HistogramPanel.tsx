// Records and errors over time; a click on a bar jumps to its first record.
import { useLogs } from './store.ts';

export function HistogramPanel() {
  const { histogram, revealRow } = useLogs();
  if (!histogram) return <p className="muted">Counting…</p>;
  if (histogram.length === 0) return <p className="muted">These records carry no times.</p>;
  const max = Math.max(1, ...histogram.map((b) => b.records));
  const first = new Date(histogram[0].startMs).toISOString().replace('T', ' ').slice(0, 19);
  const last = new Date(histogram[histogram.length - 1].endMs).toISOString().replace('T', ' ').slice(0, 19);
  return (
    <div className="histogram">
      <div className="histogram-bars" role="group" aria-label="Records over time">
        {histogram.map((b) => (
          <button
            type="button"
            key={b.startMs}
            className="histogram-bar"
            title={`${new Date(b.startMs).toISOString().slice(0, 19)}: ${b.records} records, ${b.errors} errors, ${b.warnings} warnings`}
            onClick={() => b.records > 0 && revealRow(b.firstPosition)}
          >
            <span className="bar-all" style={{ height: `${(b.records / max) * 100}%` }} />
            <span className="bar-errors" style={{ height: `${(b.errors / max) * 100}%` }} />
          </button>
        ))}
      </div>
      <div className="histogram-axis">
        <span>{first}</span>
        <span>{last}</span>
      </div>
    </div>
  );
}
