import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { Link, useLocation } from 'react-router';

export function NotFoundPage() {
  const location = useLocation();
  return (
    <Center mih="60vh">
      <Stack align="center" gap="sm" maw={460} ta="center">
        <Text fz={56} fw={800} c="indigo.7" aria-hidden>
          404
        </Text>
        <Title order={1} size="h3">
          There's no page here
        </Title>
        <Text c="dimmed">
          Nothing lives at <code>{location.pathname}</code>. The link may be old, or the record was removed. Press
          Ctrl+K to search for what you were after.
        </Text>
        <Button component={Link} to="/">
          Back to the overview
        </Button>
      </Stack>
    </Center>
  );
}

export const Component = NotFoundPage;
