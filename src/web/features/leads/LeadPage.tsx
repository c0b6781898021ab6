import {
  Alert,
  Button,
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
import { useParams } from 'react-router';
import type { Bant, Lead } from '../../../shared/contracts/leads.js';
import { api } from '../../api/client.js';
import { useMayChange, useRecord, useTerritories, useUserNames } from '../../api/hooks.js';
import { ValueBadge } from '../../components/Badges.js';
import {
  dateOrNull,
  EditableEmailAndPhone,
  EditableField,
  EditableNumber,
  parsedSave,
} from '../../components/EditableField.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PageSkeleton } from '../../components/PageSkeleton.js';
import { QueryError } from '../../components/QueryError.js';
import { RecordColumns } from '../../components/RecordColumns.js';
import { RecordMenu } from '../../components/RecordMenu.js';
import { RecordTasks } from '../../components/RecordTasks.js';
import { RelatedAccount, RelatedContact, RelatedDeal } from '../../components/RelatedRecords.js';
import { Field, Section } from '../../components/Section.js';
import { date, dateTime, humanize, personName, withReadableDates } from '../../lib/format.js';
import { invalidateLists, notifyFailure, useOptimisticUpdate } from '../../lib/mutations.js';
import { ActivityForm } from '../activities/ActivityForm.js';
import { RecordFiles } from '../attachments/RecordFiles.js';
import { EmailActions } from '../communications/EmailActions.js';
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
  const territories = useTerritories();
  const mayChange = useMayChange();
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
  // A converted or disqualified lead is read-only (the server answers 409).
  const editable = open && mayChange(record.ownerId);

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
              {/* Converting and disqualifying change the lead: offered to those who may (the server answers 403 to others). */}
              {editable && (
                <Button leftSection={<IconArrowRight size={16} aria-hidden />} onClick={convert.open}>
                  Convert
                </Button>
              )}
              <Button
                variant={editable ? 'default' : 'filled'}
                leftSection={<IconCalendarPlus size={16} aria-hidden />}
                onClick={log.open}
              >
                Log activity
              </Button>
              <EmailActions
                links={{ leadId: record.id }}
                about={personName(record)}
                recipient={{ email: record.email, phone: record.phone, contactId: null }}
              />
              {editable && (
                <Button variant="default" leftSection={<IconEdit size={16} aria-hidden />} onClick={edit.open}>
                  Edit
                </Button>
              )}
              {editable && (
                <Button
                  variant="subtle"
                  color="gray"
                  leftSection={<IconBan size={16} aria-hidden />}
                  onClick={disqualify.open}
                >
                  Disqualify
                </Button>
              )}
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
          The work goes on with the account, contact and deal it became, listed under Related.
        </Alert>
      )}
      {record.status === 'disqualified' && <DisqualifiedNotice lead={record} mayReopen={mayChange(record.ownerId)} />}
      <RecordColumns
        properties={
          <>
            <Qualification lead={record} editable={editable} onSave={(changes) => update.mutate(changes)} />
            <LeadDetails lead={record} editable={editable} onSave={(changes) => update.mutate(changes)} />
          </>
        }
        timeline={
          <TimelineSection resource="leads" id={record.id} links={{ leadId: record.id }} about={personName(record)} />
        }
        related={
          <>
            <Section title="Related">
              <Stack gap="sm">
                {record.convertedAccountId && (
                  <RelatedAccount id={record.convertedAccountId} label="Became the account" />
                )}
                {record.convertedContactId && (
                  <RelatedContact id={record.convertedContactId} label="Became the contact" />
                )}
                {record.convertedOpportunityId && (
                  <RelatedDeal id={record.convertedOpportunityId} label="Became the deal" />
                )}
                <Field label="Owner">{userName(record.ownerId)}</Field>
                <Field label="Territory">
                  {territories.data?.find((territory) => territory.id === record.territoryId)?.name ?? '—'}
                </Field>
              </Stack>
            </Section>
            <Section title="Open tasks">
              <RecordTasks link={`leadId=${record.id}`} />
            </Section>
            <RecordFiles link={{ leadId: record.id }} about={personName(record)} />
          </>
        }
      />
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

/** A section of the lead's properties: changed in place (`onSave`, the optimistic PATCH) when `editable`. */
type LeadSectionProps = { lead: Lead; editable: boolean; onSave: (changes: Partial<Lead>) => void };

/** BANT as switches, the score they make and why (the server re-scores on every change). */
function Qualification({ lead, editable, onSave }: LeadSectionProps) {
  const scoreColor = lead.score >= 70 ? 'teal' : lead.score >= 40 ? 'yellow' : 'gray';
  return (
    <Section title="Qualification (BANT)">
      <Group align="flex-start" wrap="nowrap" gap="md">
        <RingProgress
          size={96}
          thickness={9}
          roundCaps
          sections={[{ value: lead.score, color: scoreColor }]}
          label={
            <Text ta="center" fw={700} size="lg" data-testid="lead-score" aria-live="polite">
              {lead.score}
            </Text>
          }
          aria-label={`Score ${lead.score} of 100`}
        />
        <Stack gap={8} style={{ flex: 1 }}>
          {(Object.keys(bantLabels) as (keyof Bant)[]).map((key) => (
            <Switch
              key={key}
              label={bantLabels[key].label}
              description={bantLabels[key].help}
              checked={lead.bant[key]}
              disabled={!editable}
              onChange={(event) => onSave({ bant: { ...lead.bant, [key]: event.currentTarget.checked } })}
            />
          ))}
        </Stack>
      </Group>
      <Text size="xs" fw={600} c="dimmed" mt="md" mb={4}>
        WHY THIS SCORE
      </Text>
      {lead.scoreReasons.length ? (
        <Table verticalSpacing={4} fz="sm">
          <Table.Tbody>
            {lead.scoreReasons.map((reason) => (
              <Table.Tr key={reason.rule}>
                <Table.Td>{withReadableDates(reason.detail)}</Table.Td>
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
  );
}

/** What is known about the lead and its company, each changed in place while the lead is open. */
function LeadDetails({ lead, editable, onSave }: LeadSectionProps) {
  const text = (label: string, field: 'company' | 'title' | 'needDescription', wide = false) => (
    <EditableField
      label={label}
      wide={wide}
      editable={editable}
      value={lead[field] ?? ''}
      onSave={(value) => void onSave({ [field]: value || null })}
    />
  );
  return (
    <Section title="Details">
      <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
        {text('Company', 'company')}
        {text('Title', 'title')}
        <EditableEmailAndPhone editable={editable} email={lead.email} phone={lead.phone} onSave={onSave} />
        <EditableNumber
          kind="amount"
          label="Budget"
          editable={editable}
          value={lead.budgetAmount}
          onSave={(budgetAmount) => onSave({ budgetAmount })}
        />
        <EditableField
          label="Decision date"
          editable={editable}
          value={lead.decisionDate ? date(lead.decisionDate) : ''}
          display={date(lead.decisionDate)}
          onSave={parsedSave(dateOrNull, (decisionDate) => onSave({ decisionDate }))}
        />
        {text('Need', 'needDescription', true)}
        <EditableNumber
          kind="count"
          label="Employees"
          editable={editable}
          value={lead.employees}
          onSave={(employees) => onSave({ employees })}
        />
        <Field label="Country / region">{[lead.country, lead.region].filter(Boolean).join(' · ') || '—'}</Field>
      </SimpleGrid>
    </Section>
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
function DisqualifiedNotice({ lead, mayReopen }: { lead: Lead; mayReopen: boolean }) {
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
        {mayReopen && (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconRestore size={14} aria-hidden />}
            loading={reopen.isPending}
            onClick={() => reopen.mutate()}
          >
            Reopen lead
          </Button>
        )}
      </Group>
    </Alert>
  );
}

export const Component = LeadPage;
