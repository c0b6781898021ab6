import { type EmailNotificationKind, emailNotificationKinds } from '../../../shared/contracts/preferences.js';
import { notificationPath } from '../../../shared/notification-links.js';
import type { Db } from '../../db/client.js';
import type { Deps } from '../../deps.js';
import { formatMailbox, messageIdDomain } from '../../integrations/mail/addresses.js';
import { noticeEmailJob } from '../../jobs/notice-email.job.js';
import { enqueueJob } from '../../jobs/queue.js';
import { emailRecipientsOf } from '../preferences/preferences.repository.js';
import type { NewNotification } from './notifications.service.js';

export type RaisedNotification = NewNotification & { id: string };

/** How each e-mail says why it came, in the words of the preference that asked for it. */
const reasons: Record<EmailNotificationKind, string> = {
  task_reminder: 'task reminders',
  approval_decided: 'decisions on your approval requests',
  email_failed: 'e-mails of yours that could not be sent',
  sms_failed: 'text messages of yours that could not be sent',
  quote_expiring: 'quotes of yours about to lapse unanswered',
};

/**
 * Queues an e-mail of each notification whose recipient asked for that kind by e-mail (their
 * preferences), in the transaction that raises it: the mail goes exactly when the notification exists.
 * Deactivated users get none. The Message-ID is the notification's, so a retried job is one message.
 */
export async function emailNotifications(tx: Db, deps: Deps, raised: RaisedNotification[]): Promise<void> {
  const emailable = raised.filter((notification) =>
    (emailNotificationKinds as readonly string[]).includes(notification.kind),
  );
  if (emailable.length === 0) return;
  const recipients = await emailRecipientsOf(
    tx,
    emailable.map((notification) => notification.userId),
  );
  const byId = new Map(recipients.map((recipient) => [recipient.id, recipient]));
  const { publicUrl } = deps.config;
  const domain = messageIdDomain(deps.config.mail.from);
  for (const notification of emailable) {
    const recipient = byId.get(notification.userId);
    if (!recipient?.kinds.includes(notification.kind)) continue;
    const path = notificationPath(notification);
    const mailbox = formatMailbox(recipient.name, recipient.email);
    await enqueueJob(tx, noticeEmailJob, {
      messageId: `<notification-${notification.id}@${domain}>`,
      from: deps.config.mail.from ?? formatMailbox('Meridian', recipient.email),
      to: [mailbox],
      subject: notification.title,
      text: [
        notification.title,
        ...(notification.body ? ['', notification.body] : []),
        ...(path ? ['', `Open it in Meridian: ${publicUrl}${path}`] : []),
        '',
        '--',
        `You get this e-mail because you asked Meridian to e-mail you ${reasons[notification.kind as EmailNotificationKind]}.`,
        `To change that, open Preferences under your name in Meridian: ${publicUrl}`,
      ].join('\n'),
    });
  }
}
