import { Badge, Button, Menu } from '@mantine/core';
import { IconCalendarPlus, IconListCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { type Contact, contactRoles, createContactSchema } from '../../../shared/contracts/contacts.js';
import { useMayChange, useUserNames } from '../../api/hooks.js';
import { AccountName } from '../../components/AccountName.js';
import { type Column, EntityList } from '../../components/EntityList.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useCreateIntent } from '../../lib/create-intent.js';
import { date, humanize, personName, phone } from '../../lib/format.js';
import { useListUpdate } from '../../lib/mutations.js';
import { ActivityForm } from '../activities/ActivityForm.js';
import { ImportCsvButton } from '../imports/ImportCsvButton.js';
import { TaskForm } from '../tasks/TaskForm.js';
import { ContactForm } from './ContactForm.js';

export function ContactsPage() {
  const [creating, create] = useCreateIntent();
  const [activityFor, setActivityFor] = useState<Contact | null>(null);
  const [taskFor, setTaskFor] = useState<Contact | null>(null);
  const userName = useUserNames();
  const mayChange = useMayChange();
  const update = useListUpdate<Contact>('contacts');
  /** A text field edited in the table, checked against the contract before it is sent; cleared to null. */
  const inPlace = (row: Contact, field: 'title' | 'email', inputMode: 'text' | 'email') =>
    mayChange(row.ownerId)
      ? {
          value: row[field] ?? '',
          inputMode,
          onSave: (text: string) => {
            const checked = createContactSchema.shape[field].safeParse(text || null);
            if (!checked.success) return field === 'email' ? 'an e-mail address, or nothing' : 'at most 200 characters';
            update.mutate({ row, changes: { [field]: checked.data } });
          },
        }
      : null;
  const columns: Column<Contact>[] = [
    { key: 'name', label: 'Name', render: personName, sort: 'lastName' },
    { key: 'account', label: 'Account', render: (row) => <AccountName id={row.accountId} /> },
    { key: 'title', label: 'Title', render: (row) => row.title ?? '—', edit: (row) => inPlace(row, 'title', 'text') },
    { key: 'role', label: 'Role', render: (row) => humanize(row.role) },
    { key: 'email', label: 'E-mail', render: (row) => row.email ?? '—', edit: (row) => inPlace(row, 'email', 'email') },
    { key: 'phone', label: 'Phone', render: (row) => phone(row.phone ?? row.mobile) },
    {
      key: 'primary',
      label: 'Primary',
      render: (row) =>
        row.isPrimary ? (
          <Badge size="sm" variant="light">
            Primary
          </Badge>
        ) : (
          ''
        ),
    },
    { key: 'owner', label: 'Owner', render: (row) => userName(row.ownerId), optional: true },
    { key: 'created', label: 'Created', render: (row) => date(row.createdAt), sort: 'createdAt', optional: true },
  ];
  return (
    <>
      <PageHeader
        title="Contacts"
        description="The people at your accounts: buyers, decision makers and influencers."
        createAction={{ label: 'New contact', onClick: create.open }}
        actions={<ImportCsvButton resource="contacts" />}
      />
      <EntityList<Contact>
        resource="contacts"
        noun={{ one: 'contact', many: 'contacts' }}
        columns={columns}
        filters={[
          { kind: 'enum', key: 'role', label: 'Role', options: contactRoles },
          { kind: 'owner', key: 'ownerId', label: 'Owner' },
          { kind: 'territory', key: 'territoryId', label: 'Territory' },
          { kind: 'boolean', key: 'isPrimary', label: 'Primary' },
        ]}
        rowLink={(row) => `/contacts/${row.id}`}
        rowTitle={personName}
        bulk={{ holderField: 'ownerId' }}
        rowActions={(row) => (
          <>
            <Menu.Item leftSection={<IconCalendarPlus size={16} aria-hidden />} onClick={() => setActivityFor(row)}>
              New activity
            </Menu.Item>
            <Menu.Item leftSection={<IconListCheck size={16} aria-hidden />} onClick={() => setTaskFor(row)}>
              New task
            </Menu.Item>
          </>
        )}
        empty={{
          title: 'No contacts yet',
          body: 'Add the people you talk to at each account, starting with the one who signs.',
          action: <Button onClick={create.open}>Add a contact</Button>,
        }}
      />
      {creating && <ContactForm opened onClose={create.close} />}
      {activityFor && (
        <ActivityForm
          opened
          links={{ contactId: activityFor.id, accountId: activityFor.accountId }}
          about={personName(activityFor)}
          onClose={() => setActivityFor(null)}
        />
      )}
      {taskFor && (
        <TaskForm
          opened
          links={{ contactId: taskFor.id, accountId: taskFor.accountId }}
          about={personName(taskFor)}
          onClose={() => setTaskFor(null)}
        />
      )}
    </>
  );
}

export const Component = ContactsPage;
