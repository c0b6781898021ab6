import { Button, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { LeadForm } from '../../../shared/contracts/lead-forms.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { dateTime } from '../../lib/format.js';
import { inquiriesCount, lastInquiry } from './embed.js';

/* What the list and a form's page share: the rep's message, the inquiries figure, the delete question. */

export const LEAD_FORMS_DESCRIPTION =
  'Forms on your website whose inquiries arrive in Meridian as leads, each handed to the right rep, who is notified at once.';

/**
 * What a rep sees at a lead form's address: the API refuses them every call, so none is made, and the
 * page says who keeps the forms and where the leads they bring show up.
 */
export function ManagersOnly() {
  return (
    <>
      <PageHeader title="Lead forms" description={LEAD_FORMS_DESCRIPTION} />
      <EmptyState
        title="Managers and admins keep the lead forms"
        action={
          <Button component={Link} to="/leads?ownerId=me" variant="light">
            See your leads
          </Button>
        }
      >
        They decide where the website's inquiries go. The leads these forms bring you appear among your leads, and the
        bell tells you of each new one.
      </EmptyState>
    </>
  );
}

/** The count of a form's inquiries and, under it, when the last one came (the exact time on hover). */
export function Inquiries({ form }: { form: Pick<LeadForm, 'submissionCount' | 'lastSubmissionAt'> }) {
  const last = lastInquiry(form.lastSubmissionAt);
  return (
    <Stack gap={0}>
      <Text span size="sm">
        {inquiriesCount(form.submissionCount)}
      </Text>
      {last && (
        <Text span size="xs" c="dimmed" title={dateTime(form.lastSubmissionAt)}>
          {last}
        </Text>
      )}
    </Stack>
  );
}

/** Asks before deleting a form: what stops, what stays, and that Undo brings it back. */
export function DeleteLeadFormDialog({
  leadForm,
  loading,
  onConfirm,
  onClose,
}: {
  leadForm: LeadForm | null;
  loading: boolean;
  onConfirm: (form: LeadForm) => void;
  onClose: () => void;
}) {
  return (
    <ConfirmDialog
      opened={leadForm !== null}
      title="Delete the lead form?"
      confirmLabel="Delete lead form"
      cancelLabel="Keep it"
      loading={loading}
      onConfirm={() => leadForm && onConfirm(leadForm)}
      onClose={onClose}
    >
      {leadForm?.name} takes no more inquiries: a website still posting to it gets an error. The leads it brought stay.
      Undo, right after, brings it back with the same address.
    </ConfirmDialog>
  );
}
