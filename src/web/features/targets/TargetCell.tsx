import { IconAlertTriangle } from '@tabler/icons-react';
import { type KeyboardEvent, memo, useRef, useState } from 'react';
import { money } from '../../lib/format.js';
import { editableAmount } from './target-math.js';

export type CellMove = { rows: number; columns: number };

/**
 * One month of one person, typed in as in a spreadsheet: the cell shows the amount in the target's
 * currency ("$12,000") and, once focused, the plain figure selected, so typing replaces it. Enter saves and
 * goes down a row (Shift+Enter up), Tab and Shift+Tab go along the row, the arrows move between cells (left
 * and right once the caret is at the edge of the figure), Escape puts back the saved figure. Leaving the
 * cell saves too. `onCommit` answers why a figure was refused, if it was; the cell then stays open on it.
 */
export const TargetCell = memo(function TargetCell({
  label,
  value,
  currency,
  pending,
  error,
  errorId,
  row,
  column,
  onCommit,
  onMove,
}: {
  label: string;
  value: number | null;
  currency: string;
  /** The change is on its way to the server. */
  pending: boolean;
  /** Why the last change of this cell was not saved. */
  error: string | undefined;
  errorId: string;
  row: number;
  column: number;
  onCommit: (text: string) => string | null;
  onMove: (from: { row: number; column: number }, move: CellMove) => void;
}) {
  const [draft, setDraftState] = useState<string | null>(null);
  // What is typed, read by the blur that follows Enter in the same event (before React renders again):
  // once Enter has saved it, leaving the cell must not send it a second time.
  const typed = useRef<string | null>(null);
  const setDraft = (next: string | null) => {
    typed.current = next;
    setDraftState(next);
  };
  const editing = draft !== null;
  const shown = editing ? draft : value === null ? '' : money(value, currency);

  const move = (rows: number, columns: number) => onMove({ row, column }, { rows, columns });

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const start = input.selectionStart ?? 0;
    const end = input.selectionEnd ?? 0;
    const wholeSelected = start === 0 && end === input.value.length;
    switch (event.key) {
      case 'Enter': {
        event.preventDefault();
        if (typed.current === null) return;
        if (onCommit(typed.current) !== null) return;
        // Saved (or unchanged): the cell shows what it now holds, ready for the next key.
        setDraft(null);
        move(event.shiftKey ? -1 : 1, 0);
        return;
      }
      case 'Escape':
        if (draft !== null && draft !== editableAmount(value)) {
          event.preventDefault();
          setDraft(editableAmount(value));
          requestAnimationFrame(() => input.select());
        }
        return;
      case 'ArrowUp':
      case 'ArrowDown':
        event.preventDefault();
        move(event.key === 'ArrowUp' ? -1 : 1, 0);
        return;
      case 'ArrowLeft':
        if (wholeSelected || (start === 0 && end === 0)) {
          event.preventDefault();
          move(0, -1);
        }
        return;
      case 'ArrowRight':
        if (wholeSelected || (start === input.value.length && end === start)) {
          event.preventDefault();
          move(0, 1);
        }
        return;
    }
  };

  return (
    <div className="target-cell" data-state={error ? 'error' : pending ? 'pending' : undefined}>
      {error && <IconAlertTriangle size={14} className="target-cell-icon" aria-hidden />}
      <input
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        className="target-input"
        aria-label={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        title={error}
        data-cell={`${row}:${column}`}
        value={shown}
        onFocus={(event) => {
          const input = event.currentTarget;
          setDraft(editableAmount(value));
          requestAnimationFrame(() => input.select());
        }}
        onChange={(event) => setDraft(event.currentTarget.value)}
        onBlur={() => {
          if (typed.current !== null) onCommit(typed.current);
          setDraft(null);
        }}
        onKeyDown={onKeyDown}
      />
    </div>
  );
});
