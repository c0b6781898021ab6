import { Button, Checkbox, Group, Modal, Paper, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { type Activity, type CompletedActivity, completeActivitySchema } from '../../../shared/contracts/activities.js';
import { taskPriorities } from '../../../shared/contracts/tasks.js';
import { api } from '../../api/client.js';
import { DateTimeField } from '../../components/DateFields.js';
import { humanize } from '../../lib/format.js';
import { focusFirstError, zodValidate } from '../../lib/forms.js';
import { notifySaved, refreshAfterWrite, reportSaveError } from '../../lib/mutations.js';
import { VisitStamps } from './VisitStamps.js';

type Values = {
  outcome: string;
  nextSteps: string;
  followUp: boolean;
  followUpTask: { title: string; dueAt: string; priority: string };
};

function toPayload(values: Values) {
  return {
    outcome: values.outcome,
    ...(values.nextSteps.trim() ? { nextSteps: values.nextSteps } : {}),
    ...(values.followUp
      ? {
          followUpTask: {
            title: values.followUpTask.title,
            dueAt: values.followUpTask.dueAt ? dayjs(values.followUpTask.dueAt).toISOString() : '',
            priority: values.followUpTask.priority,
          },
        }
      : {}),
  };
}

/** A task title from the next steps: their first line, as long as a title may be. */
function titleFrom(nextSteps: string): string {
  return (nextSteps.split('\n')[0] ?? '').trim().slice(0, 300);
}

/**
 * Completing asks what came of it and what happens next; the next steps can become a follow-up task,
 * created by the server in the same transaction with the activity's links.
 */
export function CompleteActivityDialog({ activity, onClose }: { activity: Activity; onClose: () => void }) {
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    initialValues: {
      outcome: '',
      nextSteps: activity.nextSteps ?? '',
      followUp: false,
      followUpTask: {
        title: '',
        dueAt: dayjs().add(1, 'day').hour(9).minute(0).format('YYYY-MM-DDTHH:mm'),
        priority: 'medium',
      },
    },
    validate: zodValidate(completeActivitySchema, toPayload),
  });
  const save = useMutation({
    mutationFn: (values: Values) =>
      api.post<CompletedActivity>(`/activities/${activity.id}/complete`, toPayload(values), {
        headers: { 'if-match': `"${activity.version}"` },
      }),
    onSuccess: (result) => {
      refreshAfterWrite(queryClient, ['activities', 'tasks'], activity.id);
      notifySaved(
        result.followUpTask
          ? `Completed: ${activity.subject}. Follow-up task created.`
          : `Completed: ${activity.subject}`,
      );
      onClose();
    },
    onError: (error) =>
      reportSaveError(form, error, {
        title: 'The activity was not completed',
        onReload: () => refreshAfterWrite(queryClient, ['activities'], activity.id),
      }),
  });
  const toggleFollowUp = (on: boolean) => {
    form.setFieldValue('followUp', on);
    if (on && !form.values.followUpTask.title)
      form.setFieldValue('followUpTask.title', titleFrom(form.values.nextSteps));
  };
  return (
    <Modal opened onClose={onClose} title={`Complete · ${activity.subject}`}>
      <form onSubmit={form.onSubmit((values) => save.mutate(values), focusFirstError)} noValidate>
        <Stack gap="sm">
          {activity.type === 'visit' && <VisitStamps visit={activity} />}
          <Textarea
            label="Outcome"
            placeholder="What came of it"
            required
            autosize
            minRows={2}
            data-autofocus
            {...form.getInputProps('outcome')}
          />
          <Textarea
            label="Next steps"
            placeholder="What happens next, and who does it"
            autosize
            minRows={1}
            {...form.getInputProps('nextSteps')}
          />
          <Checkbox
            label="Create a follow-up task from the next steps"
            checked={form.values.followUp}
            onChange={(event) => toggleFollowUp(event.currentTarget.checked)}
          />
          {form.values.followUp && (
            <Paper withBorder p="sm" radius="md">
              <Stack gap="sm">
                <TextInput label="Task title" required {...form.getInputProps('followUpTask.title')} />
                <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                  <DateTimeField label="Task due" required {...form.getInputProps('followUpTask.dueAt')} />
                  <Select
                    label="Task priority"
                    data={taskPriorities.map((priority) => ({ value: priority, label: humanize(priority) }))}
                    allowDeselect={false}
                    {...form.getInputProps('followUpTask.priority')}
                  />
                </SimpleGrid>
              </Stack>
            </Paper>
          )}
          {form.errors.status && <div role="alert">{form.errors.status}</div>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Not now
            </Button>
            <Button type="submit" loading={save.isPending}>
              Complete
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
