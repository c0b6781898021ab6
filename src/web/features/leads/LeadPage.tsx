import {
  Alert,
  Anchor,
  Button,
  Grid,
  Group,
  Modal,
  RingProgress,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArrowRight, IconBan, IconCalendarPlus, IconEdit, IconRestore } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Bant, Lead } from '../../../shared/contracts/leads.js';
import { api } from '../../api/client.js';
import { useRecord, useUserNames } from '../../api/hooks.js';
import { ValueBadge } from '../../components/Badges.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PageSkeleton } from '../../components/PageSkeleton.js';
import { QueryError } from '../../components/QueryError.js';
import { RecordMenu } from '../../components/RecordMenu.js';
import { RecordTasks } from '../../components/RecordTasks.js';
import { Field, Section } from '../../components/Section.js';
import { date, dateTime, humanize, money, personName } from '../../lib/format.js';
import { invalidateLists, notifyFailure, useOptimisticUpdate } from '../../lib/mutations.js';
import { ActivityForm } from '../activities/ActivityForm.js';
import { TimelineSection } from '../timeline/TimelineSection.js';
import { ConvertLeadDialog } from './ConvertLeadDialog.js';
import { LeadForm } from './LeadForm.js';

const bantLabels: Record<keyof Bant, { label: string; help: string }> = {
  budget: { label: 'Budget', help: 'They have money set aside for this' },
  authority: { label: 'Authority', help: 'We talk to the person who decides' },
  need: { label: 'Need', help: 'A real problem we solve' },
  timeline: { label: 'Timeline', help: 'They will decide within months' },
};

export function LeadPage() {
  const { id = '' } = useParams();
  const lead = useRecord<Lead>('leads', id);
  const update = useOptimisticUpdate<Lead>('leads', id);
  const userName = useUserNames();
  const [editing, edit] = useDisclosure(false);
  const [converting, convert] = useDisclosure(false);
  const [logging, log] = useDisclosure(false);
  const [disqualifying, disqualify] = useDisclosure(false);

  if (lead.isPending) return <PageSkeleton />;
  if (lead.isError)
    return (
      <QueryError
        error={lead.error}
        what="this lead"
        onRetry={() => lead.refetch()}
        back={{ to: '/leads', label: 'Go to the leads' }}
      />
    );
  const record = lead.data;
  const open = record.status === 'open';
  const scoreColor = record.score >= 70 ? 'teal' : record.score >= 40 ? 'yellow' : 'gray';

  return (
    <>
      <PageHeader
        title={personName(record)}
        description={
          <Group gap="xs" component="span">
            <ValueBadge kind="leadStatus" value={record.status} />
            <ValueBadge kind="leadStage" value={record.stage} />
            <span>
              {[record.title, record.company].filter(Boolean).join(' at ')} · {humanize(record.source)}
            </span>
          </Group>
        }
        actions={
          open ? (
            <>
              <Button leftSection={<IconArrowRight size={16} aria-hidden />} onClick={convert.open}>
                Convert
              </Button>
              <Button variant="default" leftSection={<IconCalendarPlus size={16} aria-hidden />} onClick={log.open}>
                Log activity
              </Button>
              <Button variant="default" leftSection={<IconEdit size={16} aria-hidden />} onClick={edit.open}>
                Edit
              </Button>
              <Button
                variant="subtle"
                color="gray"
                leftSection={<IconBan size={16} aria-hidden />}
                onClick={disqualify.open}
              >
                Disqualify
              </Button>
              <RecordMenu
                resource="leads"
                record={record}
                noun="lead"
                name={`${record.firstName} ${record.lastName}`}
              />
            </>
          ) : undefined
        }
      />
      {record.status === 'converted' && (
        <Alert color="teal" variant="light" mb="md" title={`Converted ${dateTime(record.convertedAt)}`}>
          <Group gap="md">
            {record.convertedAccountId && (
              <Anchor component={Link} to={`/accounts/${record.convertedAccountId}`}>
                Open the account
              </Anchor>
            )}
            {record.convertedContactId && (
              <Anchor component={Link} to={`/contacts/${record.convertedContactId}`}>
                Open the contact
              </Anchor>
            )}
            {record.convertedOpportunityId && (
              <Anchor component={Link} to={`/opportunities/${record.convertedOpportunityId}`}>
                Open the deal
              </Anchor>
            )}
          </Group>
        </Alert>
      )}
      {record.status === 'disqualified' && <DisqualifiedNotice lead={record} />}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <Stack gap="md">
            <Section title="Qualification (BANT)">
              <Group align="flex-start" wrap="nowrap" gap="md">
                <RingProgress
                  size={96}
                  thickness={9}
                  roundCaps
                  sections={[{ value: record.score, color: scoreColor }]}
                  label={
                    <Text ta="center" fw={700} size="lg" data-testid="lead-score" aria-live="polite">
                      {record.score}
                    </Text>
                  }
                  aria-label={`Score ${record.score} of 100`}
                />
                <Stack gap={8} style={{ flex: 1 }}>
                  {(Object.keys(bantLabels) as (keyof Bant)[]).map((key) => (
                    <Switch
                      key={key}
                      label={bantLabels[key].label}
                      description={bantLabels[key].help}
                      checked={record.bant[key]}
                      disabled={!open}
                      onChange={(event) =>
                        update.mutate({ bant: { ...record.bant, [key]: event.currentTarget.checked } })
                      }
                    />
                  ))}
                </Stack>
              </Group>
              <Text size="xs" fw={600} c="dimmed" mt="md" mb={4}>
                WHY THIS SCORE
              </Text>
              {record.scoreReasons.length ? (
                <Table verticalSpacing={4} fz="sm">
                  <Table.Tbody>
                    {record.scoreReasons.map((reason) => (
                      <Table.Tr key={reason.rule}>
                        <Table.Td>{reason.detail}</Table.Td>
                        <Table.Td ta="right" c={reason.points < 0 ? 'red.9' : 'teal.9'} fw={600}>
                          {reason.points > 0 ? '+' : ''}
                          {reason.points}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              ) : (
                <Text size="sm" c="dimmed">
                  Confirm budget, authority, need or timeline to raise the score.
                </Text>
              )}
            </Section>
            <Section title="Details">
              <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
                <Field label="E-mail" wide>
                  {record.email ? <Anchor href={`mailto:${record.email}`}>{record.email}</Anchor> : '—'}
                </Field>
                <Field label="Phone">{record.phone ?? '—'}</Field>
                <Field label="Budget">{money(record.budgetAmount)}</Field>
                <Field label="Decision date">{date(record.decisionDate)}</Field>
                <Field label="Need" wide>
                  {record.needDescription ?? '—'}
                </Field>
                <Field label="Employees">{record.employees ?? '—'}</Field>
                <Field label="Country / region">
                  {[record.country, record.region].filter(Boolean).join(' · ') || '—'}
                </Field>
                <Field label="Owner">{userName(record.ownerId)}</Field>
              </SimpleGrid>
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          <Stack gap="md">
            <Section title="Open tasks">
              <RecordTasks link={`leadId=${record.id}`} />
            </Section>
            <TimelineSection resource="leads" id={record.id} links={{ leadId: record.id }} about={personName(record)} />
          </Stack>
        </Grid.Col>
      </Grid>
      {editing && <LeadForm lead={record} opened onClose={edit.close} />}
      {converting && <ConvertLeadDialog lead={record} opened onClose={convert.close} />}
      {logging && (
        <ActivityForm
          intent="log"
          opened
          links={{ leadId: record.id }}
          about={personName(record)}
          onClose={log.close}
        />
      )}
      {disqualifying && <DisqualifyDialog lead={record} onClose={disqualify.close} />}
    </>
  );
}

function DisqualifyDialog({ lead, onClose }: { lead: Lead; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: () => api.post<Lead>(`/leads/${lead.id}/disqualify`, { reason }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['leads', 'one', lead.id], saved);
      invalidateLists(queryClient, 'leads');
      onClose();
    },
    onError: (error) => notifyFailure(error),
  });
  return (
    <Modal opened onClose={onClose} title="Disqualify this lead">
      <Stack>
        <Textarea
          label="Why is it not worth pursuing?"
          required
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          data-autofocus
        />
        <Text size="sm" c="dimmed">
          The lead leaves the open leads with this reason and cannot be edited or converted while it is disqualified. If
          the company comes back, reopen it from this page.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" disabled={!reason.trim()} loading={save.isPending} onClick={() => save.mutate()}>
            Disqualify
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Why the lead was dropped, and the way back when the company returns (owners, their managers and admins). */
function DisqualifiedNotice({ lead }: { lead: Lead }) {
  const queryClient = useQueryClient();
  const reopen = useMutation({
    mutationFn: () =>
      api.post<Lead>(`/leads/${lead.id}/reopen`, undefined, { headers: { 'if-match': `"${lead.version}"` } }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['leads', 'one', lead.id], saved);
      invalidateLists(queryClient, 'leads');
    },
    onError: (error) => notifyFailure(error),
  });
  return (
    <Alert color="gray" variant="light" mb="md" title={`Disqualified ${dateTime(lead.disqualifiedAt)}`}>
      <Group justify="space-between" gap="sm">
        <Text size="sm">{lead.disqualifiedReason}</Text>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconRestore size={14} aria-hidden />}
          loading={reopen.isPending}
          onClick={() => reopen.mutate()}
        >
          Reopen lead
        </Button>
      </Group>
    </Alert>
  );
}

export const Component = LeadPage;
