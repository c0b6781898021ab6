import { Alert, Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconMapPinOff } from '@tabler/icons-react';
import type { Activity } from '../../../shared/contracts/activities.js';
import { useSettings } from '../../api/hooks.js';
import { clock, distance } from '../../lib/format.js';
import { sentence } from '../../lib/forms.js';
import type { VisitStep } from './activityMutations.js';
import { stampDistance } from './VisitStamps.js';

/**
 * The check-in or check-out of a visit as it happens: finding the position, then when and how far from
 * the account, warning when that is beyond the visit radius; after a check-out, the way to complete it.
 */
export function VisitStepDialog({
  visit,
  step,
  state,
  onRetry,
  onClose,
  onComplete,
}: {
  visit: Activity;
  step: VisitStep;
  state: { isPending: boolean; error: Error | null; data: Activity | undefined };
  onRetry: () => void;
  onClose: () => void;
  onComplete: (visit: Activity) => void;
}) {
  const radius = useSettings().data?.visitRadiusMeters;
  const verb = step === 'check-in' ? 'Check in' : 'Check out';
  const result = state.data;
  const stamp = result ? (step === 'check-in' ? result.checkIn : result.checkOut) : null;
  const where = stamp ? stampDistance(stamp, radius) : null;
  return (
    <Modal opened onClose={onClose} title={`${verb} · ${visit.subject}`}>
      <Stack gap="sm" aria-live="polite">
        {state.isPending && (
          <Group gap="sm">
            <Loader size="sm" aria-hidden />
            <Text size="sm">Finding your position…</Text>
          </Group>
        )}
        {state.error && (
          <Alert
            color="red"
            icon={<IconMapPinOff aria-hidden />}
            title={`Not ${step === 'check-in' ? 'checked in' : 'checked out'}`}
            role="alert"
          >
            {sentence(state.error.message)}
          </Alert>
        )}
        {stamp && where && (
          <>
            <Group gap="xs" wrap="nowrap">
              <IconCircleCheck size={20} color="var(--mantine-color-teal-7)" aria-hidden />
              <Text fw={600} data-testid="visit-step-result">
                {step === 'check-in' ? 'Checked in' : 'Checked out'} at {clock(stamp.at)}
              </Text>
            </Group>
            <Text size="sm">
              {where.text[0]?.toUpperCase()}
              {where.text.slice(1)}, measured to ±{distance(stamp.accuracy)}.
            </Text>
            {where.far && (
              <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} title="Far from the account" role="alert">
                You were {distance(stamp.distanceMeters)} away, beyond the {distance(radius)} visit radius. The visit is
                flagged; add a note if you met somewhere else.
              </Alert>
            )}
          </>
        )}
        <Group justify="flex-end">
          {state.error && <Button onClick={onRetry}>Try again</Button>}
          {result && step === 'check-out' ? (
            <>
              <Button variant="default" onClick={onClose}>
                Later
              </Button>
              <Button onClick={() => onComplete(result)} data-autofocus>
                Complete the visit
              </Button>
            </>
          ) : (
            <Button variant={state.error ? 'default' : 'filled'} onClick={onClose} disabled={state.isPending}>
              {result ? 'Done' : 'Close'}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
