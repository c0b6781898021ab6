import { Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { Page } from '../../../shared/contracts/common.js';
import type { Communication } from '../../../shared/contracts/communications.js';
import type { TimelineEntry } from '../../../shared/contracts/timeline.js';
import { api } from '../../api/client.js';
import { useMayChange } from '../../api/hooks.js';
import { linkKeys, type RecordResource } from '../notes/noteMutations.js';
import type { CommunicationActions } from './CommunicationActions.js';
import { channelWord, messageName, theMessage } from './communicationMutations.js';
import { isSentByServer } from './delivery.js';

/** Whether a timeline entry is a message still to go, or one that failed: the ones that need more said. */
export const isPendingOrFailed = (entry: TimelineEntry) =>
  entry.kind === 'communication' && (entry.status === 'queued' || entry.status === 'failed');

/**
 * The record's queued and failed outbound e-mails and texts, in one call: a timeline entry says only the
 * status, and these carry why one failed (or is being retried) and the version a retry or a cancel sends.
 * Asked only while the timeline shows such an entry, and again whenever the timeline is
 * (`refetchInterval`), so the reason and the state never disagree.
 */
export function useUndeliveredEmails(
  resource: RecordResource,
  id: string,
  options: { enabled: boolean; refetchInterval: number | false },
): Map<string, Communication> {
  const params = `${linkKeys[resource]}=${id}&channel=email,sms&direction=outbound&status=queued,failed&sort=-occurredAt&limit=200`;
  const messages = useQuery({
    queryKey: ['communications', 'list', params],
    queryFn: ({ signal }) => api.get<Page<Communication>>(`/communications?${params}`, { signal }),
    enabled: options.enabled,
    refetchInterval: options.refetchInterval,
  });
  return new Map((messages.data?.data ?? []).map((message) => [message.id, message]));
}

/**
 * Under a queued or failed e-mail's or text's timeline entry: why it failed or is being retried, and what
 * its owner can do now: "Edit and retry" a failed one, "Cancel" one still queued.
 */
export function TimelineMessage({
  entry,
  email,
  actions,
}: {
  entry: TimelineEntry;
  /** The e-mail or text itself, when the batch above has it; otherwise a button opens it first. */
  email: Communication | undefined;
  actions: CommunicationActions;
}) {
  const mayChange = useMayChange();
  if (!isPendingOrFailed(entry) || !isSentByServer(entry.subtype)) return null;
  const failed = entry.status === 'failed';
  const reason = email?.deliveryError;
  // A text has no subject: loaded, it is named by its number ("Text to +31 612 345 678").
  const name = email ? messageName(email) : entry.title;
  const cancelName = email ? theMessage(email) : `the ${channelWord(entry.subtype ?? '')} ${entry.title}`;
  return (
    <>
      {reason && (
        <Group gap={4} mt={4} wrap="nowrap" align="flex-start">
          <IconAlertTriangle
            size={14}
            aria-hidden
            color={`var(--mantine-color-${failed ? 'red' : 'orange'}-8)`}
            style={{ flexShrink: 0, marginTop: 2 }}
          />
          <Text
            size="xs"
            c={failed ? 'red.8' : 'orange.9'}
            style={{ overflowWrap: 'anywhere' }}
            data-testid="delivery-error"
          >
            {reason}
          </Text>
        </Group>
      )}
      {mayChange(entry.actorId) && (
        <Group gap={6} mt={4}>
          {failed ? (
            <Button
              size="compact-sm"
              variant="light"
              leftSection={<IconRefresh size={14} aria-hidden />}
              aria-label={`Edit and retry ${name}`}
              onClick={() => (email ? actions.retry(email) : actions.open(entry.id))}
            >
              Edit and retry
            </Button>
          ) : (
            <Button
              size="compact-sm"
              variant="default"
              leftSection={<IconX size={14} aria-hidden />}
              aria-label={`Cancel ${cancelName}`}
              onClick={() => (email ? actions.cancel(email) : actions.open(entry.id))}
            >
              Cancel
            </Button>
          )}
        </Group>
      )}
    </>
  );
}
