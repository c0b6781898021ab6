import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

/** A page that failed to load or threw: say so plainly and offer a way on. */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? error.statusText
    : error instanceof Error
      ? error.message
      : 'Something went wrong.';
  const isChunk = /dynamically imported module|Failed to fetch/i.test(message);
  return (
    <Center mih="60vh" p="md">
      <Stack align="center" gap="sm" maw={440}>
        <Title order={1} size="h3">
          {isChunk ? 'Meridian was updated' : 'This page hit a problem'}
        </Title>
        <Text c="dimmed" ta="center">
          {isChunk ? 'Reload to get the newest version.' : message}
        </Text>
        <Button onClick={() => window.location.reload()}>Reload</Button>
        <Button component={Link} to="/" variant="subtle">
          Back to the overview
        </Button>
      </Stack>
    </Center>
  );
}
