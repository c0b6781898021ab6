import { Alert, Button, Group, Modal, Radio, Skeleton, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Account, MergeResult } from '../../../shared/contracts/accounts.js';
import { api } from '../../api/client.js';
import { useUserNames } from '../../api/hooks.js';
import { AccountPicker } from '../../components/Pickers.js';
import { movedSentence } from '../../lib/merge-moved.js';
import { notifyFailure, notifySaved, refreshAfterWrite } from '../../lib/mutations.js';
import type { DuplicateCandidate } from '../leads/types.js';

const reasonLabels: Record<DuplicateCandidate['reasons'][number], string> = {
  same_name: 'same name',
  same_domain: 'same web domain',
  similar_name: 'similar name',
};

/**
 * Folds a duplicate into this account (POST /accounts/{id}/merge): the server's duplicate finder suggests
 * the likely ones, any other account can be picked by name, and the button says exactly what will happen.
 * A merge cannot be undone from here (the records have moved), so it is asked for in words, not offered Undo.
 */
export function MergeAccountDialog({ account, onClose }: { account: Account; onClose: () => void }) {
  const queryClient = useQueryClient();
  const userName = useUserNames();
  const params = new URLSearchParams({ name: account.name, excludeId: account.id, limit: '5' });
  if (account.website) params.set('website', account.website);
  if (account.email) params.set('email', account.email);
  const matches = useQuery({
    queryKey: ['accounts', 'duplicates', params.toString()],
    queryFn: ({ signal }) => api.get<{ data: DuplicateCandidate[] }>(`/accounts/duplicates?${params}`, { signal }),
  });
  const candidates = matches.data?.data ?? [];
  const [choice, setChoice] = useState<string | null>(null);
  const [picked, setPicked] = useState<{ id: string; name: string } | null>(null);
  // Nothing is chosen for the user: merging the wrong account is not a click to take lightly.
  const selected = choice ?? (matches.isSuccess && candidates.length === 0 ? 'pick' : null);
  const source =
    selected === 'pick'
      ? picked
      : (candidates.map((candidate) => candidate.account).find((candidate) => candidate.id === selected) ?? null);

  const merge = useMutation({
    mutationFn: (sourceId: string) => api.post<MergeResult>(`/accounts/${account.id}/merge`, { sourceId }),
    onSuccess: (result) => {
      queryClient.setQueryData(['accounts', 'one', account.id], result.account);
      queryClient.removeQueries({ queryKey: ['accounts', 'one', result.sourceId] });
      // Everything that hung off the duplicate now answers to this account.
      refreshAfterWrite(queryClient, ['accounts', 'contacts', 'opportunities', 'activities', 'tasks']);
      for (const key of ['hierarchy', 'summary', 'duplicates'])
        void queryClient.invalidateQueries({ queryKey: ['accounts', key] });
      notifySaved(`Merged ${source?.name ?? 'the duplicate'} into ${account.name}: ${movedSentence(result.moved)}.`);
      onClose();
    },
    onError: (error) => notifyFailure(error, { title: 'The accounts were not merged' }),
  });

  return (
    <Modal opened onClose={onClose} title={`Merge a duplicate into ${account.name}`} size="lg">
      <Stack>
        <Text size="sm">
          The duplicate's contacts, deals, activities, tasks, notes and child accounts move to {account.name}, its
          details fill the fields {account.name} leaves empty, and the duplicate leaves every list.
        </Text>
        {matches.isPending ? (
          <Skeleton height={72} />
        ) : (
          <Radio.Group label="Which account is the duplicate?" value={selected} onChange={setChoice}>
            <Stack gap="xs" mt="xs">
              {candidates.map(({ account: candidate, reasons }) => (
                <Radio
                  key={candidate.id}
                  value={candidate.id}
                  label={candidate.name}
                  description={[
                    [candidate.address.city, candidate.address.country].filter(Boolean).join(', '),
                    `owner ${userName(candidate.ownerId)}`,
                    reasons.map((reason) => reasonLabels[reason]).join(', '),
                    // A branch often shares the name: say so before it is merged away by mistake.
                    candidate.parentId === account.id ? 'a branch of this account' : '',
                    account.parentId === candidate.id ? 'the parent of this account' : '',
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                />
              ))}
              <Radio value="pick" label={candidates.length ? 'Another account' : 'Choose the account'} />
            </Stack>
          </Radio.Group>
        )}
        {matches.isSuccess && candidates.length === 0 && (
          <Text size="sm" c="dimmed">
            No account looks like a duplicate by name, website or e-mail. Pick it by name if you know one.
          </Text>
        )}
        {selected === 'pick' && (
          <AccountPicker
            label="Duplicate account"
            placeholder="Type its name"
            excludeId={account.id}
            value={picked?.id ?? null}
            onChange={(id, name) => setPicked(id && name ? { id, name } : null)}
          />
        )}
        <Alert color="orange" variant="light">
          {source ? (
            <>
              <strong>{source.name}</strong> will be merged into <strong>{account.name}</strong>.{' '}
            </>
          ) : null}
          A merge cannot be undone here: the records stay with {account.name}.
        </Alert>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="red"
            disabled={!source}
            loading={merge.isPending}
            onClick={() => source && merge.mutate(source.id)}
          >
            Merge accounts
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
