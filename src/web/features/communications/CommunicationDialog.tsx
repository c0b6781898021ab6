import { Badge, Button, Group, Modal, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconEdit, IconRefresh, IconTrash, IconX } from '@tabler/icons-react';
import type { Communication } from '../../../shared/contracts/communications.js';
import { useMayChange, useRecord, useUserNames } from '../../api/hooks.js';
import { Field } from '../../components/Section.js';
import { dateTime, humanize, phone, relative } from '../../lib/format.js';
import { sentence } from '../../lib/forms.js';
import { channelWord, messageName, sendingNoun } from './communicationMutations.js';
import { DeliveryBadge, DeliveryProblem } from './DeliveryBadge.js';
import { isSentByServer } from './delivery.js';
import { EmailFiles } from './EmailFiles.js';

/** What the rep may do with a message they may change. */
export type CommunicationChoices = {
  edit: (communication: Communication) => void;
  retry: (communication: Communication) => void;
  cancel: (communication: Communication) => void;
  remove: (communication: Communication) => void;
};

/**
 * One logged or sent message, opened from a timeline: who it was from and to, when, what was said, and
 * why it was not sent. Read-only; its owner (and those above them) may edit, retry, cancel or delete
 * it, as far as its state allows: an e-mail or text the server sent is what went out and stays as it is.
 */
export function CommunicationDialog({
  id,
  choices,
  onClose,
}: {
  id: string;
  choices: CommunicationChoices;
  onClose: () => void;
}) {
  const message = useRecord<Communication>('communications', id);
  const isPhone = useMediaQuery('(max-width: 48em)');
  const mayChange = useMayChange();
  const userName = useUserNames();
  const record = message.data;
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      fullScreen={isPhone ?? false}
      title={record ? messageName(record) : 'Message'}
    >
      {message.isPending && <Skeleton height={160} />}
      {message.isError && (
        <Text size="sm" role="alert">
          This message could not be opened. {sentence(message.error.message)}
        </Text>
      )}
      {record && (
        <Stack gap="sm">
          <Group gap={6}>
            <Badge size="sm" variant="light" color="gray">
              {humanize(record.direction)} {channelWord(record.channel)}
            </Badge>
            <DeliveryBadge channel={record.channel} status={record.status} occurredAt={record.occurredAt} />
          </Group>
          <DeliveryProblem communication={record} />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="xs">
            <Field label="From">
              {record.from
                ? shown(record.channel, record.from)
                : record.direction === 'outbound'
                  ? userName(record.ownerId)
                  : null}
            </Field>
            <Field label="To">
              {record.to.length > 0 ? record.to.map((address) => shown(record.channel, address)).join(', ') : null}
            </Field>
            {record.cc.length > 0 && <Field label="Cc">{record.cc.join(', ')}</Field>}
            <Field label={whenLabel(record)}>
              <span title={relative(record.occurredAt)}>{dateTime(record.occurredAt)}</span>
            </Field>
            {record.durationSeconds !== null && <Field label="Duration">{minutes(record.durationSeconds)}</Field>}
            <Field label="Owner">{userName(record.ownerId)}</Field>
          </SimpleGrid>
          {record.body ? (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {record.body}
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              No message text.
            </Text>
          )}
          <EmailFiles communication={record} />
          <Group justify="flex-end" gap="xs">
            {mayChange(record.ownerId) && <Choices record={record} choices={choices} />}
            <Button variant="default" onClick={onClose}>
              Close
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function Choices({ record, choices }: { record: Communication; choices: CommunicationChoices }) {
  const sendable = isSentByServer(record.channel) && record.direction === 'outbound';
  if (sendable && record.status === 'queued')
    return (
      <>
        <Button
          variant="default"
          color="red"
          leftSection={<IconX size={16} aria-hidden />}
          onClick={() => choices.cancel(record)}
        >
          Cancel {sendingNoun(record.channel)}
        </Button>
        <Button leftSection={<IconEdit size={16} aria-hidden />} onClick={() => choices.edit(record)}>
          Edit
        </Button>
      </>
    );
  // What the server sent went out as it is: there is nothing left to change.
  if (sendable && record.status === 'sent' && record.messageId !== null) return null;
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconTrash size={16} aria-hidden />}
        onClick={() => choices.remove(record)}
      >
        Delete
      </Button>
      {sendable && record.status === 'failed' ? (
        <Button leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => choices.retry(record)}>
          Edit and retry
        </Button>
      ) : (
        <Button leftSection={<IconEdit size={16} aria-hidden />} onClick={() => choices.edit(record)}>
          Edit
        </Button>
      )}
    </>
  );
}

/** A number the server stored compact (E.164) is shown grouped; an e-mail address as it is. */
const shown = (channel: string, address: string) => (channel === 'email' ? address : phone(address));

function whenLabel(record: Communication): string {
  if (record.channel === 'call') return 'When';
  if (record.status === 'queued') return 'Goes out';
  if (record.status === 'failed') return 'Failed';
  return record.direction === 'inbound' ? 'Received' : 'Sent';
}

/** "12 min", "1 min 30 s". */
function minutes(seconds: number): string {
  const whole = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (whole === 0) return `${rest} s`;
  return rest === 0 ? `${whole} min` : `${whole} min ${rest} s`;
}
