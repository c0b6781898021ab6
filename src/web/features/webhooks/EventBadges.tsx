import { Badge, Group } from '@mantine/core';
import { eventLabel } from './events.js';

/** A subscription's events as badges; past `max`, a count of the rest (all of them are in the edit form). */
export function EventBadges({ events, max = Number.POSITIVE_INFINITY }: { events: string[]; max?: number }) {
  const shown = events.slice(0, max);
  const rest = events.length - shown.length;
  return (
    <Group gap={4} wrap="wrap" style={{ whiteSpace: 'normal' }}>
      {shown.map((event) => (
        <Badge key={event} variant="light" color="gray" tt="none">
          {eventLabel(event)}
        </Badge>
      ))}
      {rest > 0 && (
        <Badge variant="outline" color="gray" tt="none" title={events.slice(max).join(', ')}>
          +{rest} more
        </Badge>
      )}
    </Group>
  );
}
