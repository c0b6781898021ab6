import { Checkbox, MultiSelect, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { eventOptions, withoutCovered } from './events.js';

/**
 * Which events an endpoint gets: everything (`*`, kinds added later included), or events chosen per record,
 * each record's "every event" first. Choosing `lead.*` drops the single lead events it covers.
 */
export function EventPicker({
  everything,
  onEverythingChange,
  events,
  onEventsChange,
  error,
}: {
  everything: boolean;
  onEverythingChange: (everything: boolean) => void;
  events: string[];
  onEventsChange: (events: string[]) => void;
  error: ReactNode;
}) {
  return (
    <Stack gap="xs">
      <Checkbox
        label="Everything (*)"
        description="Every change to every kind of record, kinds added to Meridian later included."
        checked={everything}
        onChange={(event) => onEverythingChange(event.currentTarget.checked)}
      />
      {!everything && (
        <MultiSelect
          label="Events"
          required
          description="Pick a record's every event, or single events. Type to search: account, stage_changed…"
          placeholder={events.length ? undefined : 'Choose events'}
          data={eventOptions(events)}
          value={events}
          onChange={(next) => onEventsChange(withoutCovered(next))}
          searchable
          clearable
          nothingFoundMessage="No event by that name"
          maxDropdownHeight={320}
          comboboxProps={{ withinPortal: true }}
          error={error}
        />
      )}
    </Stack>
  );
}
