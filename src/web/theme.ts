import { createTheme } from '@mantine/core';

/** One accent colour on neutral surfaces (UI.md); stage and status colours will be added here too. */
export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  headings: { fontWeight: '650' },
});
