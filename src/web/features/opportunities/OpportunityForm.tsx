import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import {
  createOpportunitySchema,
  type Opportunity,
  openStages,
  updateOpportunitySchema,
} from '../../../shared/contracts/opportunities.js';
import { api } from '../../api/client.js';
import { DateField } from '../../components/DateFields.js';
import { AccountPicker, ContactPicker, UserPicker } from '../../components/Pickers.js';
import { blankToNull, focusFirstError, zodValidate } from '../../lib/forms.js';
import { stageLabels } from '../../lib/labels.js';
import { invalidateLists, notifySaved, reportSaveError } from '../../lib/mutations.js';
import { useAmountFromProducts } from './deal-products.js';

type Values = {
  name: string;
  accountId: string | null;
  contactId: string | null;
  ownerId: string | null;
  stage: string;
  amount: number | string;
  currency: string;
  closeDate: string;
  requirements: string;
  risks: string;
};

/** What a closed deal keeps as it was sold until it is reopened (the server's `frozenWhileClosed`). */
const frozenWhileClosed = ['accountId', 'amount', 'currency', 'closeDate'] as const;

/** Said under each frozen field of a closed deal, instead of a refusal on save. */
const FROZEN_HINT = 'Reopen the deal to change this';
/** Said under the amount of a deal with products: the server keeps it the sum of their lines. */
const FROM_PRODUCTS_HINT = 'The sum of its products: change them in Products';

function toPayload(values: Values, editing: 'open' | 'closed' | false, amountFromProducts = false) {
  const { amount, ownerId, ...rest } = values;
  const payload: Partial<Record<keyof Values, unknown>> = {
    ...blankToNull(rest),
    amount: amount === '' ? 0 : Number(amount),
    ownerId: ownerId ?? (editing ? null : undefined),
  };
  // The stage moves through the stage bar or the board, where its rules (loss reason, approval) are asked for.
  if (editing) delete payload.stage;
  if (editing === 'closed') for (const field of frozenWhileClosed) delete payload[field];
  if (amountFromProducts) {
    delete payload.amount;
    delete payload.currency;
  }
  return payload;
}

export function OpportunityForm({
  deal,
  accountId,
  opened,
  onClose,
  openAfterCreate = !accountId,
}: {
  deal?: Opportunity;
  accountId?: string;
  opened: boolean;
  onClose: () => void;
  /**
   * Whether a created deal's page opens (from the list). An account's page and the board keep the rep where
   * they were: the new deal shows there.
   */
  openAfterCreate?: boolean;
}) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const editing = deal ? (deal.closedAt === null ? 'open' : 'closed') : false;
  const frozen = editing === 'closed' ? { readOnly: true, description: FROZEN_HINT } : {};
  const amountFromProducts = useAmountFromProducts(deal?.id);
  const fromProducts =
    amountFromProducts && editing === 'open' ? { readOnly: true, description: FROM_PRODUCTS_HINT } : frozen;
  const form = useForm<Values>({
    initialValues: {
      name: deal?.name ?? '',
      accountId: deal?.accountId ?? accountId ?? null,
      contactId: deal?.contactId ?? null,
      ownerId: deal?.ownerId ?? null,
      stage: deal?.stage ?? 'prospecting',
      amount: deal?.amount ?? '',
      currency: deal?.currency ?? 'USD',
      closeDate: deal?.closeDate ?? dayjs().add(60, 'day').format('YYYY-MM-DD'),
      requirements: deal?.requirements ?? '',
      risks: deal?.risks ?? '',
    },
    validate: zodValidate(editing ? updateOpportunitySchema : createOpportunitySchema, (values: Values) =>
      toPayload(values, editing, amountFromProducts),
    ),
  });
  const save = useMutation({
    mutationFn: (values: Values) =>
      deal
        ? api.patch<Opportunity>(`/opportunities/${deal.id}`, toPayload(values, editing, amountFromProducts), {
            headers: { 'if-match': `"${deal.version}"` },
          })
        : api.post<Opportunity>('/opportunities', toPayload(values, false)),
    onSuccess: (saved) => {
      queryClient.setQueryData(['opportunities', 'one', saved.id], saved);
      invalidateLists(queryClient, 'opportunities');
      notifySaved(deal ? 'Deal saved' : `Deal ${saved.name} created`);
      onClose();
      if (!deal && openAfterCreate) navigate(`/opportunities/${saved.id}`);
    },
    onError: (error) => {
      reportSaveError(form, error, {
        onReload: () => queryClient.invalidateQueries({ queryKey: ['opportunities', 'one', deal?.id] }),
      });
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={deal ? `Edit ${deal.name}` : 'New deal'} size="lg">
      <form onSubmit={form.onSubmit((values) => save.mutate(values), focusFirstError)} noValidate>
        <Stack gap="sm">
          <TextInput label="Deal name" required data-autofocus {...form.getInputProps('name')} />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            {!accountId && (
              <AccountPicker
                label="Account"
                required
                placeholder="Search accounts"
                {...frozen}
                {...form.getInputProps('accountId')}
              />
            )}
            <ContactPicker
              label="Contact"
              placeholder="None"
              accountId={form.values.accountId}
              {...form.getInputProps('contactId')}
            />
            {!deal && (
              <Select
                label="Stage"
                data={openStages.map((stage) => ({ value: stage, label: stageLabels[stage] }))}
                allowDeselect={false}
                {...form.getInputProps('stage')}
              />
            )}
            <NumberInput
              label="Amount"
              thousandSeparator=","
              min={0}
              {...fromProducts}
              {...form.getInputProps('amount')}
            />
            <TextInput label="Currency" maxLength={3} {...fromProducts} {...form.getInputProps('currency')} />
            <DateField label="Close date" required {...frozen} {...form.getInputProps('closeDate')} />
            <UserPicker
              label="Owner"
              placeholder={deal ? 'Unassigned' : 'Me'}
              clearable
              {...form.getInputProps('ownerId')}
            />
          </SimpleGrid>
          <Textarea label="Requirements" autosize minRows={2} {...form.getInputProps('requirements')} />
          <Textarea label="Risks" autosize minRows={1} {...form.getInputProps('risks')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {deal ? 'Save' : 'Create deal'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
