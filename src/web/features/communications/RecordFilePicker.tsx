import { Anchor, Button, Checkbox, Paper, ScrollArea, Skeleton, Stack, Text } from '@mantine/core';
import type { Attachment } from '../../../shared/contracts/attachments.js';
import { dateTime, relative } from '../../lib/format.js';
import { useRecordFiles } from '../attachments/attachmentQueries.js';
import { fileSize } from '../attachments/files.js';
import { type FileSource, withoutRepeats } from './mailFiles.js';

/**
 * The files kept on the record an e-mail is written from, and on its account, newest first, each with a
 * checkbox: checked, it goes with the e-mail. A file on both shows once, under the first.
 */
export function RecordFilePicker({
  sources,
  chosen,
  onToggle,
}: {
  sources: FileSource[];
  chosen: Attachment[];
  onToggle: (file: Attachment, checked: boolean) => void;
}) {
  const chosenIds = new Set(chosen.map((file) => file.id));
  return (
    <Paper withBorder radius="md" p="xs" data-testid="record-file-picker">
      <ScrollArea.Autosize mah={240} type="auto">
        <Stack gap="sm">
          {sources.map((source, index) => (
            <SourceFiles
              key={source.label}
              source={source}
              earlier={sources[index - 1]}
              chosenIds={chosenIds}
              onToggle={onToggle}
            />
          ))}
        </Stack>
      </ScrollArea.Autosize>
    </Paper>
  );
}

/** One record's files; those the `earlier` list shows already are left out (read from the same cache). */
function SourceFiles({
  source,
  earlier,
  chosenIds,
  onToggle,
}: {
  source: FileSource;
  earlier: FileSource | undefined;
  chosenIds: Set<string>;
  onToggle: (file: Attachment, checked: boolean) => void;
}) {
  const files = useRecordFiles(source.link);
  // With no earlier list this is the same query again: no second request.
  const before = useRecordFiles((earlier ?? source).link);
  const items = (list: typeof files) => list.data?.pages.flatMap((page) => page.data) ?? [];
  const shown = earlier ? (withoutRepeats([items(before), items(files)])[1] ?? []) : items(files);
  return (
    <Stack gap={6} role="group" aria-label={source.label}>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase">
        {source.label}
      </Text>
      {files.isPending ? (
        <Skeleton height={20} aria-label="Loading the files" />
      ) : files.isError ? (
        <Text size="sm">
          The files did not load.{' '}
          <Anchor component="button" type="button" size="sm" onClick={() => files.refetch()}>
            Try again
          </Anchor>
        </Text>
      ) : shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          {earlier ? 'No other files here.' : 'No files here yet: upload one from your computer.'}
        </Text>
      ) : (
        shown.map((file) => (
          <Checkbox
            key={file.id}
            label={file.fileName}
            description={
              <span title={dateTime(file.createdAt)}>
                {fileSize(file.size)} · {relative(file.createdAt)}
              </span>
            }
            checked={chosenIds.has(file.id)}
            onChange={(event) => onToggle(file, event.currentTarget.checked)}
            styles={{ label: { overflowWrap: 'anywhere' } }}
          />
        ))
      )}
      {files.hasNextPage && (
        <Button
          variant="subtle"
          size="compact-xs"
          style={{ alignSelf: 'flex-start' }}
          onClick={() => files.fetchNextPage()}
          loading={files.isFetchingNextPage}
        >
          Show more files
        </Button>
      )}
    </Stack>
  );
}
