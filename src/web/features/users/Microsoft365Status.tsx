import { Alert, List, Text } from '@mantine/core';
import { IconAlertTriangle, IconBrandOffice } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { Microsoft365Status as Status } from '../../../shared/contracts/integrations.js';
import { api } from '../../api/client.js';
import { relative } from '../../lib/format.js';

const syncLabels = { mailbox: 'mail into the log', calendar: 'Outlook calendar' } as const;

/**
 * For admins, above the users: how the Microsoft 365 syncs are doing, and whom they fail for with Graph's
 * reason, so a permission not yet granted or a user without a mailbox is seen where users are managed.
 * Nothing when no sync is switched on.
 */
export function Microsoft365Status() {
  const status = useQuery({
    queryKey: ['integrations', 'microsoft365'],
    queryFn: ({ signal }) => api.get<Status>('/integrations/microsoft365', { signal }),
  });
  const data = status.data;
  if (!data || (!data.mailboxSync && !data.calendarSync)) return null;
  const figures = [
    data.mailboxSync &&
      `Mail of ${data.mailboxes.ok} ${data.mailboxes.ok === 1 ? 'user' : 'users'} read into the log` +
        (data.mailboxes.failing > 0 ? `, ${data.mailboxes.failing} failing` : ''),
    data.calendarSync &&
      `Outlook events: ${data.calendars.synced} up to date, ${data.calendars.due} to write` +
        (data.calendars.failing > 0 ? `, ${data.calendars.failing} failing` : ''),
  ].filter(Boolean);
  const failing = data.problems.length > 0;
  return (
    <Alert
      mb="md"
      variant="light"
      color={failing ? 'orange' : 'blue'}
      icon={failing ? <IconAlertTriangle aria-hidden /> : <IconBrandOffice aria-hidden />}
      title={failing ? 'Microsoft 365 sync needs attention' : 'Microsoft 365 sync'}
      data-testid="microsoft365-status"
    >
      <Text size="sm">{figures.join('; ')}.</Text>
      {failing && (
        <List size="sm" mt="xs" spacing={4}>
          {data.problems.map((problem) => (
            <List.Item key={`${problem.userId}-${problem.sync}`}>
              <Text span fw={600} size="sm">
                {problem.name}
              </Text>{' '}
              ({syncLabels[problem.sync]}, {problem.failures} failed {problem.failures === 1 ? 'attempt' : 'attempts'}
              {problem.lastSyncedAt ? `; last worked ${relative(problem.lastSyncedAt)}` : ''}):{' '}
              {problem.lastError ?? 'no reason given'}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
