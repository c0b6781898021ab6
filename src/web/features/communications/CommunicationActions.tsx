import { useState } from 'react';
import type { Communication } from '../../../shared/contracts/communications.js';
import { ConfirmDelete } from '../../components/ConfirmDelete.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { dateTime } from '../../lib/format.js';
import { CommunicationDialog } from './CommunicationDialog.js';
import { ComposeEmailDialog } from './ComposeEmailDialog.js';
import { ComposeTextDialog } from './ComposeTextDialog.js';
import {
  messageName,
  sendingNoun,
  theMessage,
  useCancelSending,
  useDeleteCommunication,
} from './communicationMutations.js';
import { isSentByServer } from './delivery.js';
import { LogCommunicationDialog } from './LogCommunicationDialog.js';

type Dialog =
  | { kind: 'view'; id: string }
  | { kind: 'compose' | 'log' | 'cancel' | 'delete'; communication: Communication };

/**
 * What can be done to a message wherever it shows (a timeline): open it, edit it, retry a failed e-mail
 * or text, cancel a queued one (asked first), delete a logged one (asked first, then Undo). Render
 * `dialogs` once.
 */
export function useCommunicationActions() {
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const cancelSending = useCancelSending();
  const remove = useDeleteCommunication();
  const close = () => setDialog(null);

  const open = (id: string) => setDialog({ kind: 'view', id });
  /** A queued or failed e-mail or text is edited in its compose form (and queued again); anything else as logged. */
  const edit = (communication: Communication) => {
    const sent = isSentByServer(communication.channel) && communication.direction === 'outbound';
    const pending = communication.status === 'queued' || communication.status === 'failed';
    setDialog({ kind: sent && pending ? 'compose' : 'log', communication });
  };
  const cancel = (communication: Communication) => setDialog({ kind: 'cancel', communication });
  const choices = {
    edit,
    retry: edit,
    cancel,
    remove: (communication: Communication) => setDialog({ kind: 'delete', communication }),
  };

  const dialogs = dialog && (
    <>
      {dialog.kind === 'view' && <CommunicationDialog id={dialog.id} choices={choices} onClose={close} />}
      {dialog.kind === 'compose' &&
        (dialog.communication.channel === 'sms' ? (
          <ComposeTextDialog communication={dialog.communication} onClose={close} />
        ) : (
          <ComposeEmailDialog communication={dialog.communication} onClose={close} />
        ))}
      {dialog.kind === 'log' && <LogCommunicationDialog communication={dialog.communication} onClose={close} />}
      {dialog.kind === 'cancel' && (
        <ConfirmDialog
          opened
          title={`Cancel ${theMessage(dialog.communication)}?`}
          confirmLabel={`Cancel ${sendingNoun(dialog.communication.channel)}`}
          cancelLabel="Keep it"
          loading={cancelSending.isPending}
          onConfirm={() => cancelSending.mutate(dialog.communication, { onSettled: close })}
          onClose={close}
        >
          It will not be sent
          {new Date(dialog.communication.occurredAt).getTime() > Date.now()
            ? ` on ${dateTime(dialog.communication.occurredAt)}`
            : ''}
          , and it leaves the timeline. To send it later instead, edit it.
        </ConfirmDialog>
      )}
      {dialog.kind === 'delete' && (
        <ConfirmDelete
          what={`the message ${messageName(dialog.communication)}`}
          loading={remove.isPending}
          onConfirm={() => remove.mutate(dialog.communication, { onSettled: close })}
          onClose={close}
        />
      )}
    </>
  );
  return { open, edit, retry: edit, cancel, dialogs };
}

export type CommunicationActions = ReturnType<typeof useCommunicationActions>;
