// Maps a scroll position to a row index and back. Browsers cap an element's height near 33.5 M px, so a
// list taller than MAX_SCROLL_PX is drawn over a shorter spacer and the position is scaled: row
// 10,000,000 at 20 px is still reachable by the scrollbar, keyboard and jumps.
export const MAX_SCROLL_PX = 8_000_000;

export interface ScrollGeometry {
  rowCount: number;
  rowHeight: number;
  viewportHeight: number;
}

/** Height of the spacer that gives the scrollbar its range. */
export function spacerHeight(g: ScrollGeometry): number {
  return Math.min(g.rowCount * g.rowHeight, MAX_SCROLL_PX);
}

function ranges(g: ScrollGeometry) {
  const visibleRows = Math.max(1, Math.floor(g.viewportHeight / g.rowHeight));
  const maxFirst = Math.max(0, g.rowCount - visibleRows);
  const maxScroll = Math.max(0, spacerHeight(g) - g.viewportHeight);
  return { maxFirst, maxScroll };
}

/** The first (fractional) row shown at a scroll position. */
export function rowAtScroll(g: ScrollGeometry, scrollTop: number): number {
  const { maxFirst, maxScroll } = ranges(g);
  if (maxScroll <= 0) return 0;
  if (g.rowCount * g.rowHeight <= MAX_SCROLL_PX) return Math.min(maxFirst, scrollTop / g.rowHeight);
  return (Math.min(Math.max(scrollTop, 0), maxScroll) / maxScroll) * maxFirst;
}

/** The scroll position that shows `row` first. */
export function scrollForRow(g: ScrollGeometry, row: number): number {
  const { maxFirst, maxScroll } = ranges(g);
  const clamped = Math.min(Math.max(row, 0), maxFirst);
  if (g.rowCount * g.rowHeight <= MAX_SCROLL_PX) return clamped * g.rowHeight;
  return maxFirst === 0 ? 0 : (clamped / maxFirst) * maxScroll;
}
