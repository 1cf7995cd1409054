// The record menu (right-click on a row): where it is open and for which record; and the like-this terms
// it adds to the filter being edited, applied at once.
import { create } from 'zustand';
import type { MouseEvent } from 'react';
import type { LikeTerm } from '../../../../../electron/common/like-this.ts';
import type { LogRecord } from '../../../../../electron/common/logs.ts';
import { useLogs } from '../store.ts';

interface RecordMenuState {
  at: { x: number; y: number; record: LogRecord; row: number } | null;
  close(): void;
}

export const useRecordMenu = create<RecordMenuState>((set) => ({ at: null, close: () => set({ at: null }) }));

/** The rows' onContextMenu: selects the row and opens the menu for its record. */
export function openRecordMenu(e: MouseEvent, row: number, record: LogRecord | undefined): void {
  if (!record) return;
  e.preventDefault();
  useLogs.getState().select(row);
  useRecordMenu.setState({ at: { x: e.clientX, y: e.clientY, record, row } });
}

/** Adds (or, with `remove`, takes away) a like-this term and runs the filter again. */
export async function changeLikeTerms(term: LikeTerm, remove = false): Promise<void> {
  const logs = useLogs.getState();
  const same = (t: LikeTerm) => t.mode === term.mode && t.by === term.by && t.value === term.value;
  const rest = (logs.draft.like ?? []).filter((t) => !same(t));
  logs.setDraft({ like: remove ? rest : [...rest, term] });
  if (remove && !rest.length && !logs.viewId) return;
  await useLogs.getState().applyFilter();
}
