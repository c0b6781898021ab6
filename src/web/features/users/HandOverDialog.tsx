import { Button, Checkbox, Group, Modal, Select, Skeleton, Stack, Switch, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import {
  type HandOverCounts,
  type HandOverKind,
  type HandOverResult,
  handOverKinds,
} from '../../../shared/contracts/hand-over.js';
import type { User } from '../../../shared/contracts/users.js';
import { api } from '../../api/client.js';
import { useUsers } from '../../api/hooks.js';
import { TerritoryPicker } from '../../components/Pickers.js';
import { count } from '../../lib/format.js';
import { type FormErrors, fieldErrorsOf, hasUnshownError, sentence } from '../../lib/forms.js';
import { notifyFailure, notifySaved } from '../../lib/mutations.js';
import { newIdempotencyKey } from '../attachments/files.js';
import { readable } from './messages.js';

/** The checkbox of each kind; leads and deals are only the open ones unless closed ones are asked for too. */
function kindLabel(kind: HandOverKind, includeClosed: boolean): string {
  if (kind === 'leads') return includeClosed ? 'All leads' : 'Open leads';
  if (kind === 'opportunities') return includeClosed ? 'All deals' : 'Open deals';
  return { accounts: 'Accounts', contacts: 'Contacts', tasks: 'Open tasks', activities: 'Planned activities' }[kind];
}

const kindNouns: Record<HandOverKind, [string, string]> = {
  accounts: ['account', 'accounts'],
  contacts: ['contact', 'contacts'],
  leads: ['lead', 'leads'],
  opportunities: ['deal', 'deals'],
  tasks: ['task', 'tasks'],
  activities: ['activity', 'activities'],
};

const howMany = (value: number, [one, many]: [string, string]) => `${count(value)} ${value === 1 ? one : many}`;

/** The parts of a hand-over that move something, as a phrase: "4 records, 1 territory and 2 people reporting to them". */
function movingPhrase(records: number, counts: HandOverCounts, team: boolean): string {
  const parts = [
    records > 0 ? howMany(records, ['record', 'records']) : '',
    team && counts.territories > 0 ? howMany(counts.territories, ['territory', 'territories']) : '',
    team && counts.reports > 0 ? howMany(counts.reports, ['person reporting to them', 'people reporting to them']) : '',
    team && counts.leadForms > 0 ? howMany(counts.leadForms, ['lead form', 'lead forms']) : '',
  ].filter(Boolean);
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** What the checked kinds add up to. */
const totalOf = (counts: HandOverCounts, kinds: readonly HandOverKind[]) =>
  kinds.reduce((sum, kind) => sum + counts[kind], 0);

/**
 * Gives a user's records to a colleague (POST /users/{id}/hand-over): when someone leaves, goes on leave or
 * changes territory. Once a recipient is chosen, a dry run counts what each kind would move (every kind at
 * once, so ticking a box asks nothing of the server), and the button says how many records go. The
 * hand-over carries an Idempotency-Key, the same while the choices are the same, so a double click or a
 * retry after a lost answer hands over once.
 */
export function HandOverDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const queryClient = useQueryClient();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const users = useUsers().data ?? [];
  const [toUserId, setToUserId] = useState<string | null>(null);
  const [territoryId, setTerritoryId] = useState<string | null>(null);
  const [kinds, setKinds] = useState<HandOverKind[]>([...handOverKinds]);
  const [includeClosed, setIncludeClosed] = useState(false);
  // A manager's territories and reports go only when asked: the organisation is a decision of its own.
  const [team, setTeam] = useState(false);
  const managesOthers = user.role !== 'rep';
  const [errors, setErrors] = useState<FormErrors>({});
  const lastSent = useRef<{ body: string; key: string } | null>(null);
  const ids = useId();

  const recipients = users
    .filter((candidate) => candidate.active && candidate.id !== user.id)
    .map((candidate) => ({ value: candidate.id, label: candidate.name }));
  const recipientName = users.find((candidate) => candidate.id === toUserId)?.name ?? 'them';
  const scope = { ...(territoryId ? { territoryId } : {}), includeClosed, ...(team ? { team } : {}) };

  const preview = useQuery({
    queryKey: ['users', 'hand-over', user.id, toUserId, territoryId, includeClosed, team],
    queryFn: ({ signal }) =>
      api.post<HandOverResult>(`/users/${user.id}/hand-over`, { toUserId, ...scope, dryRun: true }, { signal }),
    enabled: toUserId !== null,
    // Counted afresh at every opening: records change hands all day.
    staleTime: 0,
    gcTime: 0,
  });
  const counting = toUserId !== null && preview.isFetching;
  const counts = toUserId !== null && !counting ? preview.data?.moved : undefined;
  const checked = handOverKinds.filter((kind) => kinds.includes(kind));
  const total = counts ? totalOf(counts, checked) : 0;
  const teamTotal = team && counts ? counts.territories + counts.reports + counts.leadForms : 0;
  // A recipient refused by the dry run (deactivated meanwhile) is said at the field, as the hand-over's would be.
  const previewErrors = toUserId !== null && preview.isError ? fieldErrorsOf(preview.error) : undefined;
  const shownErrors = { ...(previewErrors ? readable(previewErrors) : {}), ...errors };

  const handOver = useMutation({
    mutationFn: (body: object) => {
      const signature = JSON.stringify(body);
      if (lastSent.current?.body !== signature) lastSent.current = { body: signature, key: newIdempotencyKey() };
      return api.post<HandOverResult>(`/users/${user.id}/hand-over`, body, {
        headers: { 'idempotency-key': lastSent.current.key },
      });
    },
    onSuccess: (result) => {
      // Owners changed across accounts, contacts, leads, deals, tasks and activities, and the figures that
      // count them by owner: everything cached may show one of them.
      void queryClient.invalidateQueries();
      const moved = movingPhrase(totalOf(result.moved, handOverKinds), result.moved, team);
      notifySaved(`Handed ${moved || '0 records'} to ${recipientName}`);
      onClose();
    },
    onError: (error) => {
      const fields = fieldErrorsOf(error);
      if (fields) setErrors(readable(fields));
      if (hasUnshownError(error, (path) => path === 'toUserId' || path === 'territoryId')) {
        notifyFailure(error, { title: `${user.name}'s records were not handed over` });
      }
    },
  });

  const submit = () => {
    if (!toUserId || total + teamTotal === 0) return;
    handOver.mutate({ toUserId, records: checked, ...scope });
  };

  const status =
    toUserId === null
      ? 'Choose who takes them over.'
      : counting
        ? 'Counting…'
        : counts
          ? total > 0 || teamTotal > 0
            ? `${movingPhrase(total, counts, team)} would move.`
            : 'Nothing of what is checked would move.'
          : previewErrors
            ? 'Choose someone else to take them over.'
            : `The records could not be counted. ${sentence(preview.error?.message ?? 'Try again.')}`;

  return (
    <Modal opened onClose={onClose} title={`Hand over ${user.name}'s records`} size="lg" fullScreen={isPhone ?? false}>
      <Stack gap="md">
        <Text size="sm">
          What {user.name} holds becomes the recipient's in one go: each record keeps its history, and the recipient is
          notified. Use it when someone leaves, goes on leave or changes territory.
        </Text>
        <Select
          label="Who takes them over"
          placeholder="Choose an active colleague"
          data={recipients}
          value={toUserId}
          onChange={(value) => {
            setToUserId(value);
            setErrors(({ toUserId: _gone, ...rest }) => rest);
          }}
          searchable
          required
          data-autofocus
          nothingFoundMessage="No active user by that name"
          error={shownErrors.toUserId}
        />
        <TerritoryPicker
          label="Territory"
          placeholder="All territories"
          description="Only what lies in this territory: records by their own, tasks and activities by their account's."
          value={territoryId}
          onChange={(value) => {
            setTerritoryId(value);
            setErrors(({ territoryId: _gone, ...rest }) => rest);
          }}
          error={shownErrors.territoryId}
        />
        <Switch
          label="Also won and lost deals, converted and disqualified leads"
          description="By default they stay with who worked them, as the record of what they sold."
          checked={includeClosed}
          onChange={(event) => setIncludeClosed(event.currentTarget.checked)}
        />
        {managesOthers && (
          <Switch
            label="Also their territories and team"
            description={
              team && counts
                ? `${movingPhrase(0, counts, true) || 'No territory, report or lead form'} ${territoryId ? 'in this territory ' : ''}would move. Someone who reported to ${user.name} then reports to ${user.name}'s manager.`
                : `The territories ${user.name} manages, the people who report to them and their lead forms go to the recipient, who must be a manager or an admin.`
            }
            checked={team}
            onChange={(event) => {
              setTeam(event.currentTarget.checked);
              setErrors(({ toUserId: _gone, ...rest }) => rest);
            }}
          />
        )}
        <Checkbox.Group label="What to hand over" value={kinds} onChange={(value) => setKinds(value as HandOverKind[])}>
          <Text size="sm" mt={4} aria-live="polite" data-testid="hand-over-status">
            {status}
            {toUserId !== null && preview.isError && !previewErrors && (
              <Button variant="subtle" size="compact-sm" ml="xs" onClick={() => void preview.refetch()}>
                Try again
              </Button>
            )}
          </Text>
          <Stack component="ul" gap={8} mt="xs" p={0} m={0} aria-label="Records that would move">
            {handOverKinds.map((kind) => {
              const value = counts?.[kind];
              const muted = value === 0 || !kinds.includes(kind);
              return (
                <Group component="li" key={kind} justify="space-between" wrap="nowrap" gap="sm">
                  <Checkbox
                    value={kind}
                    label={kindLabel(kind, includeClosed)}
                    aria-describedby={value === undefined ? undefined : `${ids}-${kind}`}
                  />
                  {counting ? (
                    <Skeleton height={12} width={88} radius="sm" aria-hidden />
                  ) : value !== undefined ? (
                    <Text id={`${ids}-${kind}`} size="sm" c={muted ? 'dimmed' : undefined} ta="right">
                      {howMany(value, kindNouns[kind])}
                    </Text>
                  ) : null}
                </Group>
              );
            })}
          </Stack>
        </Checkbox.Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            onClick={submit}
            disabled={!toUserId || !counts || total + teamTotal === 0}
            loading={handOver.isPending}
          >
            {counts && total + teamTotal > 0 ? `Hand over ${movingPhrase(total, counts, team)}` : 'Hand over records'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
