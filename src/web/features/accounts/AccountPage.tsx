import { Anchor, Badge, Button, Group, Menu, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArrowMerge, IconCalendarPlus, IconEdit, IconListCheck, IconPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { Account, AccountSummary } from '../../../shared/contracts/accounts.js';
import type { Contact } from '../../../shared/contracts/contacts.js';
import { api } from '../../api/client.js';
import { useMayChange, usePage, useRecord, useTerritories, useUserNames } from '../../api/hooks.js';
import { ValueBadge } from '../../components/Badges.js';
import { EditableEmailAndPhone, EditableField, EditableNumber, parsedSave } from '../../components/EditableField.js';
import { MapView } from '../../components/MapView.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PageSkeleton } from '../../components/PageSkeleton.js';
import { QueryError } from '../../components/QueryError.js';
import { RecordColumns } from '../../components/RecordColumns.js';
import { RecordMenu } from '../../components/RecordMenu.js';
import { RecordTasks } from '../../components/RecordTasks.js';
import { Field, Section } from '../../components/Section.js';
import { count, dateTime, humanize, moneyCompact, relative } from '../../lib/format.js';
import { useOptimisticUpdate } from '../../lib/mutations.js';
import { ActivityForm } from '../activities/ActivityForm.js';
import { RecordFiles } from '../attachments/RecordFiles.js';
import { EmailActions } from '../communications/EmailActions.js';
import { usePrimaryContactRecipient } from '../communications/Recipient.js';
import { ContactForm } from '../contacts/ContactForm.js';
import { DealList } from '../opportunities/DealList.js';
import { refreshDealPrices } from '../opportunities/deal-prices.js';
import { OpportunityForm } from '../opportunities/OpportunityForm.js';
import { TaskForm } from '../tasks/TaskForm.js';
import { TimelineSection } from '../timeline/TimelineSection.js';
import { AccountForm } from './AccountForm.js';
import { HierarchyTree } from './HierarchyTree.js';
import { MergeAccountDialog } from './MergeAccountDialog.js';
import { EditablePriceList, useMaySetPriceList } from './PriceListField.js';
import { isCoverageQuery, visitCycleLabel, visitCycleOrNull } from './visit-cycle.js';

/** Key facts left, the timeline in the middle with quick actions, related records right (UI.md). */
export function AccountPage() {
  const { id = '' } = useParams();
  const account = useRecord<Account>('accounts', id);
  const [editing, edit] = useDisclosure(false);
  const [logging, log] = useDisclosure(false);
  const [tasking, task] = useDisclosure(false);
  const [addingContact, addContact] = useDisclosure(false);
  const [addingDeal, addDeal] = useDisclosure(false);
  const [merging, merge] = useDisclosure(false);
  const userName = useUserNames();
  const territories = useTerritories();
  const mayChange = useMayChange();
  const maySetPriceList = useMaySetPriceList();
  const update = useOptimisticUpdate<Account>('accounts', id);
  const queryClient = useQueryClient();
  // Asked once the account is there: an address that names no account asks nothing more.
  const primaryContact = usePrimaryContactRecipient(account.data?.id);

  if (account.isPending) return <PageSkeleton />;
  if (account.isError)
    return (
      <QueryError
        error={account.error}
        what="this account"
        onRetry={() => account.refetch()}
        back={{ to: '/accounts', label: 'Go to the accounts' }}
      />
    );
  const record = account.data;
  const editable = mayChange(record.ownerId);
  const place = [record.address.city, record.address.country].filter(Boolean).join(', ');

  return (
    <>
      <PageHeader
        title={record.name}
        description={
          <Group gap="xs" component="span">
            <ValueBadge kind="accountType" value={record.type} />
            {(place || record.industry) && <span>{[place, record.industry].filter(Boolean).join(' · ')}</span>}
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
            <EmailActions links={{ accountId: record.id }} about={record.name} recipient={primaryContact} />
            {editable && (
              <Button variant="default" leftSection={<IconEdit size={16} aria-hidden />} onClick={edit.open}>
                Edit
              </Button>
            )}
            <RecordMenu
              resource="accounts"
              record={record}
              noun="account"
              name={record.name}
              takesAlong="Its contacts, deals, activities, tasks, communications and notes go with it, and its child accounts move up a level."
              items={
                <Menu.Item leftSection={<IconArrowMerge size={16} aria-hidden />} onClick={merge.open}>
                  Merge a duplicate into this account…
                </Menu.Item>
              }
            />
          </>
        }
      />
      <RecordColumns
        properties={
          <>
            <Section title="About">
              <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
                <Field label="Owner">{userName(record.ownerId)}</Field>
                <Field label="Territory">
                  {territories.data?.find((territory) => territory.id === record.territoryId)?.name ?? '—'}
                </Field>
                <EditableField
                  label="Website"
                  wide
                  editable={editable}
                  inputMode="url"
                  value={record.website ?? ''}
                  display={
                    record.website ? (
                      <Anchor
                        href={record.website.startsWith('http') ? record.website : `https://${record.website}`}
                        target="_blank"
                        rel="noreferrer"
                      >
                        {record.website}
                      </Anchor>
                    ) : undefined
                  }
                  onSave={(text) => void update.mutate({ website: text || null })}
                />
                <EditableEmailAndPhone
                  editable={editable}
                  email={record.email}
                  phone={record.phone}
                  onSave={(changes) => update.mutate(changes)}
                />
                <EditableField
                  label="Industry"
                  editable={editable}
                  value={record.industry ?? ''}
                  onSave={(text) => void update.mutate({ industry: text || null })}
                />
                <EditableNumber
                  kind="amount"
                  label="Annual revenue"
                  editable={editable}
                  value={record.annualRevenue}
                  onSave={(annualRevenue) => update.mutate({ annualRevenue })}
                />
                <EditableNumber
                  kind="count"
                  label="Employees"
                  editable={editable}
                  value={record.employees}
                  onSave={(employees) => update.mutate({ employees })}
                />
                {/* The call cycle: the coverage report counts the account due once its last visit is this old. */}
                <EditableField
                  label="Call cycle"
                  editable={editable}
                  inputMode="numeric"
                  value={record.visitEveryDays === null ? '' : String(record.visitEveryDays)}
                  display={record.visitEveryDays === null ? undefined : visitCycleLabel(record.visitEveryDays)}
                  onSave={parsedSave(visitCycleOrNull, (visitEveryDays) =>
                    update.mutate(
                      { visitEveryDays },
                      { onSettled: () => void queryClient.invalidateQueries({ predicate: isCoverageQuery }) },
                    ),
                  )}
                />
                {/* What its deals' new lines cost: managers and admins choose it, everyone sees it. */}
                <EditablePriceList
                  value={record.priceListId}
                  editable={editable && maySetPriceList}
                  onSave={(priceListId) =>
                    update.mutate({ priceListId }, { onSettled: () => refreshDealPrices(queryClient) })
                  }
                />
                <Field label="Address" wide>
                  {[
                    record.address.street,
                    record.address.postalCode,
                    record.address.city,
                    record.address.state,
                    record.address.country,
                  ]
                    .filter(Boolean)
                    .join(', ') || '—'}
                </Field>
                {record.description && (
                  <Field label="Description" wide>
                    {record.description}
                  </Field>
                )}
              </SimpleGrid>
            </Section>
            <Summary id={record.id} />
            <Section title="Location">
              {record.location ? (
                <MapView
                  markers={[{ id: record.id, lat: record.location.lat, lng: record.location.lng, label: record.name }]}
                  height={200}
                  zoom={12}
                />
              ) : (
                <Text size="sm" c="dimmed">
                  No location yet. Add latitude and longitude in Edit to see it on the map and check visits in.
                </Text>
              )}
            </Section>
          </>
        }
        timeline={
          <TimelineSection resource="accounts" id={record.id} links={{ accountId: record.id }} about={record.name} />
        }
        related={
          <>
            <Section
              title="Contacts"
              action={
                <Button
                  size="compact-sm"
                  variant="subtle"
                  leftSection={<IconPlus size={14} aria-hidden />}
                  onClick={addContact.open}
                >
                  Add contact
                </Button>
              }
            >
              <Contacts accountId={record.id} />
            </Section>
            <Section
              title="Opportunities"
              action={
                <Button
                  size="compact-sm"
                  variant="subtle"
                  leftSection={<IconPlus size={14} aria-hidden />}
                  onClick={addDeal.open}
                >
                  New deal
                </Button>
              }
            >
              <DealList
                filter={`accountId=${record.id}`}
                empty="No deals yet. Open one when there is a real need and a budget."
              />
            </Section>
            <Section title="Open tasks">
              <RecordTasks link={`accountId=${record.id}`} />
            </Section>
            <RecordFiles link={{ accountId: record.id }} about={record.name} />
            <Section title="Account family">
              <HierarchyTree id={record.id} />
            </Section>
          </>
        }
      />
      {editing && <AccountForm account={record} opened onClose={edit.close} />}
      {merging && <MergeAccountDialog account={record} onClose={merge.close} />}
      {logging && (
        <ActivityForm intent="log" opened links={{ accountId: record.id }} about={record.name} onClose={log.close} />
      )}
      {tasking && <TaskForm opened links={{ accountId: record.id }} about={record.name} onClose={task.close} />}
      {addingContact && <ContactForm opened accountId={record.id} onClose={addContact.close} />}
      {addingDeal && <OpportunityForm opened accountId={record.id} onClose={addDeal.close} />}
    </>
  );
}

function Summary({ id }: { id: string }) {
  const summary = useQuery({
    queryKey: ['accounts', 'summary', id],
    queryFn: ({ signal }) => api.get<AccountSummary>(`/accounts/${id}/summary`, { signal }),
  });
  if (!summary.data) return <Skeleton height={90} />;
  const data = summary.data;
  const open = data.opportunities.byCurrency[0];
  return (
    <Section title="At a glance">
      <Group gap="lg">
        <Field label="Open deals">
          {count(data.opportunities.open)}
          {open ? ` · ${moneyCompact(open.openAmount, open.currency)}` : ''}
        </Field>
        <Field label="Won">{count(data.opportunities.won)}</Field>
        <Field label="Activities (30 d)">{count(data.activities.last30Days)}</Field>
        <Field label="Last touch">
          {/* Relative at a glance, the exact moment on hover, as the timeline and the tasks show it. */}
          <span title={data.activities.lastActivityAt ? dateTime(data.activities.lastActivityAt) : undefined}>
            {relative(data.activities.lastActivityAt)}
          </span>
        </Field>
        <Field label="Overdue tasks">{count(data.tasks.overdue)}</Field>
      </Group>
    </Section>
  );
}

function Contacts({ accountId }: { accountId: string }) {
  const contacts = usePage<Contact>('contacts', `accountId=${accountId}&limit=20&sort=lastName`);
  if (contacts.isPending) return <Skeleton height={60} />;
  const rows = contacts.data?.data ?? [];
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No contacts yet. Add the buyer and the decision maker first.
      </Text>
    );
  return (
    <Stack gap={6}>
      {rows.map((contact) => (
        <Group key={contact.id} justify="space-between" wrap="nowrap">
          <div style={{ minWidth: 0 }}>
            <Anchor component={Link} to={`/contacts/${contact.id}`} size="sm" fw={600}>
              {contact.firstName} {contact.lastName}
            </Anchor>
            <Text size="xs" c="dimmed" truncate>
              {[contact.title, contact.email].filter(Boolean).join(' · ') || humanize(contact.role)}
            </Text>
          </div>
          {contact.isPrimary && (
            <Badge size="xs" variant="light" style={{ flexShrink: 0 }}>
              Primary
            </Badge>
          )}
        </Group>
      ))}
    </Stack>
  );
}

export const Component = AccountPage;
