import { Skeleton, Stack } from '@mantine/core';

/** Shown while a page's code or first data loads: the shape of a page, no spinner, no jump. */
export function PageSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <Stack gap="sm" aria-busy="true" aria-label="Loading">
      <Skeleton height={32} width="40%" />
      {Array.from({ length: rows }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
        <Skeleton key={index} height={44} />
      ))}
    </Stack>
  );
}
