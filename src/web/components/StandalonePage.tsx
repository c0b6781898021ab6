import { Anchor, Box, Center, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { sentence } from '../lib/forms.js';
import { Logo } from './Logo.js';

/**
 * A page outside the dashboard's frame (signing in, an approval e-mail's link): the logo over one card,
 * centred on the screen, with room for a line below it.
 */
export function StandalonePage({
  width,
  children,
  footer,
}: {
  width: number;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <Box component="main" bg="gray.0" mih="100dvh" px="md" py="xl">
      <Center mih="calc(100dvh - 2 * var(--mantine-spacing-xl))">
        <Stack w="100%" maw={width} gap="lg">
          <Center>
            <Logo />
          </Center>
          <Paper withBorder shadow="sm" p={{ base: 'lg', xs: 'xl' }}>
            {children}
          </Paper>
          {footer}
        </Stack>
      </Center>
    </Box>
  );
}

/** A standalone page's card while the e-mailed link it opened is being checked. */
export function CheckingLink({ label }: { label: string }) {
  return (
    <Center py="xl">
      <Loader aria-label={label} />
    </Center>
  );
}

/** A standalone page's card for an e-mailed link that opens nothing: why, and where to go instead. */
export function DeadLink({
  title,
  error,
  next,
}: {
  title: string;
  error: Error;
  next: { label: string; href: string };
}) {
  return (
    <Stack gap="sm">
      <Title order={1} size="h3">
        {title}
      </Title>
      <Text size="sm">{sentence(error.message)}</Text>
      <Anchor href={next.href}>{next.label}</Anchor>
    </Stack>
  );
}
