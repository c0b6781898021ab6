import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Radio,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { Lead, LeadConversion } from '../../../shared/contracts/leads.js';
import { ApiError, api } from '../../api/client.js';
import { DateField } from '../../components/DateFields.js';
import { AccountPicker } from '../../components/Pickers.js';
import { humanize } from '../../lib/format.js';
import { hasUnshownError, sentence } from '../../lib/forms.js';
import { invalidateLists, notifyFailure, notifySaved } from '../../lib/mutations.js';
import type { DuplicateCandidate } from './types.js';

const domainOf = (email: string | null) => (email?.includes('@') ? email.split('@')[1] : undefined);

/** The dialog's field that shows a server error at this path, if it has one. */
function dialogFieldOf(path: string): string | undefined {
  const key = path === 'accountId' ? 'account' : path.replace(/^opportunity\./, '');
  return ['account', 'name', 'amount', 'closeDate'].includes(key) ? key : undefined;
}

/** The errors of a failed conversion that the dialog's fields show, keyed by those fields. */
function dialogErrorsOf(error: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const problem of error instanceof ApiError ? error.errors : []) {
    const field = dialogFieldOf(problem.path);
    if (field) fields[field] = problem.message;
  }
  return fields;
}

/** An error the dialog has no field for (the lead's owner has left, say) is said above its buttons. */
const hasUnshownConversionError = (error: unknown) =>
  hasUnshownError(error, (path) => dialogFieldOf(path) !== undefined);

/**
 * Converting shows, before anything is written, which existing account the lead will join (the
 * server's duplicate finder over the company name and e-mail domain), or lets the rep pick any account
 * they see, and open a deal. A deal's amount is asked for: no budget on the lead means no amount yet,
 * not a $0 deal.
 */
export function ConvertLeadDialog({ lead, opened, onClose }: { lead: Lead; opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const params = new URLSearchParams();
  if (lead.company) params.set('name', lead.company);
  const domain = domainOf(lead.email);
  if (domain) params.set('website', domain);
  const matches = useQuery({
    queryKey: ['accounts', 'duplicates', params.toString()],
    queryFn: ({ signal }) =>
      api.get<{ data: DuplicateCandidate[] }>(`/accounts/duplicates?${params}&limit=5`, { signal }),
    enabled: params.size > 0,
  });
  const candidates = matches.data?.data ?? [];
  const [choice, setChoice] = useState<string | null>(null);
  const selected = choice ?? (candidates[0] && candidates[0].score >= 0.6 ? candidates[0].account.id : 'auto');
  // "pick": an account the rep chooses by name, when the finder did not suggest the right one.
  const [picked, setPicked] = useState<string | null>(null);
  const accountId = selected === 'pick' ? picked : selected === 'auto' ? null : selected;
  const [withDeal, setWithDeal] = useState(true);
  const [deal, setDeal] = useState<{ name: string; amount: number | ''; closeDate: string }>({
    name: `${lead.company ?? `${lead.firstName} ${lead.lastName}`} deal`,
    amount: lead.budgetAmount ?? '',
    closeDate: lead.decisionDate ?? dayjs().add(60, 'day').format('YYYY-MM-DD'),
  });
  const [errors, setErrors] = useState<Record<string, string>>({});

  const missing = (): Record<string, string> => ({
    ...(selected === 'pick' && !picked ? { account: 'Choose the account' } : {}),
    ...(withDeal && deal.amount === '' ? { amount: 'Enter the expected amount' } : {}),
  });
  const convert = useMutation({
    mutationFn: () =>
      api.post<LeadConversion>(`/leads/${lead.id}/convert`, {
        ...(accountId ? { accountId } : {}),
        opportunity: withDeal ? { name: deal.name, amount: Number(deal.amount), closeDate: deal.closeDate } : null,
      }),
    onSuccess: (result) => {
      queryClient.setQueryData(['leads', 'one', lead.id], result.lead);
      invalidateLists(queryClient, 'leads', 'accounts', 'contacts', 'opportunities');
      notifySaved(
        `Converted: ${result.accountMatched ? 'joined' : 'created'} ${result.account.name}${result.opportunity ? `, deal “${result.opportunity.name}” opened` : ''}`,
      );
      onClose();
      navigate(`/accounts/${result.account.id}`);
    },
    onError: (error) => {
      setErrors(dialogErrorsOf(error));
      if (hasUnshownConversionError(error)) notifyFailure(error, { title: 'The lead was not converted' });
    },
  });

  return (
    <Modal opened={opened} onClose={onClose} title={`Convert ${lead.firstName} ${lead.lastName}`} size="lg">
      <Stack gap="md">
        <div>
          <Text fw={600} size="sm" mb={6}>
            Account
          </Text>
          {matches.isFetching ? (
            <Skeleton height={60} />
          ) : (
            <Radio.Group value={selected} onChange={setChoice} aria-label="Account to convert into">
              <Stack gap="xs">
                {candidates.map((candidate) => (
                  <Radio
                    key={candidate.account.id}
                    value={candidate.account.id}
                    label={
                      <span>
                        Join <strong>{candidate.account.name}</strong> ({humanize(candidate.account.type)})
                      </span>
                    }
                    description={`Matched by ${candidate.reasons.map(humanize).join(', ').toLowerCase()} · ${Math.round(candidate.score * 100)}% alike`}
                  />
                ))}
                <Radio value="pick" label="Another account I choose" />
                {selected === 'pick' && (
                  <AccountPicker
                    label="Account"
                    placeholder="Search accounts"
                    value={picked}
                    onChange={(id) => setPicked(id)}
                    error={errors.account}
                    ml="xl"
                  />
                )}
                <Radio
                  value="auto"
                  label={
                    candidates.length
                      ? `Create a new account “${lead.company ?? lead.lastName}”`
                      : `Create the account “${lead.company ?? lead.lastName}”`
                  }
                  description={
                    candidates.length
                      ? 'Only if none of the accounts above is this company.'
                      : 'No existing account matches this company or e-mail domain.'
                  }
                />
              </Stack>
            </Radio.Group>
          )}
          {accountId && (
            <Alert variant="light" color="indigo" mt="xs">
              The contact and the deal will be added to the existing account; nothing there is overwritten.
            </Alert>
          )}
        </div>
        <div>
          <Checkbox
            label="Open a deal"
            checked={withDeal}
            onChange={(event) => setWithDeal(event.currentTarget.checked)}
          />
          {withDeal && (
            <Stack gap="xs" mt="xs">
              <TextInput
                label="Deal name"
                value={deal.name}
                onChange={(event) => setDeal({ ...deal, name: event.currentTarget.value })}
                error={errors.name}
                required
              />
              <Group grow>
                <NumberInput
                  label="Amount"
                  thousandSeparator=","
                  min={0}
                  required
                  value={deal.amount}
                  onChange={(value) => setDeal({ ...deal, amount: value === '' ? '' : Number(value) })}
                  error={errors.amount}
                />
                <DateField
                  label="Close date"
                  value={deal.closeDate}
                  onChange={(closeDate) => setDeal({ ...deal, closeDate })}
                  error={errors.closeDate}
                />
              </Group>
            </Stack>
          )}
        </div>
        {convert.isError && hasUnshownConversionError(convert.error) && (
          <Alert color="red" variant="light">
            {sentence(convert.error.message)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            onClick={() => {
              const problems = missing();
              setErrors(problems);
              if (Object.keys(problems).length === 0) convert.mutate();
            }}
            loading={convert.isPending}
          >
            Convert lead
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
