import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { type Activity, createActivitySchema } from '../../../shared/contracts/activities.js';
import { api } from '../../api/client.js';
import { DateTimeField } from '../../components/DateFields.js';
import { focusFirstError, zodValidate } from '../../lib/forms.js';
import { notifySaved, refreshAfterWrite, reportSaveError } from '../../lib/mutations.js';

type Values = { subject: string; scheduledAt: string };

const toPayload = (accountId: string) => (values: Values) => ({
  type: 'visit' as const,
  status: 'planned' as const,
  accountId,
  subject: values.subject,
  scheduledAt: values.scheduledAt ? dayjs(values.scheduledAt).toISOString() : null,
});

/**
 * Plans a visit to a neglected account from the coverage report: the subject and the time are all it
 * asks, as the report's reader is planning a round of visits, not writing up one. The activity form of
 * the record pages starts blank; this one names the visit after the account.
 */
export function PlanVisitDialog({
  account,
  onClose,
}: {
  account: { id: string; name: string } | null;
  onClose: () => void;
}) {
  return (
    <Modal opened={account !== null} onClose={onClose} title={account ? `Plan a visit · ${account.name}` : ''}>
      {/* A fresh form per account: the subject and time of the last one are not this one's. */}
      {account && <PlanVisitForm key={account.id} account={account} onDone={onClose} />}
    </Modal>
  );
}

function PlanVisitForm({ account, onDone }: { account: { id: string; name: string }; onDone: () => void }) {
  const queryClient = useQueryClient();
  const payloadOf = toPayload(account.id);
  const form = useForm<Values>({
    initialValues: {
      subject: `Visit ${account.name}`,
      // The next working morning is when most visits are planned for.
      scheduledAt: dayjs().add(1, 'day').hour(9).minute(0).format('YYYY-MM-DDTHH:mm'),
    },
    // The contract lets an activity go without a time; a planned visit needs one to be a plan.
    validate: (values) => ({
      ...zodValidate(createActivitySchema, payloadOf)(values),
      ...(values.scheduledAt ? {} : { scheduledAt: 'Required' }),
    }),
  });
  const save = useMutation({
    mutationFn: (values: Values) => api.post<Activity>('/activities', payloadOf(values)),
    onSuccess: (saved) => {
      refreshAfterWrite(queryClient, ['activities'], saved.id);
      // The coverage figures and the list count planned visits.
      void queryClient.invalidateQueries({ queryKey: ['reports'] });
      notifySaved(`Visit to ${account.name} planned`);
      onDone();
    },
    onError: (error) => reportSaveError(form, error),
  });
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values), focusFirstError)} noValidate>
      <Stack gap="sm">
        <TextInput label="Subject" required {...form.getInputProps('subject')} />
        <DateTimeField label="When" required data-autofocus {...form.getInputProps('scheduledAt')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Plan visit
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
