import { Button, Group, Menu } from '@mantine/core';
import {
  IconCalendarTime,
  IconCamera,
  IconCheck,
  IconEdit,
  IconExternalLink,
  IconMapPin,
  IconMapPinCheck,
  IconTrash,
  IconX,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import type { Activity } from '../../../shared/contracts/activities.js';
import { ConfirmDelete } from '../../components/ConfirmDelete.js';
import { LoadRecord } from '../../components/LoadRecord.js';
import { RescheduleDialog } from '../../components/RescheduleDialog.js';
import { notifySaved, refreshAfterWrite } from '../../lib/mutations.js';
import { attachToActivity } from '../attachments/attachToActivity.js';
import { ActivityForm } from './ActivityForm.js';
import {
  patchActivity,
  useCancelActivity,
  useDeleteActivity,
  useVisitStep,
  type VisitStep,
} from './activityMutations.js';
import { CompleteActivityDialog } from './CompleteActivityDialog.js';
import { VisitStepDialog } from './VisitStepDialog.js';

type Dialog =
  | { kind: 'edit' | 'complete' | 'reschedule' | 'delete'; activity: Activity }
  | { kind: 'visit'; activity: Activity; step: VisitStep }
  | { kind: 'load'; id: string };

/** The next visit step a visit can take: check in, then out; none once done, cancelled or checked out. */
export function nextVisitStep(activity: Activity): VisitStep | null {
  if (activity.type !== 'visit' || activity.status === 'cancelled') return null;
  if (!activity.checkIn) return activity.status === 'planned' ? 'check-in' : null;
  return activity.checkOut ? null : 'check-out';
}

/** Where an activity's record lives, and what to call the link to it. */
export function recordOf(activity: Activity): { to: string; label: string } | null {
  if (activity.opportunityId) return { to: `/opportunities/${activity.opportunityId}`, label: 'Open the deal' };
  if (activity.accountId) return { to: `/accounts/${activity.accountId}`, label: 'Open the account' };
  if (activity.contactId) return { to: `/contacts/${activity.contactId}`, label: 'Open the contact' };
  if (activity.leadId) return { to: `/leads/${activity.leadId}`, label: 'Open the lead' };
  return null;
}

/**
 * What can be done to an activity, wherever it is shown (the activities list, a timeline): open and edit,
 * check in and out of a visit, complete with its outcome, reschedule, cancel, delete with Undo. The dialogs
 * live with the caller (render `dialogs` once), not in the menu that opened them.
 */
export function useActivityActions() {
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const queryClient = useQueryClient();
  const visitStep = useVisitStep();
  const cancel = useCancelActivity();
  const remove = useDeleteActivity();
  const close = () => setDialog(null);

  const open = (kind: 'edit' | 'complete' | 'reschedule' | 'delete', activity: Activity) =>
    setDialog({ kind, activity });
  const openById = (id: string) => setDialog({ kind: 'load', id });
  const startVisitStep = (activity: Activity, step: VisitStep) => {
    setDialog({ kind: 'visit', activity, step });
    visitStep.reset();
    visitStep.mutate({ activity, step });
  };
  const reschedule = async (activity: Activity, scheduledAt: string) => {
    try {
      const saved = await patchActivity(activity, { scheduledAt });
      notifySaved(`Rescheduled: ${saved.subject}`);
    } finally {
      refreshAfterWrite(queryClient, ['activities'], activity.id);
    }
  };

  /**
   * An opened activity's next steps as buttons (a calendar entry opens the activity, and this is where a
   * visit is checked into and an activity completed); each replaces the edit dialog with its own.
   */
  const stepButtons = (activity: Activity): ReactNode => {
    const step = nextVisitStep(activity);
    if (!step && activity.status !== 'planned') return null;
    return (
      <Group gap="xs">
        {step && (
          <Button
            size="compact-sm"
            variant="light"
            leftSection={
              step === 'check-in' ? <IconMapPin size={14} aria-hidden /> : <IconMapPinCheck size={14} aria-hidden />
            }
            onClick={() => startVisitStep(activity, step)}
          >
            {step === 'check-in' ? 'Check in' : 'Check out'}
          </Button>
        )}
        {activity.status === 'planned' && (
          <Button
            size="compact-sm"
            variant="default"
            leftSection={<IconCheck size={14} aria-hidden />}
            onClick={() => open('complete', activity)}
          >
            Complete…
          </Button>
        )}
      </Group>
    );
  };

  const menuItems = (activity: Activity): ReactNode => {
    const step = nextVisitStep(activity);
    const record = recordOf(activity);
    return (
      <>
        <Menu.Item leftSection={<IconEdit size={16} aria-hidden />} onClick={() => open('edit', activity)}>
          {activity.status === 'planned' ? 'Edit' : 'Open'}
        </Menu.Item>
        {step && (
          <Menu.Item
            leftSection={
              step === 'check-in' ? <IconMapPin size={16} aria-hidden /> : <IconMapPinCheck size={16} aria-hidden />
            }
            onClick={() => startVisitStep(activity, step)}
          >
            {step === 'check-in' ? 'Check in' : 'Check out'}
          </Menu.Item>
        )}
        {activity.status === 'planned' && (
          <>
            <Menu.Item leftSection={<IconCheck size={16} aria-hidden />} onClick={() => open('complete', activity)}>
              Complete…
            </Menu.Item>
            <Menu.Item
              leftSection={<IconCalendarTime size={16} aria-hidden />}
              onClick={() => open('reschedule', activity)}
            >
              Reschedule…
            </Menu.Item>
            <Menu.Item leftSection={<IconX size={16} aria-hidden />} onClick={() => cancel.mutate(activity)}>
              Cancel activity
            </Menu.Item>
          </>
        )}
        <Menu.Item
          leftSection={<IconCamera size={16} aria-hidden />}
          onClick={() => attachToActivity(queryClient, activity)}
        >
          {activity.type === 'visit' ? 'Attach photo…' : 'Attach file…'}
        </Menu.Item>
        {record && (
          <Menu.Item component={Link} to={record.to} leftSection={<IconExternalLink size={16} aria-hidden />}>
            {record.label}
          </Menu.Item>
        )}
        <Menu.Divider />
        <Menu.Item
          color="red"
          leftSection={<IconTrash size={16} aria-hidden />}
          onClick={() => open('delete', activity)}
        >
          Delete
        </Menu.Item>
      </>
    );
  };

  const dialogs = dialog && (
    <>
      {dialog.kind === 'load' && (
        <LoadRecord<Activity>
          resource="activities"
          what="activity"
          id={dialog.id}
          onLoaded={(activity) => open('edit', activity)}
          onClose={close}
        />
      )}
      {dialog.kind === 'edit' && (
        <ActivityForm
          opened
          activity={dialog.activity}
          links={{}}
          steps={stepButtons(dialog.activity)}
          onClose={close}
        />
      )}
      {dialog.kind === 'complete' && <CompleteActivityDialog activity={dialog.activity} onClose={close} />}
      {dialog.kind === 'reschedule' && (
        <RescheduleDialog
          title={`Reschedule · ${dialog.activity.subject}`}
          label="When"
          field="scheduledAt"
          value={dialog.activity.scheduledAt}
          onSave={(iso) => reschedule(dialog.activity, iso)}
          onClose={close}
        />
      )}
      {dialog.kind === 'delete' && (
        <ConfirmDelete
          what={`activity ${dialog.activity.subject}`}
          loading={remove.isPending}
          onConfirm={() => remove.mutate(dialog.activity, { onSettled: close })}
          onClose={close}
        />
      )}
      {dialog.kind === 'visit' && (
        <VisitStepDialog
          visit={dialog.activity}
          step={dialog.step}
          state={{ isPending: visitStep.isPending, error: visitStep.error, data: visitStep.data }}
          onRetry={() => startVisitStep(dialog.activity, dialog.step)}
          onClose={close}
          onComplete={(visit) => open('complete', visit)}
        />
      )}
    </>
  );
  return { menuItems, open, openById, startVisitStep, dialogs };
}

export type ActivityActions = ReturnType<typeof useActivityActions>;
