import { Button, Menu } from '@mantine/core';
import { IconCode, IconPencil, IconPlayerPause, IconPlayerPlay, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { LeadForm } from '../../../shared/contracts/lead-forms.js';
import { useUserNames } from '../../api/hooks.js';
import { type Column, EntityList } from '../../components/EntityList.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useCreateIntent } from '../../lib/create-intent.js';
import { dateTime, humanize, relative } from '../../lib/format.js';
import { assignmentLabel } from './embed.js';
import { LeadFormForm } from './LeadFormForm.js';
import { DeleteLeadFormDialog, Inquiries, LEAD_FORMS_DESCRIPTION, ManagersOnly } from './LeadFormParts.js';
import { LeadFormStatus } from './LeadFormStatus.js';
import { useDeleteLeadForm, useMayKeepLeadForms, useSetLeadFormActive } from './queries.js';

/**
 * Lead forms (managers and admins): web-to-lead forms, each with a public address a website posts its
 * inquiries to. Each opens its page: settings, the HTML to paste, and a test inquiry.
 */
export function LeadFormsPage() {
  const mayKeep = useMayKeepLeadForms();
  if (!mayKeep) return <ManagersOnly />;
  return <LeadFormsList />;
}

function LeadFormsList() {
  const navigate = useNavigate();
  const userName = useUserNames();
  const [creating, create] = useCreateIntent();
  const [editing, setEditing] = useState<LeadForm | null>(null);
  const [deleting, setDeleting] = useState<LeadForm | null>(null);
  const setActive = useSetLeadFormActive();
  const remove = useDeleteLeadForm();

  const columns: Column<LeadForm>[] = [
    { key: 'name', label: 'Name', sort: 'name', render: (row) => row.name },
    { key: 'source', label: 'Source', render: (row) => humanize(row.source) },
    { key: 'assignment', label: 'Leads go to', render: (row) => assignmentLabel(row, userName(row.ownerId)) },
    { key: 'inquiries', label: 'Inquiries', render: (row) => <Inquiries form={row} /> },
    { key: 'active', label: 'Status', render: (row) => <LeadFormStatus active={row.active} /> },
    {
      key: 'updated',
      label: 'Last changed',
      sort: 'updatedAt',
      render: (row) => <span title={dateTime(row.updatedAt)}>{relative(row.updatedAt)}</span>,
      optional: true,
    },
  ];

  return (
    <>
      <PageHeader
        title="Lead forms"
        description={LEAD_FORMS_DESCRIPTION}
        createAction={{ label: 'New lead form', onClick: create.open }}
      />
      <EntityList<LeadForm>
        resource="lead-forms"
        noun={{ one: 'lead form', many: 'lead forms' }}
        columns={columns}
        filters={[{ kind: 'boolean', key: 'active', label: 'Active' }]}
        defaultSort="name"
        rowLink={(row) => `/lead-forms/${row.id}`}
        rowTitle={(row) => row.name}
        rowActions={(row) => (
          <>
            <Menu.Item
              leftSection={<IconCode size={16} aria-hidden />}
              onClick={() => navigate(`/lead-forms/${row.id}#embed`)}
            >
              Embed and test
            </Menu.Item>
            <Menu.Item leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setEditing(row)}>
              Edit
            </Menu.Item>
            {row.active ? (
              <Menu.Item
                leftSection={<IconPlayerPause size={16} aria-hidden />}
                onClick={() => setActive.set(row, false)}
              >
                Deactivate
              </Menu.Item>
            ) : (
              <Menu.Item
                leftSection={<IconPlayerPlay size={16} aria-hidden />}
                onClick={() => setActive.set(row, true)}
              >
                Activate
              </Menu.Item>
            )}
            <Menu.Divider />
            <Menu.Item color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => setDeleting(row)}>
              Delete
            </Menu.Item>
          </>
        )}
        empty={{
          title: 'No lead forms yet',
          body: 'Put a form on your website and its inquiries arrive here as leads, with the right rep: by territory, from the region or country the visitor gives, or always to one person. Create one, paste its HTML into a page of your site, and send a test inquiry.',
          action: (
            <Button onClick={create.open} leftSection={<IconPlus size={16} aria-hidden />}>
              Create the first lead form
            </Button>
          ),
        }}
      />
      {creating && (
        <LeadFormForm onClose={create.close} onCreated={(created) => navigate(`/lead-forms/${created.id}`)} />
      )}
      {editing && <LeadFormForm key={editing.id} leadForm={editing} onClose={() => setEditing(null)} />}
      <DeleteLeadFormDialog
        leadForm={deleting}
        loading={remove.isPending}
        onConfirm={(form) => remove.mutate(form, { onSettled: () => setDeleting(null) })}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}

export const Component = LeadFormsPage;
