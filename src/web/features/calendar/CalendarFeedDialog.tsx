import { Alert, Anchor, Button, CopyButton, Group, List, Modal, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { CalendarFeed } from '../../../shared/contracts/calendar.js';
import { api } from '../../api/client.js';
import { useSettings } from '../../api/hooks.js';
import { QueryError } from '../../components/QueryError.js';
import { dateTime, relative } from '../../lib/format.js';
import { notifyFailure, notifySaved } from '../../lib/mutations.js';

const queryKey = ['calendar-feed'];

/**
 * The user's calendar subscription: an address their calendar app (Outlook, Google, Apple) polls for
 * their visits, meetings, calls and tasks. The server shows the address once, when it is made; after
 * that the dialog can only say it exists, make a new one (ending the old) or end it.
 */
export function CalendarFeedDialog({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const feed = useQuery({
    queryKey,
    queryFn: ({ signal }) => api.get<CalendarFeed>('/users/me/calendar-feed', { signal }),
    // When the calendar app last looked changes behind the app's back: ask each time the dialog opens.
    refetchOnMount: 'always',
  });
  const [made, setMade] = useState<CalendarFeed | null>(null);
  const settings = useSettings().data;
  const create = useMutation({
    mutationFn: () => api.post<CalendarFeed>('/users/me/calendar-feed'),
    onSuccess: (answer) => {
      setMade(answer);
      void queryClient.invalidateQueries({ queryKey });
    },
    onError: (error) => notifyFailure(error, { title: 'No calendar address was made' }),
  });
  const end = useMutation({
    mutationFn: () => api.delete('/users/me/calendar-feed'),
    onSuccess: () => {
      setMade(null);
      void queryClient.invalidateQueries({ queryKey });
      notifySaved('Calendar subscription ended');
    },
    onError: (error) => notifyFailure(error, { title: 'The subscription was not ended' }),
  });

  return (
    <Modal opened onClose={onClose} title="Calendar subscription" size="lg">
      <Stack gap="sm">
        <Text size="sm">
          See your planned visits, meetings and calls, and the tasks you have to do, in Outlook, Google Calendar or
          Apple Calendar. They follow every change you make here, within an hour.
        </Text>
        {settings?.microsoft365.calendarSync && (
          <Alert variant="light" color="blue" title="Outlook gets them without a subscription">
            Meridian writes your visits, meetings and calls straight into your Office 365 calendar, within a minute of
            each change. Subscribe here for another calendar app, or for your tasks.
          </Alert>
        )}
        {feed.isPending ? (
          <Skeleton height={80} />
        ) : feed.isError ? (
          <QueryError error={feed.error} what="your calendar subscription" onRetry={() => feed.refetch()} />
        ) : made?.url ? (
          <NewAddress url={made.url} webcalUrl={made.webcalUrl ?? made.url} />
        ) : feed.data.active ? (
          <Alert variant="light" color="teal" title="Your calendar is subscribed">
            Since {dateTime(feed.data.createdAt)}
            {feed.data.lastReadAt
              ? `; your calendar app last looked ${relative(feed.data.lastReadAt)}.`
              : '; no calendar app has read it yet.'}{' '}
            The address was shown when it was made. Lost it? Make a new one: the old one stops working.
          </Alert>
        ) : (
          <Text size="sm" c="dimmed">
            You have no calendar subscription yet.
          </Text>
        )}
        <Group justify="flex-end">
          {feed.data?.active && (
            <Button variant="subtle" color="red" loading={end.isPending} onClick={() => end.mutate()}>
              End subscription
            </Button>
          )}
          <Button
            variant={feed.data?.active ? 'default' : 'filled'}
            loading={create.isPending}
            onClick={() => create.mutate()}
          >
            {feed.data?.active ? 'Make a new address' : 'Make my calendar address'}
          </Button>
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function NewAddress({ url, webcalUrl }: { url: string; webcalUrl: string }) {
  return (
    <Stack gap="xs">
      <Alert variant="light" color="yellow" title="Copy it now">
        This address is shown once. Anyone who has it can read your calendar: keep it to your calendar app.
      </Alert>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          label="Your calendar address"
          value={url}
          readOnly
          style={{ flex: 1 }}
          onFocus={(event) => event.currentTarget.select()}
        />
        <CopyButton value={url}>
          {({ copied, copy }) => (
            <Button variant="light" onClick={copy} color={copied ? 'teal' : undefined}>
              {copied ? 'Copied' : 'Copy'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Anchor href={webcalUrl} size="sm" underline="always">
        Open in my calendar app
      </Anchor>
      <List size="sm" spacing={4}>
        <List.Item>Outlook: Add calendar → Subscribe from web, paste the address.</List.Item>
        <List.Item>Google Calendar: Other calendars → + → From URL, paste the address.</List.Item>
        <List.Item>Apple Calendar: File → New Calendar Subscription, paste the address.</List.Item>
      </List>
    </Stack>
  );
}
