// The area list: a vertical tab list with roving focus (arrow keys, Home, End).
import { useRef, type KeyboardEvent } from 'react';
import { areas, useApp } from './store.ts';

const icons: Record<(typeof areas)[number]['id'], string> = { lookup: '⌕', logs: '☰', changes: '⇄' };

export function Nav() {
  const area = useApp((s) => s.area);
  const setArea = useApp((s) => s.setArea);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);

  const onKeyDown = (e: KeyboardEvent, index: number) => {
    const last = areas.length - 1;
    const target = { ArrowDown: index === last ? 0 : index + 1, ArrowUp: index === 0 ? last : index - 1, Home: 0, End: last }[e.key];
    if (target === undefined) return;
    e.preventDefault();
    setArea(areas[target].id);
    refs.current[target]?.focus();
  };

  return (
    <nav className="nav" aria-label="Areas">
      <div role="tablist" aria-orientation="vertical">
        {areas.map((a, i) => (
          <button
            key={a.id}
            ref={(el) => {
              refs.current[i] = el;
            }}
            role="tab"
            id={`tab-${a.id}`}
            aria-selected={area === a.id}
            aria-controls="main"
            tabIndex={area === a.id ? 0 : -1}
            className="nav-item"
            title={`${a.hint} (Ctrl+${a.key})`}
            onClick={() => setArea(a.id)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            <span className="nav-icon" aria-hidden="true">
              {icons[a.id]}
            </span>
            <span className="nav-label">{a.label}</span>
            <kbd className="nav-key">Ctrl+{a.key}</kbd>
          </button>
        ))}
      </div>
    </nav>
  );
}
