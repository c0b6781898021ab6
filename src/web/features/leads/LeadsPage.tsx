import { Button, Menu, Progress, Text } from '@mantine/core';
import { IconArrowRight, IconCalendarPlus, IconListCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { type Lead, leadSources, leadStages, leadStatuses } from '../../../shared/contracts/leads.js';
import { useUserNames } from '../../api/hooks.js';
import { ValueBadge } from '../../components/Badges.js';
import { type Column, EntityList } from '../../components/EntityList.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useCreateIntent } from '../../lib/create-intent.js';
import { date, humanize, personName } from '../../lib/format.js';
import { ActivityForm } from '../activities/ActivityForm.js';
import { ImportCsvButton } from '../imports/ImportCsvButton.js';
import { TaskForm } from '../tasks/TaskForm.js';
import { ConvertLeadDialog } from './ConvertLeadDialog.js';
import { LeadForm } from './LeadForm.js';

export function ScoreBar({ score }: { score: number }) {
  const color = score >= 70 ? 'teal' : score >= 40 ? 'yellow' : 'gray';
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
      <Text span size="sm" fw={600} w={24}>
        {score}
      </Text>
      <Progress value={score} color={color} w={60} size="sm" aria-hidden />
    </span>
  );
}

export function LeadsPage() {
  const [creating, create] = useCreateIntent();
  const [converting, setConverting] = useState<Lead | null>(null);
  const [activityFor, setActivityFor] = useState<Lead | null>(null);
  const [taskFor, setTaskFor] = useState<Lead | null>(null);
  const userName = useUserNames();
  const columns: Column<Lead>[] = [
    { key: 'name', label: 'Name', render: personName, sort: 'lastName' },
    { key: 'company', label: 'Company', render: (row) => row.company ?? '—' },
    { key: 'score', label: 'Score', render: (row) => <ScoreBar score={row.score} />, sort: 'score' },
    { key: 'stage', label: 'Stage', render: (row) => <ValueBadge kind="leadStage" value={row.stage} /> },
    { key: 'status', label: 'Status', render: (row) => <ValueBadge kind="leadStatus" value={row.status} /> },
    { key: 'source', label: 'Source', render: (row) => humanize(row.source) },
    { key: 'owner', label: 'Owner', render: (row) => userName(row.ownerId) },
    { key: 'email', label: 'E-mail', render: (row) => row.email ?? '—', optional: true },
    { key: 'created', label: 'Created', render: (row) => date(row.createdAt), sort: 'createdAt', optional: true },
  ];
  return (
    <>
      <PageHeader
        title="Leads"
        description="People who showed interest. Qualify them with BANT, then convert the good ones."
        createAction={{ label: 'New lead', onClick: create.open }}
        actions={<ImportCsvButton resource="leads" />}
      />
      <EntityList<Lead>
        resource="leads"
        noun={{ one: 'lead', many: 'leads' }}
        columns={columns}
        filters={[
          { kind: 'enum', key: 'status', label: 'Status', options: leadStatuses },
          { kind: 'enum', key: 'stage', label: 'Stage', options: leadStages },
          { kind: 'enum', key: 'source', label: 'Source', options: leadSources },
          { kind: 'owner', key: 'ownerId', label: 'Owner' },
          { kind: 'territory', key: 'territoryId', label: 'Territory' },
          { kind: 'range', key: 'score', label: 'Score', input: 'number' },
        ]}
        rowLink={(row) => `/leads/${row.id}`}
        rowTitle={(row) => `${personName(row)}${row.company ? ` · ${row.company}` : ''}`}
        bulk={{ holderField: 'ownerId' }}
        rowActions={(row) => (
          <>
            {row.status === 'open' && (
              <Menu.Item leftSection={<IconArrowRight size={16} aria-hidden />} onClick={() => setConverting(row)}>
                Convert lead
              </Menu.Item>
            )}
            <Menu.Item leftSection={<IconCalendarPlus size={16} aria-hidden />} onClick={() => setActivityFor(row)}>
              New activity
            </Menu.Item>
            <Menu.Item leftSection={<IconListCheck size={16} aria-hidden />} onClick={() => setTaskFor(row)}>
              New task
            </Menu.Item>
          </>
        )}
        empty={{
          title: 'No leads yet',
          body: 'Add the people who asked for a quote at the last trade show, or the inquiries from your website.',
          action: <Button onClick={create.open}>Add a lead</Button>,
        }}
      />
      {creating && <LeadForm opened onClose={create.close} />}
      {converting && <ConvertLeadDialog lead={converting} opened onClose={() => setConverting(null)} />}
      {activityFor && (
        <ActivityForm
          opened
          links={{ leadId: activityFor.id }}
          about={personName(activityFor)}
          onClose={() => setActivityFor(null)}
        />
      )}
      {taskFor && (
        <TaskForm opened links={{ leadId: taskFor.id }} about={personName(taskFor)} onClose={() => setTaskFor(null)} />
      )}
    </>
  );
}

export const Component = LeadsPage;
