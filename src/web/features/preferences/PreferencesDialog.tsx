import { Button, Checkbox, Group, Modal, Select, Skeleton, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  type EmailNotificationKind,
  emailNotificationKinds,
  type Preferences,
} from '../../../shared/contracts/preferences.js';
import { api } from '../../api/client.js';
import { QueryError } from '../../components/QueryError.js';
import { notifyFailure, notifySaved } from '../../lib/mutations.js';

const queryKey = ['preferences'];

const kindLabels: Record<EmailNotificationKind, { label: string; description: string }> = {
  task_reminder: { label: 'Task reminders', description: 'When a task you set a reminder on comes due' },
  approval_decided: {
    label: 'Approval decisions',
    description: 'When a manager approves or rejects a deal you asked about',
  },
  email_failed: { label: 'E-mails not sent', description: 'When an e-mail you wrote in Meridian could not be sent' },
  sms_failed: { label: 'Texts not sent', description: 'When a text message you wrote in Meridian could not be sent' },
  quote_expiring: {
    label: 'Quotes about to lapse',
    description: 'Three days before a quote you sent runs out with no answer from the customer',
  },
};

const browserTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const timeZones = Intl.supportedValuesOf('timeZone');

/**
 * The user's own preferences: the time zone their reminders are written in, and which notifications
 * also come by e-mail (approval requests always do, with the link that decides them).
 */
export function PreferencesDialog({ onClose }: { onClose: () => void }) {
  const preferences = useQuery({
    queryKey,
    queryFn: ({ signal }) => api.get<Preferences>('/users/me/preferences', { signal }),
  });
  return (
    <Modal opened onClose={onClose} title="Preferences" size="md">
      {preferences.isPending ? (
        <Skeleton height={220} />
      ) : preferences.isError ? (
        <QueryError error={preferences.error} what="your preferences" onRetry={() => preferences.refetch()} />
      ) : (
        <PreferencesForm saved={preferences.data} onDone={onClose} />
      )}
    </Modal>
  );
}

function PreferencesForm({ saved, onDone }: { saved: Preferences; onDone: () => void }) {
  const queryClient = useQueryClient();
  // Nobody chose yet: offer this browser's zone, which is where they most likely work.
  const [timeZone, setTimeZone] = useState<string | null>(saved.timeZone ?? browserTimeZone ?? null);
  const [kinds, setKinds] = useState<string[]>(saved.emailNotifications);
  const save = useMutation({
    mutationFn: () => api.patch<Preferences>('/users/me/preferences', { timeZone, emailNotifications: kinds }),
    onSuccess: (answer) => {
      queryClient.setQueryData(queryKey, answer);
      notifySaved('Preferences saved');
      onDone();
    },
    onError: (error) => notifyFailure(error, { title: 'Your preferences were not saved' }),
  });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="md">
        <Select
          label="Time zone"
          description="Times in your reminders and e-mails are written in it"
          data={timeZones}
          value={timeZone}
          onChange={setTimeZone}
          searchable
          clearable
          placeholder="UTC"
          nothingFoundMessage="No such time zone"
        />
        <Checkbox.Group
          label="Also e-mail me"
          description="They always appear under the bell; these also reach your inbox"
          value={kinds}
          onChange={setKinds}
        >
          <Stack gap="xs" mt="xs">
            {emailNotificationKinds.map((kind) => (
              <Checkbox
                key={kind}
                value={kind}
                label={kindLabels[kind].label}
                description={kindLabels[kind].description}
              />
            ))}
          </Stack>
        </Checkbox.Group>
        <Text size="xs" c="dimmed">
          Requests to approve a deal always come by e-mail too, with a link that decides them.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
