import { Anchor, Badge, Button, Menu, SimpleGrid, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArrowMerge, IconCalendarPlus, IconEdit, IconListCheck } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import type { Account } from '../../../shared/contracts/accounts.js';
import type { Contact } from '../../../shared/contracts/contacts.js';
import { useMayChange, useRecord, useUserNames } from '../../api/hooks.js';
import { EditableContactPoint, EditableEmailAndPhone, EditableField } from '../../components/EditableField.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PageSkeleton } from '../../components/PageSkeleton.js';
import { QueryError } from '../../components/QueryError.js';
import { RecordColumns } from '../../components/RecordColumns.js';
import { RecordMenu } from '../../components/RecordMenu.js';
import { RecordTasks } from '../../components/RecordTasks.js';
import { NoRelated, RelatedAccount, RelatedContact } from '../../components/RelatedRecords.js';
import { Field, Section } from '../../components/Section.js';
import { humanize, personName } from '../../lib/format.js';
import { openStageOrder } from '../../lib/labels.js';
import { useOptimisticUpdate } from '../../lib/mutations.js';
import { ActivityForm } from '../activities/ActivityForm.js';
import { RecordFiles } from '../attachments/RecordFiles.js';
import { EmailActions } from '../communications/EmailActions.js';
import { contactRecipient } from '../communications/Recipient.js';
import { DealList } from '../opportunities/DealList.js';
import { TaskForm } from '../tasks/TaskForm.js';
import { TimelineSection } from '../timeline/TimelineSection.js';
import { ContactForm } from './ContactForm.js';
import { MergeContactDialog } from './MergeContactDialog.js';

export function ContactPage() {
  const { id = '' } = useParams();
  const contact = useRecord<Contact>('contacts', id);
  const account = useRecord<Account>('accounts', contact.data?.accountId);
  const userName = useUserNames();
  const mayChange = useMayChange();
  const update = useOptimisticUpdate<Contact>('contacts', id);
  const [editing, edit] = useDisclosure(false);
  const [logging, log] = useDisclosure(false);
  const [tasking, task] = useDisclosure(false);
  const [merging, merge] = useDisclosure(false);
  if (contact.isPending) return <PageSkeleton />;
  if (contact.isError)
    return (
      <QueryError
        error={contact.error}
        what="this contact"
        onRetry={() => contact.refetch()}
        back={{ to: '/contacts', label: 'Go to the contacts' }}
      />
    );
  const record = contact.data;
  const editable = mayChange(record.ownerId);
  const links = { contactId: record.id, accountId: record.accountId };
  return (
    <>
      <PageHeader
        title={personName(record)}
        description={
          <>
            {record.title ?? humanize(record.role)} at{' '}
            {/* Underlined: inside a sentence, colour alone does not mark a link (WCAG 1.4.1). */}
            <Anchor component={Link} to={`/accounts/${record.accountId}`} size="sm" underline="always">
              {account.data?.name ?? 'their account'}
            </Anchor>{' '}
            {record.isPrimary && (
              <Badge size="xs" variant="light">
                Primary
              </Badge>
            )}
          </>
        }
        actions={
          <>
            <Button leftSection={<IconCalendarPlus size={16} aria-hidden />} onClick={log.open}>
              Log activity
            </Button>
            <Button variant="default" leftSection={<IconListCheck size={16} aria-hidden />} onClick={task.open}>
              Add task
            </Button>
            <EmailActions links={links} about={personName(record)} recipient={contactRecipient(record)} />
            {editable && (
              <Button variant="default" leftSection={<IconEdit size={16} aria-hidden />} onClick={edit.open}>
                Edit
              </Button>
            )}
            <RecordMenu
              resource="contacts"
              record={record}
              noun="contact"
              name={`${record.firstName} ${record.lastName}`}
              items={
                <Menu.Item leftSection={<IconArrowMerge size={16} aria-hidden />} onClick={merge.open}>
                  Merge a duplicate into this contact…
                </Menu.Item>
              }
            />
          </>
        }
      />
      <RecordColumns
        properties={
          <Section title="About">
            <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
              <Field label="Role">{humanize(record.role)}</Field>
              <EditableField
                label="Title"
                wide
                editable={editable}
                value={record.title ?? ''}
                onSave={(text) => void update.mutate({ title: text || null })}
              />
              <EditableEmailAndPhone
                editable={editable}
                email={record.email}
                phone={record.phone}
                onSave={(changes) => update.mutate(changes)}
              />
              <EditableContactPoint
                kind="phone"
                label="Mobile"
                editable={editable}
                value={record.mobile}
                onSave={(mobile) => update.mutate({ mobile })}
              />
              <Field label="Owner">{userName(record.ownerId)}</Field>
            </SimpleGrid>
          </Section>
        }
        timeline={<TimelineSection resource="contacts" id={record.id} links={links} about={personName(record)} />}
        related={
          <>
            <Section title="Related">
              <Stack gap="sm">
                <RelatedAccount id={record.accountId} />
                {record.reportsToId ? (
                  <RelatedContact id={record.reportsToId} label="Reports to" />
                ) : (
                  <NoRelated label="Reports to" hint="No one yet: choose their manager in Edit" />
                )}
              </Stack>
            </Section>
            <Section title="Open deals">
              <DealList
                filter={`contactId=${record.id}&stage=${openStageOrder.join(',')}`}
                empty="No open deals with this contact."
              />
            </Section>
            <Section title="Open tasks">
              <RecordTasks link={`contactId=${record.id}`} />
            </Section>
            <RecordFiles link={{ contactId: record.id }} about={personName(record)} />
          </>
        }
      />
      {editing && <ContactForm contact={record} opened onClose={edit.close} />}
      {logging && <ActivityForm intent="log" opened links={links} about={personName(record)} onClose={log.close} />}
      {tasking && <TaskForm opened links={links} about={personName(record)} onClose={task.close} />}
      {merging && <MergeContactDialog contact={record} onClose={merge.close} />}
    </>
  );
}

export const Component = ContactPage;
