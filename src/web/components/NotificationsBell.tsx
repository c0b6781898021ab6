import { ActionIcon, Button, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { NotificationPage } from '../../shared/contracts/notifications.js';
import { notificationPath } from '../../shared/notification-links.js';
import { api } from '../api/client.js';
import { relative } from '../lib/format.js';

/** The bell: unread count, the latest notifications, mark read on open. */
export function NotificationsBell() {
  const [opened, setOpened] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const inbox = useQuery({
    queryKey: ['notifications'],
    queryFn: ({ signal }) => api.get<NotificationPage>('/notifications?limit=20', { signal }),
    refetchInterval: 60_000,
  });
  const readOne = useMutation({
    mutationFn: (id: string) => api.post(`/notifications/${id}/read`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const readAll = useMutation({
    mutationFn: () => api.post('/notifications/read-all'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const unread = inbox.data?.unreadCount ?? 0;

  return (
    <Indicator label={unread} size={16} disabled={unread === 0} offset={4} color="red">
      <Popover opened={opened} onChange={setOpened} position="bottom-end" width={320} shadow="md" withinPortal>
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={() => setOpened((value) => !value)}
            aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'}
          >
            <IconBell size={20} aria-hidden />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown p="xs">
          <Group justify="space-between" mb="xs" px={4}>
            <Text fw={600} size="sm">
              Notifications
            </Text>
            {unread > 0 && (
              <Button size="compact-xs" variant="subtle" onClick={() => readAll.mutate()}>
                Mark all read
              </Button>
            )}
          </Group>
          <ScrollArea.Autosize mah={360}>
            {inbox.data?.data.length ? (
              <Stack gap={2}>
                {inbox.data.data.map((notification) => (
                  <UnstyledButton
                    key={notification.id}
                    p={6}
                    style={{ borderRadius: 6 }}
                    bg={notification.readAt ? undefined : 'indigo.0'}
                    onClick={() => {
                      if (!notification.readAt) readOne.mutate(notification.id);
                      const to = notificationPath(notification);
                      setOpened(false);
                      if (to) navigate(to);
                    }}
                  >
                    <Text size="sm" fw={notification.readAt ? 400 : 600}>
                      {notification.title}
                    </Text>
                    {notification.body && (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {notification.body}
                      </Text>
                    )}
                    <Text size="xs" c="dimmed">
                      {relative(notification.createdAt)}
                    </Text>
                  </UnstyledButton>
                ))}
              </Stack>
            ) : (
              <Text size="sm" c="dimmed" p="xs">
                You're all caught up. Task reminders and approval requests will appear here.
              </Text>
            )}
          </ScrollArea.Autosize>
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
