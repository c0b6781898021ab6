import type { PasswordLink } from '../../../shared/contracts/auth.js';
import { AppError } from '../../../shared/errors.js';
import type { Db } from '../../db/client.js';
import { users } from '../../db/schema/index.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { formatMailbox, messageIdDomain } from '../../integrations/mail/addresses.js';
import { noticeEmailJob } from '../../jobs/notice-email.job.js';
import { enqueueJob } from '../../jobs/queue.js';
import { updateVersionedRow } from '../../platform/versioned-rows.repository.js';
import { systemViewer } from '../../platform/viewer.js';
import { recordChange } from '../audit/audit.service.js';
import { findUserForAuthentication } from '../users/users.repository.js';
import { revokeRefreshTokensOfUser } from './auth.repository.js';
import { hashPassword } from './auth.service.js';
import {
  endPasswordLinksOf,
  findLivePasswordLink,
  insertPasswordLink,
  latestPasswordLinkAt,
  type PasswordLinkPurpose,
} from './password-links.repository.js';
import { randomToken, sha256 } from './secrets.js';

const MINUTE_MS = 60_000;
/** How long each kind of link works: a reset is asked for and used at once; an invitation may wait a week. */
const LIFETIME_MS: Record<PasswordLinkPurpose, number> = {
  reset: 60 * MINUTE_MS,
  invitation: 7 * 24 * 60 * MINUTE_MS,
};
/** Requests for the same person closer together than this send no further e-mail (no inbox flooding). */
const RESEND_PAUSE_MS = MINUTE_MS;

type Person = { id: string; name: string; email: string };

/**
 * "Forgot your password?": e-mails a link that lets the person choose a new password, when the address
 * is an active user's. The answer is the same whether or not it is, so the form tells nobody who has an
 * account; a second request within a minute sends nothing more.
 */
export async function requestPasswordReset(deps: Deps, email: string): Promise<void> {
  const { db } = deps.database;
  const user = await findUserForAuthentication(db, { email: email.trim() });
  if (!user?.active) return;
  const latest = await latestPasswordLinkAt(db, user.id);
  if (latest && Date.now() - latest.getTime() < RESEND_PAUSE_MS) return;
  await inTransaction(db, (tx) => emailPasswordLink(tx, deps, user, 'reset', null));
}

/**
 * E-mails a new user the link to choose their password, in the transaction that creates them (or when
 * an admin sends it again): an account without a password is one nobody can sign in to yet.
 */
export function inviteUser(tx: Db, deps: Deps, user: Person, invitedBy: Person | null): Promise<void> {
  return emailPasswordLink(tx, deps, user, 'invitation', invitedBy);
}

async function emailPasswordLink(
  tx: Db,
  deps: Deps,
  user: Person,
  purpose: PasswordLinkPurpose,
  invitedBy: Person | null,
): Promise<void> {
  const token = randomToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + LIFETIME_MS[purpose]);
  await insertPasswordLink(tx, { tokenHash: sha256(token), userId: user.id, purpose, expiresAt, now });
  const { publicUrl } = deps.config;
  // The token rides in the fragment, which browsers never send to a server: it stays out of access logs.
  const link = `${publicUrl}/reset-password#token=${token}`;
  const text =
    purpose === 'reset'
      ? [
          `Hello ${firstName(user.name)},`,
          '',
          'Someone (we hope you) asked to choose a new password for your Meridian account. Choose it here:',
          link,
          '',
          'The link works once, for an hour. If you did not ask, ignore this e-mail: your password stays as it is.',
        ]
      : [
          `Hello ${firstName(user.name)},`,
          '',
          `${invitedBy?.name ?? 'Your administrator'} opened a Meridian account for you (${user.email}).`,
          'Choose your password here, then sign in:',
          link,
          '',
          `The link works once, for seven days. Meridian is at ${publicUrl}`,
        ];
  await enqueueJob(tx, noticeEmailJob, {
    messageId: `<password-${purpose}-${sha256(token).slice(0, 24)}@${messageIdDomain(deps.config.mail.from)}>`,
    from: invitedBy
      ? formatMailbox(invitedBy.name, invitedBy.email)
      : (deps.config.mail.from ?? formatMailbox('Meridian', user.email)),
    to: [formatMailbox(user.name, user.email)],
    subject: purpose === 'reset' ? 'Choose a new Meridian password' : 'Your Meridian account',
    text: text.join('\n'),
  });
}

/** Whom a link is for, so its page can greet them; `404` for a link that does not work (any more). */
export async function inspectPasswordLink(deps: Deps, token: string): Promise<PasswordLink> {
  const link = await findLivePasswordLink(deps.database.db, sha256(token), new Date());
  if (!link) throw expiredLink();
  return {
    purpose: link.purpose as PasswordLinkPurpose,
    email: link.email,
    name: link.name,
    expiresAt: link.expiresAt.toISOString(),
  };
}

/**
 * Sets the person's password from a link, once: the link and any other of theirs stop working, and every
 * session they had ends (whoever asked for the reset may be taking the account back from someone).
 */
export async function setPasswordWithLink(deps: Deps, token: string, password: string): Promise<void> {
  // Hash before the transaction: argon2 is deliberately slow and must not hold a connection.
  const passwordHash = await hashPassword(password);
  await inTransaction(deps.database.db, async (tx) => {
    const now = new Date();
    const link = await findLivePasswordLink(tx, sha256(token), now, { lock: true });
    if (!link) throw expiredLink();
    const updated = await updateVersionedRow(tx, users, link.userId, { passwordHash }, { expectedVersion: undefined });
    if (!updated) throw expiredLink();
    await endPasswordLinksOf(tx, link.userId, now);
    await revokeRefreshTokensOfUser(tx, link.userId);
    await recordChange(tx, systemViewer(), {
      action: 'update',
      entity: 'users',
      entityId: link.userId,
      before: { password: '(unchanged)' },
      after: { password: `(changed by ${link.purpose === 'reset' ? 'a reset' : 'an invitation'} link)` },
    });
  });
  deps.viewerCache.clear();
}

/** One answer for every link that does not work, so a guess learns nothing about which tokens existed. */
function expiredLink() {
  return new AppError(
    'not_found',
    'this link does not work any more: it was used, replaced by a newer one, or it expired',
  );
}

function firstName(name: string): string {
  return name.split(' ')[0] || name;
}
