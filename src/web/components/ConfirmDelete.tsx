import { Button, Group, Modal, Text } from '@mantine/core';

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
    <Modal opened onClose={onClose} title={`Delete ${what}?`}>
      <Text size="sm">It leaves every list and timeline at once. You can undo right after.</Text>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          Keep it
        </Button>
        <Button color="red" loading={loading} onClick={onConfirm}>
          Delete
        </Button>
      </Group>
    </Modal>
  );
}
