import { Box, Center, Paper, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
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
