import { Alert, Anchor, Button, Group, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ApprovalLink } from '../../../shared/contracts/approvals.js';
import { publicRequest } from '../../api/client.js';
import { CheckingLink, DeadLink, StandalonePage } from '../../components/StandalonePage.js';
import { date, dateTime, humanize, money } from '../../lib/format.js';
import { sentence } from '../../lib/forms.js';

/**
 * Where an approver lands from the e-mail: the deal and the request, and Approve or Reject, without
 * signing in (the link's token is the credential, and it only decides this approval). Opening the page
 * decides nothing: mail scanners that follow links must not approve a deal.
 */
export function ApprovalLinkPage({ id, token }: { id: string; token: string }) {
  const queryClient = useQueryClient();
  const queryKey = ['approval-link', id];
  const link = useQuery({
    queryKey,
    queryFn: ({ signal }) =>
      publicRequest<ApprovalLink>(`/approval-links/${id}?token=${encodeURIComponent(token)}`, { signal }),
    retry: false,
  });
  const [comment, setComment] = useState('');
  const decide = useMutation({
    mutationFn: (decision: 'approve' | 'reject') =>
      publicRequest<ApprovalLink>(`/approval-links/${id}`, {
        method: 'POST',
        body: { token, decision, ...(comment.trim() ? { comment: comment.trim() } : {}) },
      }),
    onSuccess: (answer) => queryClient.setQueryData(queryKey, answer),
    // Decided meanwhile (in the app, or in another tab): show how.
    onError: () => void link.refetch(),
  });

  return (
    <StandalonePage width={560}>
      {link.isPending ? (
        <CheckingLink label="Loading the approval" />
      ) : link.isError ? (
        <DeadLink
          title="This link does not open an approval"
          error={link.error}
          next={{ label: 'Open Meridian to decide there', href: '/' }}
        />
      ) : (
        <ApprovalDecision
          link={link.data}
          comment={comment}
          onComment={setComment}
          onDecide={(decision) => decide.mutate(decision)}
          deciding={decide.isPending ? decide.variables : null}
          error={decide.isError ? decide.error.message : null}
        />
      )}
    </StandalonePage>
  );
}

function ApprovalDecision(props: {
  link: ApprovalLink;
  comment: string;
  onComment(comment: string): void;
  onDecide(decision: 'approve' | 'reject'): void;
  deciding: 'approve' | 'reject' | null | undefined;
  error: string | null;
}) {
  const { approval, deal } = props.link;
  const pending = approval.status === 'pending';
  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h3">
          {pending ? 'Approve this deal?' : `Deal ${approval.status}`}
        </Title>
        <Text size="sm" c="dimmed" mt={4}>
          {props.link.requestedByName ?? 'Someone'} asks {props.link.approverName ?? 'you'} to approve{' '}
          {money(approval.amount, approval.currency)} to close it as won.
        </Text>
      </div>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" component="dl" m={0}>
        <Fact label="Deal" value={deal.name} />
        <Fact label="Account" value={deal.accountName ?? '—'} />
        <Fact label="Amount" value={money(deal.amount, deal.currency)} />
        <Fact label="Stage" value={humanize(deal.stage)} />
        <Fact label="Close date" value={date(deal.closeDate)} />
        <Fact label="Owner" value={deal.ownerName ?? '—'} />
      </SimpleGrid>
      {approval.requestComment && (
        <Text size="sm" fs="italic">
          “{approval.requestComment}”
        </Text>
      )}
      {pending ? (
        <>
          {props.error && (
            <Alert color="red" variant="light" title="Not decided">
              {sentence(props.error)}
            </Alert>
          )}
          <Textarea
            label="Comment (optional)"
            description="The requester sees it with your decision."
            autosize
            minRows={2}
            maxLength={2000}
            value={props.comment}
            onChange={(event) => props.onComment(event.currentTarget.value)}
          />
          <Group grow>
            <Button
              color="red"
              variant="light"
              loading={props.deciding === 'reject'}
              disabled={Boolean(props.deciding)}
              onClick={() => props.onDecide('reject')}
            >
              Reject
            </Button>
            <Button
              color="green"
              loading={props.deciding === 'approve'}
              disabled={Boolean(props.deciding)}
              onClick={() => props.onDecide('approve')}
            >
              Approve
            </Button>
          </Group>
        </>
      ) : (
        <Alert color={approval.status === 'approved' ? 'green' : 'red'} variant="light" role="status">
          {humanize(approval.status)} by {props.link.decidedByName ?? 'an admin'}
          {approval.decidedAt ? ` on ${dateTime(approval.decidedAt)}` : ''}
          {approval.decisionComment ? `: “${approval.decisionComment}”` : '.'}{' '}
          {approval.status === 'approved' ? 'The deal can close as won.' : 'The deal cannot close as won yet.'}
        </Alert>
      )}
      <Text size="xs" c="dimmed">
        <Anchor href={`/opportunities/${deal.id}`} size="xs" underline="always">
          Open the deal in Meridian
        </Anchor>{' '}
        (you may need to sign in).
      </Text>
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm" fw={500} m={0}>
        {value}
      </Text>
    </div>
  );
}
