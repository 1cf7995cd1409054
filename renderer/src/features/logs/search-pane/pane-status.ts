// What the search pane's head says: "3 of 41" like find, the count before a hit is chosen, or none.

export function hitsStatus(selected: number | null, total: number): string {
  if (total === 0) return 'No results';
  if (selected === null) return `${total.toLocaleString()} result${total === 1 ? '' : 's'}`;
  return `${(selected + 1).toLocaleString()} of ${total.toLocaleString()}`;
}

/** The pane's share of the height after a drag: the pointer's place in the split, kept in bounds. */
export function shareAt(pointerY: number, top: number, height: number): number {
  if (height <= 0) return 0.35;
  return Math.min(0.85, Math.max(0.15, 1 - (pointerY - top) / height));
}
