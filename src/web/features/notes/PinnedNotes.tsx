import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconPinFilled, IconPinnedOff } from '@tabler/icons-react';
import { markdownAsText } from '../../../shared/markdown-text.js';
import { useUserNames } from '../../api/hooks.js';
import { dateTime, relative } from '../../lib/format.js';
import { type RecordResource, usePinnedNotes, useSetNotePinned } from './noteMutations.js';

/**
 * A record's pinned notes above its timeline (HubSpot's and Pipedrive's pinned notes): each in full with a
 * pin, who wrote it and when, and Unpin. Nothing while there are none or they cannot be read: the
 * timeline below still shows every note.
 */
export function PinnedNotes({ resource, id }: { resource: RecordResource; id: string }) {
  const notes = usePinnedNotes(resource, id);
  const setPinned = useSetNotePinned();
  const userName = useUserNames();
  const pinned = notes.data?.data ?? [];
  if (pinned.length === 0) return null;
  return (
    <Stack gap={6} mb="md" component="section" aria-label="Pinned notes">
      {pinned.map((note) => {
        const text = markdownAsText(note.body).trim();
        return (
          <Paper key={note.id} withBorder radius="md" p="xs" bg="yellow.0" data-testid="pinned-note">
            <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
              <Group gap={4} wrap="nowrap">
                <IconPinFilled size={14} aria-hidden color="var(--mantine-color-yellow-9)" />
                <Text size="xs" fw={600}>
                  Pinned
                </Text>
                <Text size="xs" c="dimmed" title={dateTime(note.createdAt)}>
                  · {userName(note.authorId)}, {relative(note.createdAt)}
                </Text>
              </Group>
              <Button
                size="compact-xs"
                variant="subtle"
                color="gray"
                leftSection={<IconPinnedOff size={12} aria-hidden />}
                aria-label={`Unpin the note ${firstLine(text)}`}
                loading={setPinned.isPending && setPinned.variables?.note.id === note.id}
                onClick={() => setPinned.mutate({ note, pinned: false })}
              >
                Unpin
              </Button>
            </Group>
            <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {text}
            </Text>
          </Paper>
        );
      })}
    </Stack>
  );
}

/** A note named by its first line, cut short, for a button's accessible name. */
export function firstLine(text: string): string {
  const line = text.split('\n').find((part) => part.trim() !== '') ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}
