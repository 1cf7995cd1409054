// The files of the session: format, encoding, size, colour in the merged view, and a time offset
// override per file (IME logs carry no zone, so merging them with Hub logs may need one).
import { useLogs } from './store.ts';
import { fileLabels, fileSize } from './format.ts';
import { fileColours } from './LogTable.tsx';

export function FilesPanel() {
  const { session, setOffset } = useLogs();
  if (!session) return null;
  const labels = fileLabels(session.files);
  return (
    <ul className="files-panel" aria-label="Open files">
      {session.files.map((f, i) => (
        <li key={f.path}>
          <span className="file-swatch" style={{ background: fileColours[i % fileColours.length] }} aria-hidden="true" />
          <span className="file-name" title={f.path}>
            {labels[i]}
          </span>
          <span className="muted">
            {f.format} · {f.encoding} · {fileSize(f.bytes)}
          </span>
          {session.files.length > 1 && (
            <label className="offset">
              offset
              <input
                type="number"
                step={30}
                min={-1440}
                max={1440}
                defaultValue={f.offsetMinutes}
                aria-label={`Time offset in minutes for ${f.path}`}
                onBlur={(e) => {
                  const minutes = Number(e.target.value);
                  if (Number.isInteger(minutes) && minutes !== f.offsetMinutes) void setOffset(i, minutes);
                }}
              />
              min
            </label>
          )}
        </li>
      ))}
    </ul>
  );
}
