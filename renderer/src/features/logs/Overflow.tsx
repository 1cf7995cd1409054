// An overflow menu for the tools that do not fit the toolbar's one row: a button that opens a panel
// right after it in the tab order (so the keyboard reaches everything in it); Escape or a click outside
// closes it and gives the focus back to the button.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

export function Overflow({ label, children }: { label: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const outside = (e: MouseEvent) => !root.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);
  return (
    <div
      className="overflow"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button type="button" ref={button} aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {label} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="overflow-panel" id={id} role="group" aria-label={label}>
          {children}
        </div>
      )}
    </div>
  );
}
