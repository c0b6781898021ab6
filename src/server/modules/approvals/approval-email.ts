import { valueLabel } from '../../../shared/labels.js';
import { formatMoney } from '../../../shared/money.js';
import type { Db } from '../../db/client.js';
import type { Deps } from '../../deps.js';
import { formatMailbox, messageIdDomain } from '../../integrations/mail/addresses.js';
import { noticeEmailJob } from '../../jobs/notice-email.job.js';
import { enqueueJob } from '../../jobs/queue.js';
import { randomToken, sha256 } from '../auth/secrets.js';
import { type ApprovalRow, findApprovalDeal, findPerson, setDecisionTokenHash } from './approvals.repository.js';

/** An approval e-mail's link works until the approval is decided, and at most this long. */
export const LINK_LIFETIME_DAYS = 30;

/**
 * E-mails the approver a link that decides the approval without signing in: a one-time random token,
 * of which the approval keeps only the SHA-256. The mail is queued in the transaction of the request,
 * so it goes exactly when the approval exists. The token rides in the link's fragment (#token=…),
 * which browsers never send to a server, so it stays out of access logs and proxies.
 */
export async function emailDecisionLink(
  tx: Db,
  deps: Deps,
  approval: ApprovalRow,
  context: { requesterId: string | null; comment: string | null },
): Promise<void> {
  if (!approval.approverId) return;
  const [approver, requester] = await Promise.all([
    findPerson(tx, approval.approverId),
    context.requesterId ? findPerson(tx, context.requesterId) : undefined,
  ]);
  if (!approver) return;
  const token = randomToken();
  await setDecisionTokenHash(tx, approval.id, sha256(token));
  const deal = await findApprovalDeal(tx, approval.opportunityId);
  if (!deal) return;
  const { publicUrl } = deps.config;
  const amount = formatMoney(Number(approval.amount), approval.currency);
  const asker = requester?.name ?? 'Meridian';
  const text = [
    `Hello ${approver.name.split(' ')[0]},`,
    '',
    `${asker} asks you to approve ${amount} to close "${deal.name}"${deal.accountName ? ` (${deal.accountName})` : ''} as won.`,
    ...(context.comment ? ['', `"${context.comment}"`] : []),
    '',
    `Stage: ${valueLabel(deal.stage)}; closes ${deal.closeDate}; owner: ${deal.ownerName ?? 'nobody'}.`,
    '',
    'Approve or reject it here:',
    `${publicUrl}/approvals/${approval.id}/decide#token=${token}`,
    '',
    `The link is for you alone. It works until the approval is decided, for ${LINK_LIFETIME_DAYS} days at most.`,
    `You can also decide in Meridian: ${publicUrl}/opportunities/${deal.id}`,
  ].join('\n');
  await enqueueJob(tx, noticeEmailJob, {
    messageId: `<approval-${approval.id}@${messageIdDomain(deps.config.mail.from)}>`,
    from: requester
      ? formatMailbox(requester.name, requester.email)
      : (deps.config.mail.from ?? formatMailbox(approver.name, approver.email)),
    to: [formatMailbox(approver.name, approver.email)],
    subject: `Approval requested: ${deal.name} (${amount})`,
    text,
  });
}
