import { Button, Checkbox, Group, Modal, Radio, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  createLeadFormSchema,
  type LeadForm,
  type UpdateLeadFormInput,
  updateLeadFormSchema,
} from '../../../shared/contracts/lead-forms.js';
import { leadSources } from '../../../shared/contracts/leads.js';
import { api } from '../../api/client.js';
import { useMe } from '../../api/hooks.js';
import { UserPicker } from '../../components/Pickers.js';
import { humanize } from '../../lib/format.js';
import { type FormErrors, focusFirstError, sentence, zodValidate } from '../../lib/forms.js';
import { notifySaved, reportSaveError } from '../../lib/mutations.js';
import { invalidateLeadForms } from './queries.js';

type Values = {
  name: string;
  source: LeadForm['source'];
  assignment: LeadForm['assignment'];
  ownerId: string | null;
  redirectUrl: string;
  active: boolean;
};

const sourceOptions = leadSources.map((source) => ({ value: source, label: humanize(source) }));

function payloadOf(values: Values) {
  return {
    name: values.name.trim(),
    source: values.source,
    assignment: values.assignment,
    // Left empty on a new form, the caller (the server's default).
    ownerId: values.ownerId ?? undefined,
    // Empty: Meridian's own thank-you page.
    redirectUrl: values.redirectUrl.trim() || null,
    active: values.active,
  };
}

/** Only what changed, so an edit never rewrites what someone else changed meanwhile. */
function changesOf(form: LeadForm, values: Values): UpdateLeadFormInput {
  const payload = payloadOf(values);
  const changes: UpdateLeadFormInput = {};
  if (payload.name !== form.name) changes.name = payload.name;
  if (payload.source !== form.source) changes.source = payload.source;
  if (payload.assignment !== form.assignment) changes.assignment = payload.assignment;
  if (payload.ownerId !== undefined && payload.ownerId !== form.ownerId) changes.ownerId = payload.ownerId;
  if (payload.redirectUrl !== form.redirectUrl) changes.redirectUrl = payload.redirectUrl;
  if (payload.active !== form.active) changes.active = payload.active;
  return changes;
}

/** The contract's and the server's messages, said for people at the fields that show them. */
function readable(errors: FormErrors): FormErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([path, message]) => [
      path,
      path === 'redirectUrl' && typeof message === 'string' && /url|address/i.test(message)
        ? 'Enter the whole address, starting with https://, such as https://www.example.com/thank-you'
        : path === 'ownerId' && typeof message === 'string' && /no such active user/i.test(message)
          ? 'Choose someone who can sign in: this person is not an active user'
          : typeof message === 'string'
            ? sentence(message)
            : message,
    ]),
  );
}

/**
 * Create (no `leadForm`) or edit a lead form (managers and admins): its name, the source of its leads, how
 * they are handed out and to whom, and where a visitor's browser goes after posting.
 */
export function LeadFormForm({
  leadForm,
  onClose,
  onCreated,
}: {
  leadForm?: LeadForm;
  onClose: () => void;
  onCreated?: (created: LeadForm) => void;
}) {
  const queryClient = useQueryClient();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const me = useMe().data;
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      name: leadForm?.name ?? '',
      source: leadForm?.source ?? 'website',
      assignment: leadForm?.assignment ?? 'territory',
      ownerId: leadForm?.ownerId ?? me?.id ?? null,
      redirectUrl: leadForm?.redirectUrl ?? '',
      active: leadForm?.active ?? true,
    },
    validate: (values) => ({
      ...readable(
        leadForm
          ? zodValidate(updateLeadFormSchema, (next: Values) => changesOf(leadForm, next))(values)
          : zodValidate(createLeadFormSchema, payloadOf)(values),
      ),
      ...(values.name.trim() ? {} : { name: 'Give the form a name, such as Website contact page' }),
      ...(leadForm && !values.ownerId ? { ownerId: 'Choose who manages the form' } : {}),
    }),
  });
  const save = useMutation({
    mutationFn: (values: Values) =>
      leadForm
        ? api.patch<LeadForm>(`/lead-forms/${leadForm.id}`, changesOf(leadForm, values), {
            headers: { 'if-match': `"${leadForm.version}"` },
          })
        : api.post<LeadForm>('/lead-forms', payloadOf(values)),
    onSuccess: (saved) => {
      invalidateLeadForms(queryClient);
      queryClient.setQueryData(['lead-forms', 'one', saved.id], saved);
      notifySaved(leadForm ? `${saved.name} saved` : `Lead form ${saved.name} created`);
      onClose();
      if (!leadForm) onCreated?.(saved);
    },
    onError: (error) =>
      reportSaveError({ setErrors: (errors) => form.setErrors(readable(errors)), getValues: form.getValues }, error, {
        onReload: () => invalidateLeadForms(queryClient),
      }),
  });
  const submit = (values: Values) => {
    if (leadForm && Object.keys(changesOf(leadForm, values)).length === 0) onClose();
    else save.mutate(values);
  };
  const { assignment } = form.getValues();

  return (
    <Modal
      opened
      onClose={onClose}
      title={leadForm ? `Edit ${leadForm.name}` : 'New lead form'}
      size="lg"
      fullScreen={isPhone ?? false}
    >
      <form onSubmit={form.onSubmit(submit, focusFirstError)} noValidate>
        <Stack gap="sm">
          <TextInput
            label="Name"
            description="Where the form is, so everyone knows where a lead came from"
            placeholder="e.g. Website contact page"
            required
            autoComplete="off"
            data-autofocus
            {...form.getInputProps('name')}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Select
              label="Source of its leads"
              description="As the reports count lead sources"
              data={sourceOptions}
              allowDeselect={false}
              {...form.getInputProps('source')}
            />
            <UserPicker
              label="Owner"
              description={
                assignment === 'owner' ? 'Gets every lead of this form' : 'Gets the leads no territory rep takes'
              }
              required
              {...form.getInputProps('ownerId')}
            />
          </SimpleGrid>
          <Radio.Group label="Who gets each lead" {...form.getInputProps('assignment')}>
            <Stack gap="xs" mt={6}>
              <Radio
                value="territory"
                label="Territory's reps in turn"
                description="The active rep of the lead's territory (from the region or country the visitor gives) who was given a lead least recently; the owner when no rep takes it."
              />
              <Radio value="owner" label="Always the owner" description="Every lead goes to the owner." />
            </Stack>
          </Radio.Group>
          <TextInput
            label="After sending, go to"
            description="A page of your website the visitor's browser opens after posting the form. Leave it empty to show Meridian's short thank-you page."
            placeholder="https://www.example.com/thank-you"
            type="url"
            autoComplete="off"
            {...form.getInputProps('redirectUrl')}
          />
          {leadForm && (
            <Checkbox
              label="Active: takes inquiries"
              description="An inactive form's address refuses every post (404), so the website's form shows an error."
              {...form.getInputProps('active', { type: 'checkbox' })}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {leadForm ? 'Save' : 'Create lead form'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
