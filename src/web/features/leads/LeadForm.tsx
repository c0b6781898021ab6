import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import {
  createLeadSchema,
  type Lead,
  leadSources,
  leadStages,
  updateLeadSchema,
} from '../../../shared/contracts/leads.js';
import { api } from '../../api/client.js';
import { DateField } from '../../components/DateFields.js';
import { UserPicker } from '../../components/Pickers.js';
import { humanize } from '../../lib/format.js';
import { blankToNull, focusFirstError, zodValidate } from '../../lib/forms.js';
import { invalidateLists, notifySaved, reportSaveError } from '../../lib/mutations.js';

type Values = {
  firstName: string;
  lastName: string;
  company: string;
  title: string;
  email: string;
  phone: string;
  source: string;
  stage: string;
  budgetAmount: number | string;
  decisionDate: string;
  employees: number | string;
  country: string;
  region: string;
  needDescription: string;
  ownerId: string | null;
};

function toPayload(values: Values, editing: boolean) {
  const { budgetAmount, employees, ownerId, ...rest } = values;
  return {
    ...blankToNull(rest),
    budgetAmount: budgetAmount === '' ? null : Number(budgetAmount),
    employees: employees === '' ? null : Number(employees),
    ownerId: ownerId ?? (editing ? null : undefined),
  };
}

export function LeadForm({ lead, opened, onClose }: { lead?: Lead; opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const form = useForm<Values>({
    initialValues: {
      firstName: lead?.firstName ?? '',
      lastName: lead?.lastName ?? '',
      company: lead?.company ?? '',
      title: lead?.title ?? '',
      email: lead?.email ?? '',
      phone: lead?.phone ?? '',
      source: lead?.source ?? 'website',
      stage: lead?.stage ?? 'inquiry',
      budgetAmount: lead?.budgetAmount ?? '',
      decisionDate: lead?.decisionDate ?? '',
      employees: lead?.employees ?? '',
      country: lead?.country ?? '',
      region: lead?.region ?? '',
      needDescription: lead?.needDescription ?? '',
      ownerId: lead?.ownerId ?? null,
    },
    validate: zodValidate(lead ? updateLeadSchema : createLeadSchema, (values: Values) =>
      toPayload(values, Boolean(lead)),
    ),
  });
  const save = useMutation({
    mutationFn: (values: Values) =>
      lead
        ? api.patch<Lead>(`/leads/${lead.id}`, toPayload(values, true), {
            headers: { 'if-match': `"${lead.version}"` },
          })
        : api.post<Lead>('/leads', toPayload(values, false)),
    onSuccess: (saved) => {
      queryClient.setQueryData(['leads', 'one', saved.id], saved);
      invalidateLists(queryClient, 'leads');
      notifySaved(lead ? 'Lead saved' : `Lead ${saved.firstName} ${saved.lastName} created · score ${saved.score}`);
      onClose();
      if (!lead) navigate(`/leads/${saved.id}`);
    },
    onError: (error) => {
      reportSaveError(form, error, {
        onReload: () => queryClient.invalidateQueries({ queryKey: ['leads', 'one', lead?.id] }),
      });
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={lead ? 'Edit lead' : 'New lead'} size="lg">
      <form onSubmit={form.onSubmit((values) => save.mutate(values), focusFirstError)} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput label="First name" required data-autofocus {...form.getInputProps('firstName')} />
            <TextInput label="Last name" required {...form.getInputProps('lastName')} />
            <TextInput label="Company" {...form.getInputProps('company')} />
            <TextInput label="Job title" {...form.getInputProps('title')} />
            <TextInput label="E-mail" type="email" {...form.getInputProps('email')} />
            <TextInput label="Phone" type="tel" {...form.getInputProps('phone')} />
            <Select
              label="Source"
              data={leadSources.map((source) => ({ value: source, label: humanize(source) }))}
              allowDeselect={false}
              {...form.getInputProps('source')}
            />
            <Select
              label="Stage"
              data={leadStages.map((stage) => ({ value: stage, label: humanize(stage) }))}
              allowDeselect={false}
              {...form.getInputProps('stage')}
            />
            <NumberInput label="Budget" thousandSeparator="," min={0} {...form.getInputProps('budgetAmount')} />
            <DateField label="Decision date" clearable {...form.getInputProps('decisionDate')} />
            <NumberInput
              label="Employees"
              thousandSeparator=","
              min={0}
              allowDecimal={false}
              {...form.getInputProps('employees')}
            />
            <TextInput label="Country" {...form.getInputProps('country')} />
            <TextInput label="Region" {...form.getInputProps('region')} />
            <UserPicker
              label="Owner"
              placeholder={lead ? 'Unassigned' : 'Me'}
              clearable
              {...form.getInputProps('ownerId')}
            />
          </SimpleGrid>
          <Textarea label="Need" autosize minRows={2} {...form.getInputProps('needDescription')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {lead ? 'Save' : 'Create lead'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
