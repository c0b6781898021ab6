import { Button, Group, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
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
import { amountOrNull, wholeNumberOrNull } from '../../components/EditableField.js';
import { UserPicker } from '../../components/Pickers.js';
import { humanize } from '../../lib/format.js';
import { blankToNull, type FormErrors, focusFirstError, sentence, zodValidate } from '../../lib/forms.js';
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
  /** As typed: "12k" and "1.2m" are read when the form is checked (`amountOrNull`). */
  budgetAmount: string;
  decisionDate: string;
  employees: string;
  country: string;
  region: string;
  needDescription: string;
  ownerId: string | null;
};

/** The numbers typed as text, each read by the parser an in-place edit of the same field uses. */
const numberFields = { budgetAmount: amountOrNull, employees: wholeNumberOrNull } as const;

function toPayload(values: Values, editing: boolean) {
  const { budgetAmount, employees, ownerId, ...rest } = values;
  const read = (field: keyof typeof numberFields) => {
    const parsed = numberFields[field](values[field]);
    return 'error' in parsed ? null : parsed.value;
  };
  return {
    ...blankToNull(rest),
    budgetAmount: read('budgetAmount'),
    employees: read('employees'),
    ownerId: ownerId ?? (editing ? null : undefined),
  };
}

/**
 * The contract's rules, after the numbers typed as text are read: "abc" or "-5" is said at its field
 * ("must not be negative") instead of being dropped or turned into 0.
 */
function validate(editing: boolean) {
  const contract = zodValidate(editing ? updateLeadSchema : createLeadSchema, (values: Values) =>
    toPayload(values, editing),
  );
  return (values: Values): FormErrors => {
    const errors = contract(values);
    for (const field of Object.keys(numberFields) as (keyof typeof numberFields)[]) {
      const parsed = numberFields[field](values[field]);
      if ('error' in parsed) errors[field] = sentence(parsed.error);
    }
    return errors;
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
      budgetAmount: lead?.budgetAmount == null ? '' : String(lead.budgetAmount),
      decisionDate: lead?.decisionDate ?? '',
      employees: lead?.employees == null ? '' : String(lead.employees),
      country: lead?.country ?? '',
      region: lead?.region ?? '',
      needDescription: lead?.needDescription ?? '',
      ownerId: lead?.ownerId ?? null,
    },
    validate: validate(Boolean(lead)),
    // A number or a date that cannot be read is said as soon as the box is left, not only on saving.
    validateInputOnBlur: ['budgetAmount', 'employees'],
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
            <TextInput
              label="Budget"
              inputMode="decimal"
              placeholder="250000, 12k or 1.2m"
              {...form.getInputProps('budgetAmount')}
            />
            <DateField label="Decision date" clearable {...form.getInputProps('decisionDate')} />
            <TextInput label="Employees" inputMode="numeric" {...form.getInputProps('employees')} />
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
