import { Anchor, Card, Code, Container, List, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { User } from '../../../shared/contracts/users.js';
import { api } from '../../api/client.js';
import type { Session } from '../../api/session.js';
import { AppLayout, roleLabels } from '../../components/AppLayout.js';

/** The placeholder home: who is signed in and what exists so far. The real dashboard replaces the body. */
export function HomePage({ session }: { session: Session }) {
  // The stored user shows at once; /users/me confirms the session and picks up a changed name or role.
  const me = useQuery({ queryKey: ['users', 'me'], queryFn: ({ signal }) => api.get<User>('/users/me', { signal }) });
  const user = me.data ?? session.user;
  const firstName = user.name.split(/\s+/)[0] ?? user.name;

  return (
    <AppLayout user={user}>
      <Container size="md" px={0} py={{ base: 'xs', sm: 'lg' }}>
        <Stack gap="lg">
          <div>
            <Title order={1} size="h2">
              Welcome, {firstName}
            </Title>
            <Text c="dimmed" mt={4}>
              You are signed in as {user.email} ({roleLabels[user.role].toLowerCase()}). The dashboard is on its way.
            </Text>
          </div>
          <Card withBorder padding="lg">
            <Title order={2} size="h4" mb="xs">
              What's here
            </Title>
            <List spacing="xs" size="sm">
              <List.Item>
                The REST API, with interactive documentation at{' '}
                <Anchor href="/docs" inherit>
                  API docs (/docs)
                </Anchor>
                .
              </List.Item>
              <List.Item>
                Users, roles and API keys, managed through the API or the <Code>meridian</Code> command line.
              </List.Item>
              <List.Item>Accounts, leads, the pipeline and reports come to this dashboard next.</List.Item>
            </List>
          </Card>
        </Stack>
      </Container>
    </AppLayout>
  );
}
