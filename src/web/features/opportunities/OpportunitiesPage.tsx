import { Button, Menu, Text } from '@mantine/core';
import { IconCalendarPlus, IconLayoutKanban, IconListCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  approvalStatuses,
  type Opportunity,
  type OpportunityStage,
  opportunityStages,
} from '../../../shared/contracts/opportunities.js';
import { api } from '../../api/client.js';
import { useMayChange, useMayReopen, useUserNames } from '../../api/hooks.js';
import { AccountName } from '../../components/AccountName.js';
import { StageBadge } from '../../components/Badges.js';
import { amountOrNull, dateOrNull } from '../../components/EditableField.js';
import { type Column, EntityList } from '../../components/EntityList.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useCreateIntent } from '../../lib/create-intent.js';
import { date, humanize, money } from '../../lib/format.js';
import { stageLabels } from '../../lib/labels.js';
import { invalidateLists, notifyFailure, notifySaved, useListUpdate } from '../../lib/mutations.js';
import { ActivityForm } from '../activities/ActivityForm.js';
import { TaskForm } from '../tasks/TaskForm.js';
import { OpportunityForm } from './OpportunityForm.js';
import { LossReasonDialog } from './stage.js';

export function OpportunitiesPage() {
  const [creating, create] = useCreateIntent();
  const [activityFor, setActivityFor] = useState<Opportunity | null>(null);
  const [taskFor, setTaskFor] = useState<Opportunity | null>(null);
  const [losing, setLosing] = useState<Opportunity | null>(null);
  const userName = useUserNames();
  const mayChange = useMayChange();
  const mayReopen = useMayReopen();
  // A closed deal's amount and close date wait for a reopening, which only someone above its owner may do.
  const mayMove = (row: Opportunity) => (row.closedAt === null ? mayChange(row.ownerId) : mayReopen(row.ownerId));
  const update = useListUpdate<Opportunity>('opportunities');
  const queryClient = useQueryClient();
  const changeStage = useMutation({
    mutationFn: ({ deal, stage, lossReason }: { deal: Opportunity; stage: OpportunityStage; lossReason?: string }) =>
      api.post<Opportunity>(
        `/opportunities/${deal.id}/stage`,
        { stage, ...(lossReason ? { lossReason } : {}) },
        { headers: { 'if-match': `"${deal.version}"` } },
      ),
    onSuccess: (saved) => notifySaved(`${saved.name} moved to ${stageLabels[saved.stage]}`),
    onError: (error) =>
      notifyFailure(error, {
        title: 'The stage did not change',
        onReload: () => invalidateLists(queryClient, 'opportunities'),
      }),
    onSettled: () => invalidateLists(queryClient, 'opportunities'),
  });
  const columns: Column<Opportunity>[] = [
    { key: 'name', label: 'Deal', render: (row) => row.name, sort: 'name' },
    { key: 'account', label: 'Account', render: (row) => <AccountName id={row.accountId} /> },
    { key: 'stage', label: 'Stage', render: (row) => <StageBadge stage={row.stage} /> },
    {
      key: 'amount',
      label: 'Amount',
      render: (row) => money(row.amount, row.currency),
      sort: 'amount',
      align: 'right',
      edit: (row) =>
        mayChange(row.ownerId) && row.closedAt === null
          ? {
              value: String(row.amount),
              inputMode: 'numeric',
              onSave: (text) => {
                const parsed = amountOrNull(text);
                if ('error' in parsed) return parsed.error;
                if (parsed.value === null) return 'a deal needs an amount, such as 250000';
                update.mutate({ row, changes: { amount: parsed.value } });
              },
            }
          : null,
    },
    {
      key: 'weighted',
      label: 'Weighted',
      render: (row) => money(row.weightedAmount, row.currency),
      align: 'right',
      optional: true,
    },
    { key: 'probability', label: 'Prob.', render: (row) => `${row.probability}%`, sort: 'probability', align: 'right' },
    {
      key: 'close',
      label: 'Close date',
      render: (row) => {
        const late = row.closedAt === null && row.closeDate < new Date().toISOString().slice(0, 10);
        return (
          <Text span size="sm" c={late ? 'red.9' : undefined}>
            {date(row.closeDate)}
            {late ? ' (past)' : ''}
          </Text>
        );
      },
      sort: 'closeDate',
      edit: (row) =>
        mayChange(row.ownerId) && row.closedAt === null
          ? {
              value: date(row.closeDate),
              onSave: (text) => {
                const parsed = dateOrNull(text);
                if ('error' in parsed || parsed.value === null) return 'a date such as 6 Dec 2026';
                update.mutate({ row, changes: { closeDate: parsed.value } });
              },
            }
          : null,
    },
    { key: 'owner', label: 'Owner', render: (row) => userName(row.ownerId) },
    {
      key: 'approval',
      label: 'Approval',
      render: (row) => (row.approvalStatus === 'not_required' ? '—' : humanize(row.approvalStatus)),
      optional: true,
    },
    { key: 'created', label: 'Created', render: (row) => date(row.createdAt), sort: 'createdAt', optional: true },
  ];
  return (
    <>
      <PageHeader
        createAction={{ label: 'New deal', onClick: create.open }}
        title="Opportunities"
        description="Every deal in the pipeline. Drag them across stages on the board."
        actions={
          <Button
            component={Link}
            to="/opportunities/board"
            variant="default"
            leftSection={<IconLayoutKanban size={16} aria-hidden />}
          >
            Board
          </Button>
        }
      />
      <EntityList<Opportunity>
        resource="opportunities"
        noun={{ one: 'deal', many: 'deals' }}
        columns={columns}
        filters={[
          {
            kind: 'enum',
            key: 'stage',
            label: 'Stage',
            options: opportunityStages.map((stage) => ({ value: stage, label: stageLabels[stage] })),
          },
          { kind: 'owner', key: 'ownerId', label: 'Owner' },
          { kind: 'territory', key: 'territoryId', label: 'Territory' },
          { kind: 'enum', key: 'approvalStatus', label: 'Approval', options: approvalStatuses },
          { kind: 'range', key: 'amount', label: 'Amount', input: 'number' },
          { kind: 'range', key: 'closeDate', label: 'Close date', input: 'date' },
        ]}
        rowLink={(row) => `/opportunities/${row.id}`}
        rowTitle={(row) => row.name}
        bulk={{ holderField: 'ownerId' }}
        rowActions={(row) => (
          <>
            {mayMove(row) && (
              <>
                <Menu.Label>Change stage</Menu.Label>
                {opportunityStages
                  .filter((stage) => stage !== row.stage)
                  .map((stage) => (
                    <Menu.Item
                      key={stage}
                      onClick={() =>
                        stage === 'closed_lost' ? setLosing(row) : changeStage.mutate({ deal: row, stage })
                      }
                    >
                      {stageLabels[stage]}
                    </Menu.Item>
                  ))}
                <Menu.Divider />
              </>
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
          title: 'No deals yet',
          body: 'Open a deal when an account has a real need: it will show on the board and in the forecast.',
          action: <Button onClick={create.open}>Open a deal</Button>,
        }}
      />
      {creating && <OpportunityForm opened onClose={create.close} />}
      {losing && (
        <LossReasonDialog
          deal={losing}
          onCancel={() => setLosing(null)}
          onConfirm={(lossReason) => {
            changeStage.mutate({ deal: losing, stage: 'closed_lost', lossReason });
            setLosing(null);
          }}
        />
      )}
      {activityFor && (
        <ActivityForm
          opened
          links={{ opportunityId: activityFor.id, accountId: activityFor.accountId }}
          about={activityFor.name}
          onClose={() => setActivityFor(null)}
        />
      )}
      {taskFor && (
        <TaskForm
          opened
          links={{ opportunityId: taskFor.id, accountId: taskFor.accountId }}
          about={taskFor.name}
          onClose={() => setTaskFor(null)}
        />
      )}
    </>
  );
}

export const Component = OpportunitiesPage;
