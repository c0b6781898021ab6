import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { type Activity, activityTypes, createActivitySchema } from '../../../shared/contracts/activities.js';
import { api } from '../../api/client.js';
import { humanize } from '../../lib/format.js';
import { blankToNull, zodValidate } from '../../lib/forms.js';
import { invalidateLists, notifySaved, reportSaveError } from '../../lib/mutations.js';

export type Links = {
  accountId?: string | null;
  contactId?: string | null;
  leadId?: string | null;
  opportunityId?: string | null;
};

type Values = {
  type: string;
  subject: string;
  scheduledAt: string;
  durationMinutes: number | string;
  description: string;
  status: string;
  outcome: string;
  nextSteps: string;
};

function toPayload(values: Values, links: Links) {
  return {
    ...blankToNull({
      type: values.type,
      subject: values.subject,
      description: values.description,
      status: values.status,
      // What came of it belongs to a done activity only.
      outcome: values.status === 'completed' ? values.outcome : '',
      nextSteps: values.status === 'completed' ? values.nextSteps : '',
    }),
    scheduledAt: values.scheduledAt ? dayjs(values.scheduledAt).toISOString() : null,
    durationMinutes: values.durationMinutes === '' ? null : Number(values.durationMinutes),
    ...links,
  };
}

/**
 * Log a call or plan a visit against a record (the quick action of lists and record pages). Logging
 * (`intent="log"`) records what just happened: done, now, with its outcome; planning starts at the next
 * full hour.
 */
/** "Plan a visit" when the user asked for one; a call, the default, keeps the general title. */
function formTitle(logging: boolean, type: string): string {
  if (type === 'call') return logging ? 'Log an activity' : 'New activity';
  const article = /^[aeiou]/.test(type) ? 'an' : 'a';
  return `${logging ? 'Log' : 'Plan'} ${article} ${humanize(type).toLowerCase()}`;
}

export function ActivityForm({
  opened,
  onClose,
  links,
  about,
  intent = 'plan',
  type = 'call',
}: {
  opened: boolean;
  onClose: () => void;
  links: Links;
  about?: string;
  intent?: 'log' | 'plan';
  /** The type the form opens with (a call unless the user asked for a visit, a meeting…). */
  type?: string;
}) {
  const queryClient = useQueryClient();
  const logging = intent === 'log';
  const form = useForm<Values>({
    initialValues: {
      type,
      subject: '',
      scheduledAt: (logging ? dayjs().startOf('minute') : dayjs().add(1, 'hour').startOf('hour')).format(
        'YYYY-MM-DDTHH:mm',
      ),
      durationMinutes: logging ? 15 : 30,
      description: '',
      status: logging ? 'completed' : 'planned',
      outcome: '',
      nextSteps: '',
    },
    validate: zodValidate(createActivitySchema, (values: Values) => toPayload(values, links)),
  });
  const save = useMutation({
    mutationFn: (values: Values) => api.post<Activity>('/activities', toPayload(values, links)),
    onSuccess: () => {
      invalidateLists(queryClient, 'activities');
      void queryClient.invalidateQueries({ queryKey: ['timeline'] });
      notifySaved('Activity saved');
      onClose();
    },
    onError: (error) => {
      reportSaveError(form, error);
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={`${formTitle(logging, type)}${about ? ` · ${about}` : ''}`}>
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={2} spacing="sm">
            <Select
              label="Type"
              data={activityTypes.map((type) => ({ value: type, label: humanize(type) }))}
              allowDeselect={false}
              {...form.getInputProps('type')}
            />
            <Select
              label="Status"
              data={[
                { value: 'planned', label: 'Planned' },
                { value: 'completed', label: 'Done already' },
              ]}
              allowDeselect={false}
              {...form.getInputProps('status')}
            />
          </SimpleGrid>
          <TextInput label="Subject" required data-autofocus {...form.getInputProps('subject')} />
          <SimpleGrid cols={2} spacing="sm">
            <TextInput label="When" type="datetime-local" {...form.getInputProps('scheduledAt')} />
            <NumberInput
              label="Minutes"
              min={0}
              max={10080}
              allowDecimal={false}
              {...form.getInputProps('durationMinutes')}
            />
          </SimpleGrid>
          {form.values.status === 'completed' && (
            <>
              <Textarea
                label="Outcome"
                placeholder="What came of it"
                autosize
                minRows={2}
                {...form.getInputProps('outcome')}
              />
              <TextInput label="Next steps" {...form.getInputProps('nextSteps')} />
            </>
          )}
          <Textarea label="Notes" autosize minRows={2} {...form.getInputProps('description')} />
          {form.errors.accountId && <div role="alert">{form.errors.accountId}</div>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save activity
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
