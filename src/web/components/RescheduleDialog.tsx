import { Button, Group, Modal, Stack } from '@mantine/core';
import dayjs from 'dayjs';
import { useState } from 'react';
import { localInput } from '../lib/format.js';
import { fieldErrorsOf } from '../lib/forms.js';
import { notifyFailure } from '../lib/mutations.js';
import { DateTimeField } from './DateFields.js';

/**
 * Moves an activity or a task to another time: a date-time box and the usual moves (a day, a week). The
 * caller saves; a field error of the answer shows at the box, anything else as a notification.
 */
export function RescheduleDialog({
  title,
  label,
  field,
  value,
  onSave,
  onClose,
}: {
  title: string;
  label: string;
  /** The API field, where a 400's errors[].path points. */
  field: string;
  value: string | null;
  onSave: (iso: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const [when, setWhen] = useState(localInput(value ?? dayjs().add(1, 'day').hour(9).minute(0).toISOString()));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const shift = (amount: number, unit: 'day' | 'week') =>
    setWhen(
      localInput(
        dayjs(when || undefined)
          .add(amount, unit)
          .toISOString(),
      ),
    );
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!when || !dayjs(when).isValid()) {
      setError('Choose a date and time');
      return;
    }
    setSaving(true);
    try {
      await onSave(dayjs(when).toISOString());
      onClose();
    } catch (failure) {
      const message = fieldErrorsOf(failure)?.[field];
      if (message) setError(String(message));
      else notifyFailure(failure, { title: 'Not rescheduled' });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={title}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <DateTimeField
            label={label}
            required
            data-autofocus
            value={when}
            error={error}
            onChange={(next) => {
              setWhen(next);
              setError(null);
            }}
          />
          <Group gap="xs">
            <Button size="compact-sm" variant="light" onClick={() => shift(1, 'day')}>
              +1 day
            </Button>
            <Button size="compact-sm" variant="light" onClick={() => shift(1, 'week')}>
              +1 week
            </Button>
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              Reschedule
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
