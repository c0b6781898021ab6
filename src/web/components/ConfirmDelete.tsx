import { ConfirmDialog } from './ConfirmDialog.js';

/** Asks before a delete; the notice that follows offers Undo, as on record pages (RecordMenu). */
export function ConfirmDelete({
  what,
  loading,
  onConfirm,
  onClose,
}: {
  /** "task Send the quote". */
  what: string;
  loading: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <ConfirmDialog
      opened
      title={`Delete ${what}?`}
      confirmLabel="Delete"
      cancelLabel="Keep it"
      loading={loading}
      onConfirm={onConfirm}
      onClose={onClose}
    >
      It leaves every list and timeline at once. You can undo right after.
    </ConfirmDialog>
  );
}
