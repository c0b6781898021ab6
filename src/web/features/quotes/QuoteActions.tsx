import { Button, Menu } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconCopy, IconDownload, IconEye, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { Quote } from '../../../shared/contracts/quotes.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { RecordMenu } from '../../components/RecordMenu.js';
import { count, money } from '../../lib/format.js';
import { notifyFailure, notifySaved } from '../../lib/mutations.js';
import { downloadQuotePdf, previewQuotePdf, useQuoteStep, useReviseQuote } from './queries.js';
import { RejectQuoteDialog } from './RejectQuoteDialog.js';
import { SendQuoteDialog } from './SendQuoteDialog.js';

type Dialog = 'send' | 'accept' | 'reject';

/** Out with the customer and waiting for their answer (an expired offer may still be taken up late). */
const awaitsAnswer = (quote: Quote) => quote.status === 'sent' || quote.status === 'expired';

/**
 * The quote page's actions. Its one next step stands first (send a draft; record the customer's answer
 * to a sent one), then the PDF to download or look at; the rest is in the menu: the answer for a draft
 * agreed without sending it, sending a sent quote again, Delete. Steps are offered to whoever may change
 * the quote (`changerId`: an owner the caller may change for, else none); the server decides in any case.
 */
export function QuoteActions({
  quote,
  changerId,
  unsaved,
  contactEmail,
}: {
  quote: Quote;
  changerId: string | null;
  /** The draft on screen has changes not saved: sending would send the quote without them. */
  unsaved: boolean;
  contactEmail: string | null;
}) {
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const accept = useQuoteStep(quote);
  const revise = useReviseQuote(quote);
  const navigate = useNavigate();
  const close = () => setDialog(null);
  const mayChange = changerId !== null;
  const confirmAccept = () =>
    accept.mutate(
      { step: 'accept' },
      {
        onSuccess: ({ quote: saved }) => notifySaved(`${saved.number} accepted: the deal now has its lines and amount`),
        onError: (error) => notifyFailure(error, { title: `${quote.number} was not marked accepted` }),
        onSettled: close,
      },
    );
  const item = (label: string, next: Dialog, Icon: typeof IconSend) => (
    <Menu.Item leftSection={<Icon size={16} aria-hidden />} onClick={() => setDialog(next)}>
      {label}
    </Menu.Item>
  );

  return (
    <>
      {mayChange && quote.status === 'draft' && (
        // Held back while the draft has unsaved changes: the save bar says so.
        <Button leftSection={<IconSend size={16} aria-hidden />} disabled={unsaved} onClick={() => setDialog('send')}>
          Send…
        </Button>
      )}
      {mayChange && awaitsAnswer(quote) && (
        <>
          <Button
            color="teal"
            leftSection={<IconCircleCheck size={16} aria-hidden />}
            onClick={() => setDialog('accept')}
          >
            Mark accepted
          </Button>
          <Button
            variant="default"
            leftSection={<IconCircleX size={16} aria-hidden />}
            onClick={() => setDialog('reject')}
          >
            Mark rejected…
          </Button>
        </>
      )}
      <Button
        variant="default"
        leftSection={<IconDownload size={16} aria-hidden />}
        onClick={() => downloadQuotePdf(quote)}
      >
        Download PDF
      </Button>
      <Button variant="default" leftSection={<IconEye size={16} aria-hidden />} onClick={() => previewQuotePdf(quote)}>
        Preview PDF
      </Button>
      <RecordMenu
        resource="quotes"
        record={{ id: quote.id, version: quote.version, ownerId: changerId ?? quote.ownerId }}
        noun="quote"
        name={quote.number}
        items={
          quote.status === 'draft' && !unsaved ? (
            <>
              {item('Mark accepted', 'accept', IconCircleCheck)}
              {item('Mark rejected…', 'reject', IconCircleX)}
              <Menu.Divider />
            </>
          ) : quote.status !== 'draft' && quote.status !== 'accepted' ? (
            <>
              {quote.status === 'sent' && item('Send again…', 'send', IconSend)}
              {/* A quote that went out never changes: a changed offer is a new version of it. */}
              <Menu.Item
                leftSection={<IconCopy size={16} aria-hidden />}
                disabled={revise.isPending}
                onClick={() =>
                  revise.mutate(undefined, {
                    onSuccess: (draft) => {
                      notifySaved(`${draft.number}: a new draft of ${quote.number}`);
                      navigate(`/quotes/${draft.id}`);
                    },
                  })
                }
              >
                Make a new version
              </Menu.Item>
              <Menu.Divider />
            </>
          ) : undefined
        }
      />
      {dialog === 'send' && <SendQuoteDialog quote={quote} contactEmail={contactEmail} onClose={close} />}
      {dialog === 'reject' && <RejectQuoteDialog quote={quote} onClose={close} />}
      <ConfirmDialog
        opened={dialog === 'accept'}
        title={`Mark ${quote.number} accepted?`}
        confirmLabel="Mark accepted"
        cancelLabel="Not yet"
        color="teal"
        loading={accept.isPending}
        onConfirm={confirmAccept}
        onClose={close}
      >
        The customer took this offer. The deal's products become the quote's {count(quote.lines.length)}{' '}
        {quote.lines.length === 1 ? 'line' : 'lines'}, and its amount {money(quote.net, quote.currency)}, the quote's
        net.
      </ConfirmDialog>
    </>
  );
}
