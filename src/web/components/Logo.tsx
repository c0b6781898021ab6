import { Group, Text, ThemeIcon } from '@mantine/core';

/** The Meridian mark and name, as the header and the sign-in page show them (a brand, not a heading). */
export function Logo() {
  return (
    <Group gap="xs" wrap="nowrap">
      <ThemeIcon size={30} radius="md" aria-hidden>
        <svg viewBox="0 0 32 32" width={22} height={22} fill="currentColor" role="presentation">
          <path d="M6 25V7h3.6l6.4 10 6.4-10H26v18h-3.6V13.6L16 23.4 9.6 13.6V25z" />
        </svg>
      </ThemeIcon>
      <Text component="span" fz={22} fw={700} lh={1}>
        Meridian
      </Text>
    </Group>
  );
}
