import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconCalendarPlus,
  IconCheck,
  IconEdit,
  IconListCheck,
  IconLock,
  IconShieldCheck,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type CSSProperties, type ReactNode, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Account } from '../../../shared/contracts/accounts.js';
import type { Approval } from '../../../shared/contracts/approvals.js';
import type { Page } from '../../../shared/contracts/common.js';
import type { Contact } from '../../../shared/contracts/contacts.js';
import type { Opportunity, OpportunityStage, StageHistoryEntry } from '../../../shared/contracts/opportunities.js';
import { api } from '../../api/client.js';
import { useMayChange, useMayReopen, useMe, useRecord, useUserNames } from '../../api/hooks.js';
import { StageBadge } from '../../components/Badges.js';
import { amountOrNull, dateOrNull, EditableField } from '../../components/EditableField.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PageSkeleton } from '../../components/PageSkeleton.js';
import { QueryError } from '../../components/QueryError.js';
import { RecordColumns } from '../../components/RecordColumns.js';
import { RecordMenu } from '../../components/RecordMenu.js';
import { RecordTasks } from '../../components/RecordTasks.js';
import { NoRelated, RelatedAccount, RelatedContact, RelatedLead } from '../../components/RelatedRecords.js';
import { Field, Section } from '../../components/Section.js';
import { date, dateTime, humanize, money, personName, relative } from '../../lib/format.js';
import { stageColors, stageLabels, stageOrder } from '../../lib/labels.js';
import { hideApprovalNeeded, notifyFailure, notifySaved, useOptimisticUpdate } from '../../lib/mutations.js';
import { ActivityForm } from '../activities/ActivityForm.js';
import { RecordFiles } from '../attachments/RecordFiles.js';
import { EmailActions } from '../communications/EmailActions.js';
import { useContactRecipient } from '../communications/Recipient.js';
import { DealQuotes } from '../quotes/DealQuotes.js';
import { TaskForm } from '../tasks/TaskForm.js';
import { TimelineSection } from '../timeline/TimelineSection.js';
import { DealAmount, DealProducts } from './DealProducts.js';
import { useAmountFromProducts } from './deal-products.js';
import { OpportunityForm } from './OpportunityForm.js';
import {
  approvalRule,
  isLargeDeal,
  LossReasonDialog,
  type StageField,
  stageFieldFilled,
  stageFields,
  stageHints,
  useApprovalPolicy,
  useChangeStage,
} from './stage.js';

/**
 * The stage path across the top (Salesforce): where the deal is, what comes next, one click to move, and
 * the fields this stage needs, editable right there.
 */
function StageBar({
  deal,
  onPick,
  locked,
  keyFields,
}: {
  deal: Opportunity;
  onPick: (stage: OpportunityStage) => void;
  /** Why the caller may not move this deal (the server would refuse): the steps are shown, not offered. */
  locked: string | null;
  keyFields: ReactNode;
}) {
  const current = stageOrder.indexOf(deal.stage);
  const bar = useRef<HTMLDivElement>(null);
  // On a phone the bar scrolls sideways: keep the current stage in view, whichever it is.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs again when the stage changes, on purpose
  useEffect(() => {
    const active = bar.current?.querySelector<HTMLElement>('[aria-current="step"]');
    const box = bar.current;
    if (!active || !box || box.scrollWidth <= box.clientWidth) return;
    const offset = active.getBoundingClientRect().left - box.getBoundingClientRect().left;
    box.scrollLeft += offset - (box.clientWidth - active.offsetWidth) / 2;
  }, [deal.stage]);
  return (
    <nav aria-label="Stage">
      <Group ref={bar} gap={4} wrap="nowrap" style={{ overflowX: 'auto' }} pb={4}>
        {stageOrder.map((stage, index) => {
          const active = stage === deal.stage;
          const done = index < current && deal.stage !== 'closed_lost';
          const step = {
            'aria-current': active ? ('step' as const) : undefined,
            px: 'sm',
            py: 8,
            style: {
              flex: '1 0 auto',
              textAlign: 'center',
              borderRadius: 6,
              fontSize: 13,
              fontWeight: active ? 700 : 500,
              // White on the stage's colour needs its dark end to reach 4.5:1 (shade 6 of teal is 2.5:1).
              background: active
                ? `var(--mantine-color-${stageColors[stage]}-${stageColors[stage] === 'gray' ? 7 : 9})`
                : done
                  ? `var(--mantine-color-${stageColors[deal.stage]}-1)`
                  : 'var(--mantine-color-gray-1)',
              color: active ? 'white' : 'var(--mantine-color-gray-8)',
            } satisfies CSSProperties,
            children: (
              <>
                {done && <IconCheck size={12} aria-hidden style={{ marginRight: 4, verticalAlign: -1 }} />}
                {stageLabels[stage]}
              </>
            ),
          };
          if (locked) return <Box key={stage} {...step} />;
          return (
            <Tooltip key={stage} label={active ? 'Current stage' : `Move to ${stageLabels[stage]}`} withArrow>
              <UnstyledButton
                onClick={() => !active && onPick(stage)}
                aria-label={`${stageLabels[stage]}${active ? ' (current)' : ''}`}
                {...step}
              />
            </Tooltip>
          );
        })}
      </Group>
      <Text size="sm" c="dimmed" mt={4}>
        {stageHints[deal.stage]}
      </Text>
      {locked && (
        <Text size="sm" c="dimmed" mt={2}>
          <IconLock size={13} aria-hidden style={{ verticalAlign: -2, marginRight: 4 }} />
          {locked}
        </Text>
      )}
      {keyFields}
    </nav>
  );
}

export function OpportunityPage() {
  const { id = '' } = useParams();
  const deal = useRecord<Opportunity>('opportunities', id);
  const account = useRecord<Account>('accounts', deal.data?.accountId);
  const dealContact = useContactRecipient(deal.data?.contactId);
  const userName = useUserNames();
  const changeStage = useChangeStage(deal.data);
  const [losing, setLosing] = useState(false);
  const [editing, edit] = useDisclosure(false);
  const [logging, log] = useDisclosure(false);
  const [tasking, task] = useDisclosure(false);
  const mayChange = useMayChange();
  const mayReopen = useMayReopen();
  const update = useOptimisticUpdate<Opportunity>('opportunities', id);
  const amountFromProducts = useAmountFromProducts(id);

  if (deal.isPending) return <PageSkeleton />;
  if (deal.isError)
    return (
      <QueryError
        error={deal.error}
        what="this deal"
        onRetry={() => deal.refetch()}
        back={{ to: '/opportunities', label: 'Go to the deals' }}
      />
    );
  const record = deal.data;
  const links = { opportunityId: record.id, accountId: record.accountId };
  const editable = mayChange(record.ownerId);
  // A closed deal is the record of what was sold: its amount, currency, close date and account wait for a
  // reopening, and only someone above its owner may reopen it or change its outcome.
  const closed = record.closedAt !== null;
  const stageLocked = !editable
    ? "Only the deal's owner, their managers and admins move it."
    : closed && !mayReopen(record.ownerId)
      ? "Closed. Only the owner's manager or an admin may reopen it or change its outcome."
      : null;

  return (
    <>
      <PageHeader
        title={record.name}
        description={
          <Group gap="xs" component="span">
            <StageBadge stage={record.stage} />
            <Anchor component={Link} to={`/accounts/${record.accountId}`} size="sm">
              {account.data?.name ?? 'Account'}
            </Anchor>
            <span>
              {money(record.amount, record.currency)} ·{' '}
              {record.closedAt ? `closed ${date(record.closedAt)}` : `closes ${date(record.closeDate)}`}
            </span>
          </Group>
        }
        actions={
          <>
            <Button leftSection={<IconCalendarPlus size={16} aria-hidden />} onClick={log.open}>
              Log activity
            </Button>
            <Button variant="default" leftSection={<IconListCheck size={16} aria-hidden />} onClick={task.open}>
              Add task
            </Button>
            <EmailActions links={links} about={record.name} recipient={dealContact} />
            {mayChange(record.ownerId) && (
              <Button variant="default" leftSection={<IconEdit size={16} aria-hidden />} onClick={edit.open}>
                Edit
              </Button>
            )}
            <RecordMenu resource="opportunities" record={record} noun="deal" name={record.name} />
          </>
        }
      />
      <Section title="Stage">
        <StageBar
          deal={record}
          onPick={(stage) => (stage === 'closed_lost' ? setLosing(true) : changeStage.mutate({ stage }))}
          locked={stageLocked}
          keyFields={<StageKeyFields deal={record} editable={editable} onSave={(changes) => update.mutate(changes)} />}
        />
      </Section>
      <RecordColumns
        mt="md"
        properties={
          <>
            <Section title="Deal">
              <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
                <EditableField
                  label="Amount"
                  editable={editable && !closed && !amountFromProducts}
                  inputMode="numeric"
                  value={String(record.amount)}
                  display={<DealAmount deal={record} fromProducts={amountFromProducts} />}
                  onSave={(text) => {
                    const parsed = amountOrNull(text);
                    if ('error' in parsed) return parsed.error;
                    if (parsed.value === null) return 'a deal needs an amount, such as 250000';
                    update.mutate({ amount: parsed.value });
                  }}
                />
                <Field label="Probability">{record.probability}%</Field>
                <Field label="Weighted">{money(record.weightedAmount, record.currency)}</Field>
                <EditableField
                  label="Close date"
                  editable={editable && !closed}
                  value={date(record.closeDate)}
                  display={date(record.closeDate)}
                  onSave={(text) => {
                    const parsed = dateOrNull(text);
                    if ('error' in parsed || parsed.value === null) return 'a date such as 6 Dec 2026';
                    update.mutate({ closeDate: parsed.value });
                  }}
                />
                <Field label="Owner">{userName(record.ownerId)}</Field>
                <Field label="Requirements" wide>
                  {record.requirements ?? '—'}
                </Field>
                <Field label="Competitors" wide>
                  {record.competitors.join(', ') || '—'}
                </Field>
                <Field label="Risks" wide>
                  {record.risks ?? '—'}
                </Field>
                {record.lossReason && (
                  <Field label="Loss reason" wide>
                    {record.lossReason}
                  </Field>
                )}
              </SimpleGrid>
            </Section>
            <ApprovalSection deal={record} />
          </>
        }
        timeline={<TimelineSection resource="opportunities" id={record.id} links={links} about={record.name} />}
        related={
          <>
            <DealProducts deal={record} editable={editable} />
            <DealQuotes deal={record} editable={editable} />
            <Section title="Related">
              <Stack gap="sm">
                <RelatedAccount id={record.accountId} />
                {record.contactId ? (
                  <RelatedContact id={record.contactId} />
                ) : (
                  <NoRelated label="Contact" hint="None yet: choose one in Edit" />
                )}
                {record.leadId && <RelatedLead id={record.leadId} />}
              </Stack>
            </Section>
            <Section title="Open tasks">
              <RecordTasks link={`opportunityId=${record.id}`} />
            </Section>
            <RecordFiles link={{ opportunityId: record.id }} about={record.name} />
            <Section title="Stage history">
              <History id={record.id} />
            </Section>
          </>
        }
      />
      {losing && (
        <LossReasonDialog
          deal={record}
          onCancel={() => setLosing(false)}
          onConfirm={(lossReason) => {
            changeStage.mutate({ stage: 'closed_lost', lossReason });
            setLosing(false);
          }}
        />
      )}
      {editing && <OpportunityForm deal={record} opened onClose={edit.close} />}
      {logging && <ActivityForm intent="log" opened links={links} about={record.name} onClose={log.close} />}
      {tasking && <TaskForm opened links={links} about={record.name} onClose={task.close} />}
    </>
  );
}

const stageFieldLabels: Record<StageField, string> = {
  contactId: 'Contact',
  requirements: 'Requirements',
  amount: 'Amount',
  closeDate: 'Close date',
  competitors: 'Competitors',
  risks: 'Risks',
  lossReason: 'Loss reason',
};

/**
 * The fields the current stage needs, under the path: each one filled or said to be missing (in words
 * and with a sign, not colour alone), and edited in place like the left column's.
 */
function StageKeyFields({
  deal,
  editable,
  onSave,
}: {
  deal: Opportunity;
  editable: boolean;
  onSave: (changes: Partial<Opportunity>) => void;
}) {
  const fields = stageFields[deal.stage];
  const amountFromProducts = useAmountFromProducts(deal.id);
  const contact = useRecord<Contact>(
    'contacts',
    fields.includes('contactId') ? (deal.contactId ?? undefined) : undefined,
  );
  if (fields.length === 0) return null;
  const missing = (field: StageField) =>
    stageFieldFilled(deal, field) ? undefined : (
      <Text span size="sm" c="red.9">
        <IconAlertTriangle size={13} aria-hidden style={{ verticalAlign: -2, marginRight: 3 }} />
        Missing
      </Text>
    );
  const text = (field: 'requirements' | 'risks' | 'lossReason') => (
    <EditableField
      key={field}
      label={stageFieldLabels[field]}
      editable={editable && (field !== 'lossReason' || deal.stage === 'closed_lost')}
      value={deal[field] ?? ''}
      display={missing(field) ?? deal[field]}
      onSave={(value) => {
        if (field === 'lossReason' && !value) return 'a reason: a lost deal needs one';
        onSave({ [field]: value || null });
      }}
    />
  );
  return (
    <div data-testid="stage-fields">
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="sm" mb={4}>
        Needed at this stage
      </Text>
      <SimpleGrid cols={{ base: 1, sm: fields.length }} spacing="sm" verticalSpacing="xs">
        {fields.map((field) => {
          switch (field) {
            case 'requirements':
            case 'risks':
            case 'lossReason':
              return text(field);
            case 'amount':
              return (
                <EditableField
                  key={field}
                  label="Amount"
                  editable={editable && deal.closedAt === null && !amountFromProducts}
                  inputMode="numeric"
                  value={String(deal.amount)}
                  display={missing(field) ?? <DealAmount deal={deal} fromProducts={amountFromProducts} />}
                  onSave={(value) => {
                    const parsed = amountOrNull(value);
                    if ('error' in parsed) return parsed.error;
                    if (parsed.value === null) return 'a deal needs an amount, such as 250000';
                    onSave({ amount: parsed.value });
                  }}
                />
              );
            case 'closeDate':
              return (
                <EditableField
                  key={field}
                  label="Close date"
                  editable={editable && deal.closedAt === null}
                  value={deal.closeDate}
                  display={date(deal.closeDate)}
                  onSave={(value) => {
                    const parsed = dateOrNull(value);
                    if ('error' in parsed || parsed.value === null) return 'a date as YYYY-MM-DD';
                    onSave({ closeDate: parsed.value });
                  }}
                />
              );
            case 'competitors':
              return (
                <EditableField
                  key={field}
                  label="Competitors"
                  editable={editable}
                  value={deal.competitors.join(', ')}
                  display={missing(field) ?? deal.competitors.join(', ')}
                  onSave={(value) =>
                    void onSave({
                      competitors: value
                        .split(',')
                        .map((name) => name.trim())
                        .filter(Boolean),
                    })
                  }
                />
              );
            default:
              // The contact. Choosing a contact needs the account's people: the deal's Edit form has that picker.
              return (
                <Field key={field} label="Contact">
                  {deal.contactId ? (
                    <Anchor component={Link} to={`/contacts/${deal.contactId}`} size="sm">
                      {contact.data ? personName(contact.data) : 'Contact'}
                    </Anchor>
                  ) : (
                    <>
                      {missing(field)}
                      <Text span size="xs" c="dimmed">
                        {' '}
                        · choose one in Edit
                      </Text>
                    </>
                  )}
                </Field>
              );
          }
        })}
      </SimpleGrid>
    </div>
  );
}

function History({ id }: { id: string }) {
  const userName = useUserNames();
  const history = useQuery({
    queryKey: ['opportunities', 'history', id],
    queryFn: ({ signal }) => api.get<{ data: StageHistoryEntry[] }>(`/opportunities/${id}/history`, { signal }),
  });
  if (!history.data)
    return (
      <Text size="sm" c="dimmed">
        Loading…
      </Text>
    );
  return (
    // Three columns, who and why on a second line: it fits a phone without hiding anything off to the side.
    <Table verticalSpacing={6} fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>When</Table.Th>
          <Table.Th>Stage</Table.Th>
          <Table.Th ta="right">Amount</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {[...history.data.data].reverse().map((entry) => (
          <Table.Tr key={entry.id}>
            <Table.Td title={dateTime(entry.changedAt)}>
              {relative(entry.changedAt)}
              <Text size="xs" c="dimmed">
                {userName(entry.changedById)}
              </Text>
            </Table.Td>
            <Table.Td>
              {entry.fromStage ? `${stageLabels[entry.fromStage]} → ` : 'Created in '}
              {stageLabels[entry.toStage]}
              {entry.reason && (
                <Text size="xs" c="dimmed">
                  {entry.reason}
                </Text>
              )}
            </Table.Td>
            <Table.Td ta="right">{money(entry.amount)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ApprovalSection({ deal }: { deal: Opportunity }) {
  const queryClient = useQueryClient();
  const me = useMe();
  const userName = useUserNames();
  const [asking, setAsking] = useState<'request' | 'approve' | 'reject' | null>(null);
  const [comment, setComment] = useState('');
  const approvals = useQuery({
    queryKey: ['approvals', 'list', deal.id],
    queryFn: ({ signal }) => api.get<Page<Approval>>(`/approvals?opportunityId=${deal.id}&limit=20`, { signal }),
  });
  const pending = approvals.data?.data.find((approval) => approval.status === 'pending');
  // The deal says so before the list of its approvals has loaded.
  const awaitingDecision = Boolean(pending) || deal.approvalStatus === 'pending';
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['approvals'] });
    void queryClient.invalidateQueries({ queryKey: ['opportunities', 'one', deal.id] });
    void queryClient.invalidateQueries({ queryKey: ['notifications'] });
  };
  const request = useMutation({
    mutationFn: () =>
      api.post<Approval>(
        `/opportunities/${deal.id}/approval-request`,
        comment.trim() ? { comment: comment.trim() } : {},
      ),
    onSuccess: () => {
      // The refused move's notice offering the same request has done its job.
      hideApprovalNeeded(deal.id);
      notifySaved('Approval requested');
    },
    onError: (error) => notifyFailure(error, { title: 'Approval not requested' }),
    onSettled: refresh,
  });
  const decide = useMutation({
    mutationFn: (decision: 'approve' | 'reject') =>
      api.post<Approval>(`/approvals/${pending?.id}/decision`, {
        decision,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      }),
    onSuccess: (approval) => notifySaved(`Approval ${approval.status}`),
    onError: (error) => notifyFailure(error, { title: 'Decision not saved' }),
    onSettled: refresh,
  });
  const canDecide = pending && me.data && (me.data.role === 'admin' || pending.approverId === me.data.id);
  const approvalPolicy = useApprovalPolicy();
  const large = isLargeDeal(deal, approvalPolicy);
  // A closed deal's outcome is decided: there is nothing left to approve.
  const closed = deal.closedAt !== null;
  // A large open deal nobody asked about yet: "not required" would say the opposite of the rule.
  const awaitingRequest = large && !closed && deal.approvalStatus === 'not_required';
  const color =
    deal.approvalStatus === 'approved'
      ? 'teal'
      : deal.approvalStatus === 'rejected'
        ? 'red'
        : deal.approvalStatus === 'pending'
          ? 'yellow'
          : 'gray';

  return (
    <Section title="Approval">
      <Stack gap="xs">
        <Group gap="xs">
          <Badge
            color={awaitingRequest ? 'yellow' : color}
            variant="light"
            leftSection={<IconShieldCheck size={12} aria-hidden />}
          >
            {awaitingRequest ? 'Approval needed' : humanize(deal.approvalStatus)}
          </Badge>
          {pending && (
            <Text size="xs" c="dimmed">
              waiting on {userName(pending.approverId)} since {relative(pending.createdAt)}
            </Text>
          )}
        </Group>
        {awaitingRequest && (
          <Alert variant="light" color="yellow" p="xs">
            {approvalRule(deal.currency, approvalPolicy)}
          </Alert>
        )}
        <Group gap="xs">
          {!awaitingDecision && !closed && deal.approvalStatus !== 'approved' && (
            <Button size="xs" variant="light" onClick={() => setAsking('request')}>
              Request approval
            </Button>
          )}
          {canDecide && (
            <>
              <Button size="xs" color="teal" onClick={() => setAsking('approve')}>
                Approve
              </Button>
              <Button size="xs" color="red" variant="light" onClick={() => setAsking('reject')}>
                Reject
              </Button>
            </>
          )}
        </Group>
        {(approvals.data?.data ?? [])
          .filter((approval) => approval.status !== 'pending')
          .map((approval) => (
            <Text key={approval.id} size="xs" c="dimmed">
              {humanize(approval.status)} by {userName(approval.decidedById)} {relative(approval.decidedAt)} for{' '}
              {money(approval.amount, approval.currency)}
              {approval.decisionComment ? `: “${approval.decisionComment}”` : ''}
            </Text>
          ))}
      </Stack>
      {asking && (
        <Modal
          opened
          onClose={() => setAsking(null)}
          title={
            asking === 'request' ? 'Request approval' : asking === 'approve' ? 'Approve this deal' : 'Reject this deal'
          }
        >
          <Stack>
            <Textarea
              label="Comment"
              autosize
              minRows={2}
              value={comment}
              onChange={(event) => setComment(event.currentTarget.value)}
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAsking(null)}>
                Cancel
              </Button>
              <Button
                color={asking === 'reject' ? 'red' : undefined}
                onClick={() => {
                  if (asking === 'request') request.mutate();
                  else decide.mutate(asking);
                  setAsking(null);
                  setComment('');
                }}
              >
                {asking === 'request' ? 'Send request' : asking === 'approve' ? 'Approve' : 'Reject'}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Section>
  );
}

export const Component = OpportunityPage;
