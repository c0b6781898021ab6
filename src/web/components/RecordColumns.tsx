import { Grid, type MantineSpacing, Stack } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * The body of a record page as HubSpot lays it out (UI.md): key properties on the left, the timeline in
 * the middle (its quick actions on top), associated records on the right. A tablet shows properties and
 * timeline side by side with the related records below; a phone stacks all three in that order, so the
 * page reads the same from the top whatever the width.
 */
export function RecordColumns({
  properties,
  timeline,
  related,
  mt,
}: {
  properties: ReactNode;
  timeline: ReactNode;
  related: ReactNode;
  mt?: MantineSpacing;
}) {
  return (
    <Grid gap="md" mt={mt}>
      <Grid.Col span={{ base: 12, md: 6, lg: 3 }} data-testid="record-properties">
        <Stack gap="md">{properties}</Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6, lg: 5 }} data-testid="record-timeline">
        {timeline}
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }} data-testid="record-related">
        <Stack gap="md">{related}</Stack>
      </Grid.Col>
    </Grid>
  );
}
