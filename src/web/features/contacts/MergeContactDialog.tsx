import { Alert, Button, Group, List, Modal, Radio, ScrollArea, Skeleton, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Account } from '../../../shared/contracts/accounts.js';
import type { Contact, ContactMergeResult } from '../../../shared/contracts/contacts.js';
import { api } from '../../api/client.js';
import { useMayChange, usePage, useRecord } from '../../api/hooks.js';
import { EmptyState } from '../../components/EmptyState.js';
import { QueryError } from '../../components/QueryError.js';
import { personName, phone } from '../../lib/format.js';
import { movedSentence } from '../../lib/merge-moved.js';
import { notifyFailure, notifySaved, refreshAfterWrite } from '../../lib/mutations.js';
import { type DuplicateReason, rankDuplicates } from './contact-duplicates.js';

const reasonLabels: Record<DuplicateReason, string> = {
  same_email: 'same e-mail',
  same_phone: 'same phone number',
  same_name: 'same name',
  similar_name: 'similar name',
};

const takenFields = [
  ['title', 'Title', (value: string) => value],
  ['email', 'E-mail', (value: string) => value],
  ['phone', 'Phone', phone],
  ['mobile', 'Mobile', phone],
] as const;

/** What the survivor takes from the duplicate (the details it lacks), and what of the duplicate's is dropped. */
function takenAndDropped(contact: Contact, source: Contact) {
  const taken: string[] = [];
  const dropped: string[] = [];
  for (const [field, label, show] of takenFields) {
    const theirs = source[field];
    if (!theirs) continue;
    if (!contact[field]) taken.push(`${label}: ${show(theirs)}`);
    else if (contact[field] !== theirs) dropped.push(`${label.toLowerCase()} ${show(theirs)}`);
  }
  if (source.isPrimary && !contact.isPrimary) taken.push('The primary contact mark of the account');
  return { taken, dropped };
}

/**
 * Folds a duplicate into this contact (POST /contacts/{id}/merge), as MergeAccountDialog does for accounts:
 * the other contacts of the account are listed, the likeliest duplicates first, and choosing one says what
 * this contact takes from it. Nothing is chosen for the user, and the merge has no Undo, so it is asked in
 * words. If-Match carries the version on screen: a contact changed meanwhile answers 412, with a reload.
 */
export function MergeContactDialog({ contact, onClose }: { contact: Contact; onClose: () => void }) {
  const queryClient = useQueryClient();
  const mayChange = useMayChange();
  const account = useRecord<Account>('accounts', contact.accountId);
  const name = personName(contact);
  const accountName = account.data?.name ?? 'this account';
  const colleagues = usePage<Contact>('contacts', new URLSearchParams({ accountId: contact.accountId, limit: '200' }));
  const candidates = colleagues.data ? rankDuplicates(contact, colleagues.data.data) : [];
  const [selected, setSelected] = useState<string | null>(null);
  const source = candidates.find((candidate) => candidate.contact.id === selected)?.contact ?? null;
  const sourceName = source ? personName(source) : 'the duplicate';

  const merge = useMutation({
    mutationFn: (sourceId: string) =>
      api.post<ContactMergeResult>(
        `/contacts/${contact.id}/merge`,
        { sourceId },
        { headers: { 'if-match': `"${contact.version}"` } },
      ),
    onSuccess: (result) => {
      queryClient.setQueryData(['contacts', 'one', contact.id], result.contact);
      queryClient.removeQueries({ queryKey: ['contacts', 'one', result.sourceId] });
      queryClient.removeQueries({ queryKey: ['contacts', 'name', result.sourceId] });
      // Everything that hung off the duplicate now answers to this contact.
      refreshAfterWrite(queryClient, [
        'contacts',
        'opportunities',
        'activities',
        'tasks',
        'communications',
        'notes',
        'leads',
      ]);
      notifySaved(`Merged ${sourceName} into ${name}: ${movedSentence(result.moved)}.`);
      onClose();
    },
    onError: (error) => {
      // The duplicate may have gone or changed too: the list is read again in any case.
      void colleagues.refetch();
      notifyFailure(error, {
        title: 'The contacts were not merged',
        onReload: () => queryClient.invalidateQueries({ queryKey: ['contacts', 'one', contact.id] }),
      });
    },
  });

  const preview = source ? takenAndDropped(contact, source) : null;
  const nobodyElse = colleagues.isSuccess && candidates.length === 0;
  return (
    <Modal opened onClose={onClose} title={`Merge a duplicate into ${name}`} size="lg">
      <Stack>
        {!nobodyElse && (
          <Text size="sm">
            The duplicate's deals, activities, tasks, messages, notes and direct reports move to {name}, its details
            fill the fields {name} leaves empty, and the duplicate leaves every list.
          </Text>
        )}
        {colleagues.isPending ? (
          <Skeleton height={72} />
        ) : colleagues.isError ? (
          <QueryError error={colleagues.error} what={`the contacts of ${accountName}`} onRetry={colleagues.refetch} />
        ) : nobodyElse ? (
          <EmptyState title={`${name} is the only contact of ${accountName}`}>
            Only contacts of the same account merge. If the duplicate sits at another account, open it, choose{' '}
            {accountName} as its account in Edit, and merge it from here.
          </EmptyState>
        ) : (
          <Radio.Group
            label="Which contact is the duplicate?"
            description={`The other contacts of ${accountName}, the likeliest duplicates first.`}
            value={selected}
            onChange={setSelected}
          >
            <ScrollArea.Autosize mah={300} type="auto" mt="xs" offsetScrollbars>
              <Stack gap="xs">
                {candidates.map(({ contact: candidate, reasons }) => {
                  const allowed = mayChange(candidate.ownerId);
                  return (
                    <Radio
                      key={candidate.id}
                      value={candidate.id}
                      label={personName(candidate)}
                      disabled={!allowed}
                      description={[
                        candidate.title,
                        candidate.email,
                        candidate.phone || candidate.mobile ? phone(candidate.phone || candidate.mobile) : null,
                        reasons.map((reason) => reasonLabels[reason]).join(', '),
                        allowed ? null : 'only its owner, their managers and admins may merge it',
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    />
                  );
                })}
              </Stack>
            </ScrollArea.Autosize>
          </Radio.Group>
        )}
        {colleagues.data?.nextCursor && (
          <Text size="sm" c="dimmed">
            Only the first 200 contacts of {accountName} are listed.
          </Text>
        )}
        {source && preview && (
          <Stack gap={4} aria-live="polite">
            <Text size="sm" fw={600}>
              What {name} takes from {sourceName}
            </Text>
            {preview.taken.length > 0 ? (
              <List size="sm" spacing={2}>
                {preview.taken.map((item) => (
                  <List.Item key={item}>{item}</List.Item>
                ))}
              </List>
            ) : (
              <Text size="sm">
                No details: {name} already has every detail {sourceName} has.
              </Text>
            )}
            <Text size="sm">
              Its deals, activities, tasks, messages and notes move here, with the leads converted into it and the
              people who report to it.
            </Text>
            {preview.dropped.length > 0 && (
              <Text size="sm" c="dimmed">
                Not taken, as {name} has their own: {preview.dropped.join(', ')}.
              </Text>
            )}
          </Stack>
        )}
        {!nobodyElse && (
          <Alert color="orange" variant="light">
            {source ? (
              <>
                <strong>{sourceName}</strong> will be merged into <strong>{name}</strong>.{' '}
              </>
            ) : null}
            A merge cannot be undone here: the records stay with {name}.
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {nobodyElse ? 'Close' : 'Cancel'}
          </Button>
          {!nobodyElse && (
            <Button
              color="red"
              disabled={!source}
              loading={merge.isPending}
              onClick={() => source && merge.mutate(source.id)}
            >
              Merge contacts
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
