import {
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import {
  type Activity,
  activityTypes,
  createActivitySchema,
  type UpdateActivityInput,
  updateActivitySchema,
} from '../../../shared/contracts/activities.js';
import { api } from '../../api/client.js';
import { DateTimeField } from '../../components/DateFields.js';
import { ContactPicker, DealPicker } from '../../components/Pickers.js';
import { humanize, localInput } from '../../lib/format.js';
import { blankToNull, focusFirstError, zodValidate } from '../../lib/forms.js';
import { notifySaved, refreshAfterWrite, reportSaveError } from '../../lib/mutations.js';
import { patchActivity } from './activityMutations.js';
import { VisitStamps } from './VisitStamps.js';

export type Links = {
  accountId?: string | null;
  contactId?: string | null;
  leadId?: string | null;
  opportunityId?: string | null;
};

type Values = {
  /** Who it was with and which deal it was about, when logged from an account. */
  contactId: string | null;
  opportunityId: string | null;
  type: string;
  subject: string;
  scheduledAt: string;
  /** An appointment agreed with the customer: route planning keeps its time. */
  fixedTime: boolean;
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
      description: values.description,
      status: values.status,
      // What came of it belongs to a done activity only.
      outcome: values.status === 'completed' ? values.outcome : '',
      nextSteps: values.status === 'completed' ? values.nextSteps : '',
    }),
    // Required: an empty one is said to be too short, not "null".
    subject: values.subject,
    scheduledAt: values.scheduledAt ? dayjs(values.scheduledAt).toISOString() : null,
    // Without a time there is nothing to keep.
    fixedTime: Boolean(values.scheduledAt) && values.fixedTime,
    durationMinutes: values.durationMinutes === '' ? null : Number(values.durationMinutes),
    ...links,
    ...(values.contactId ? { contactId: values.contactId } : {}),
    ...(values.opportunityId ? { opportunityId: values.opportunityId } : {}),
  };
}

/** The statuses an edit may choose: completing has its own dialog, and a completed one may only reopen. */
function statusChoices(activity: Activity | undefined) {
  if (!activity)
    return [
      { value: 'planned', label: 'Planned' },
      { value: 'completed', label: 'Done already' },
    ];
  if (activity.status === 'completed')
    return [
      { value: 'completed', label: 'Completed' },
      { value: 'planned', label: 'Reopen as planned' },
    ];
  return [
    { value: 'planned', label: 'Planned' },
    { value: 'cancelled', label: 'Cancelled' },
  ];
}

/** "Plan a visit" when the user asked for one; a call, the default, keeps the general title. */
function formTitle(logging: boolean, type: string): string {
  if (type === 'call') return logging ? 'Log an activity' : 'New activity';
  const article = /^[aeiou]/.test(type) ? 'an' : 'a';
  return `${logging ? 'Log' : 'Plan'} ${article} ${humanize(type).toLowerCase()}`;
}

/**
 * Log a call or plan a visit against a record (the quick action of lists and record pages). Logging
 * (`intent="log"`) records what just happened: done, now, with its outcome; planning starts at the next
 * full hour.
 */
export function ActivityForm({
  opened,
  onClose,
  links,
  about,
  intent = 'plan',
  type = 'call',
  activity,
  steps,
}: {
  opened: boolean;
  onClose: () => void;
  /** Edit this activity (PATCH with If-Match) instead of creating one. */
  activity?: Activity;
  /** What can be done to the activity beyond editing it (check in, complete), shown above its fields. */
  steps?: ReactNode;
  links: Links;
  about?: string;
  intent?: 'log' | 'plan';
  /** The type the form opens with (a call unless the user asked for a visit, a meeting…). */
  type?: string;
}) {
  const queryClient = useQueryClient();
  const logging = intent === 'log';
  const form = useForm<Values>({
    initialValues: activity
      ? {
          contactId: null,
          opportunityId: null,
          type: activity.type,
          subject: activity.subject,
          scheduledAt: localInput(activity.scheduledAt),
          fixedTime: activity.fixedTime,
          durationMinutes: activity.durationMinutes ?? '',
          description: activity.description ?? '',
          status: activity.status,
          outcome: activity.outcome ?? '',
          nextSteps: activity.nextSteps ?? '',
        }
      : {
          contactId: null,
          opportunityId: null,
          type,
          subject: '',
          scheduledAt: (logging ? dayjs().startOf('minute') : dayjs().add(1, 'hour').startOf('hour')).format(
            'YYYY-MM-DDTHH:mm',
          ),
          fixedTime: false,
          durationMinutes: logging ? 15 : 30,
          description: '',
          status: logging ? 'completed' : 'planned',
          outcome: '',
          nextSteps: '',
        },
    validate: activity
      ? zodValidate(updateActivitySchema, (values: Values) => toPayload(values, {}))
      : zodValidate(createActivitySchema, (values: Values) => toPayload(values, links)),
  });
  const save = useMutation({
    mutationFn: (values: Values) =>
      activity
        ? patchActivity(activity, toPayload(values, {}) as UpdateActivityInput)
        : api.post<Activity>('/activities', toPayload(values, links)),
    onSuccess: (saved) => {
      queryClient.setQueryData(['activities', 'one', saved.id], saved);
      refreshAfterWrite(queryClient, ['activities'], saved.id);
      notifySaved('Activity saved');
      onClose();
    },
    onError: (error) => {
      reportSaveError(form, error, {
        onReload: () => refreshAfterWrite(queryClient, ['activities'], activity?.id),
      });
    },
  });
  const title = activity ? `Edit ${humanize(activity.type).toLowerCase()}` : formTitle(logging, type);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={`${title}${about ? ` · ${about}` : activity ? ` · ${activity.subject}` : ''}`}
    >
      <form onSubmit={form.onSubmit((values) => save.mutate(values), focusFirstError)} noValidate>
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
              data={statusChoices(activity)}
              allowDeselect={false}
              {...form.getInputProps('status')}
            />
          </SimpleGrid>
          <TextInput label="Subject" required data-autofocus {...form.getInputProps('subject')} />
          {!activity && links.accountId && !links.contactId && !links.opportunityId && (
            <SimpleGrid cols={2} spacing="sm">
              <ContactPicker
                label="With"
                placeholder="A contact of the account"
                accountId={links.accountId}
                {...form.getInputProps('contactId')}
              />
              <DealPicker
                label="About the deal"
                placeholder="An open deal"
                accountId={links.accountId}
                {...form.getInputProps('opportunityId')}
              />
            </SimpleGrid>
          )}
          {activity?.type === 'visit' && <VisitStamps visit={activity} />}
          {steps}
          <SimpleGrid cols={2} spacing="sm">
            <DateTimeField label="When" clearable {...form.getInputProps('scheduledAt')} />
            <NumberInput
              label="Minutes"
              min={0}
              max={10080}
              allowDecimal={false}
              {...form.getInputProps('durationMinutes')}
            />
          </SimpleGrid>
          {form.values.status === 'planned' && form.values.type === 'visit' && (
            <Checkbox
              label="Time agreed with the customer"
              description="Route planning keeps this time and fits the other visits around it"
              disabled={!form.values.scheduledAt}
              {...form.getInputProps('fixedTime', { type: 'checkbox' })}
            />
          )}
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
          {form.errors.completedAt && <div role="alert">{form.errors.completedAt}</div>}
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
