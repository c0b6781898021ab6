import type { Deps } from '../../deps.js';
import { type GraphClient, graphClientFor } from '../../integrations/graph/client.js';
import {
  type GraphMailMessage,
  type MailboxFolder,
  MailboxReadError,
  readMailFolderChanges,
} from '../../integrations/graph/mailbox.js';
import {
  type CapturedMail,
  captureMail,
  type MailAddress,
  MERIDIAN_MESSAGE_ID_HEADER,
} from './mail-capture.service.js';
import {
  addMissingSyncStates,
  finishFolderRound,
  type LeasedFolder,
  leaseDueFolders,
} from './mail-capture-mailbox.repository.js';

/** Each user's mail with contacts comes in through their Inbox and goes out through their Sent Items. */
const SYNCED_FOLDERS: readonly MailboxFolder[] = ['inbox', 'sentitems'];
/** Folders read per run: with many users, a run reads the least recently synced and the next run the rest. */
const FOLDERS_PER_RUN = 20;
/** Longer than a round of one folder takes (a page is 50 messages; a minute's mail is a page or two). */
const LEASE_MS = 10 * 60_000;
/** A mailbox Graph refuses (none, or no permission) is asked again after 2, 4, 8 … minutes, at most every 6 hours. */
const MAX_BACKOFF_MS = 6 * 60 * 60_000;

export type MailboxSyncOutcome = { folders: number; logged: number; failed: number };

/**
 * Microsoft 365 mailbox sync (MERIDIAN_GRAPH_MAILBOX_SYNC): reads the Inbox and Sent Items of every active
 * user with Graph's delta query and captures each message (mail-capture.service), so mail with contacts
 * and leads lands in the communication log whichever client it was written in. A user's sync starts when
 * it is first seen; earlier mail is not imported. Each folder's delta link is saved only after the
 * messages of its round are captured, so a crash reads them again (logged once by Message-ID) rather than
 * losing them. Answers null when the sync is off.
 */
export async function syncMailboxes(
  deps: Deps,
  options: { graph?: GraphClient; now?: () => Date; limit?: number } = {},
): Promise<MailboxSyncOutcome | null> {
  const microsoft365 = deps.config.microsoft365;
  if (!microsoft365?.mailboxSync) return null;
  const graph = options.graph ?? graphClientFor(microsoft365.connection);
  const now = options.now ?? (() => new Date());
  const { db } = deps.database;

  await addMissingSyncStates(db, SYNCED_FOLDERS, now());
  const leasedAt = now();
  const folders = await leaseDueFolders(db, {
    now: leasedAt,
    leaseUntil: new Date(leasedAt.getTime() + LEASE_MS),
    limit: options.limit ?? FOLDERS_PER_RUN,
  });
  const outcome: MailboxSyncOutcome = { folders: folders.length, logged: 0, failed: 0 };
  for (const folder of folders) {
    const logged = await syncFolder(deps, graph, folder, now);
    if (logged === undefined) outcome.failed += 1;
    else outcome.logged += logged;
  }
  return outcome;
}

/** One round of one folder: answers the messages logged, or undefined when the round failed. */
async function syncFolder(
  deps: Deps,
  graph: GraphClient,
  folder: LeasedFolder,
  now: () => Date,
): Promise<number | undefined> {
  const startedAt = now();
  try {
    let round = await readRound(deps, graph, folder, { deltaLink: folder.deltaLink, since: folder.since });
    if ('lost' in round) {
      // Graph forgot the delta link (410): read again from the last good round; what was logged stays once.
      round = await readRound(deps, graph, folder, { deltaLink: null, since: folder.syncedAt ?? folder.since });
      if ('lost' in round) throw round.lost;
    }
    await finishFolderRound(deps.database.db, folder, {
      deltaLink: round.deltaLink,
      since: round.since,
      syncedAt: startedAt,
      failures: 0,
      lastError: null,
      leaseUntil: null,
    });
    return round.logged;
  } catch (error) {
    const failures = folder.failures + 1;
    const reason = (error as Error).message ?? String(error);
    deps.logger?.warn(
      { userId: folder.userId, folder: folder.folder, failures, reason },
      'mailbox sync: folder not read',
    );
    await finishFolderRound(deps.database.db, folder, {
      failures,
      lastError: reason,
      leaseUntil: retryNotBefore(error, failures, now()),
    });
    return undefined;
  }
}

type Round = { deltaLink: string; since: Date; logged: number } | { lost: MailboxReadError };

/**
 * Reads a round to its delta link, capturing each page's messages before asking for the next. A lost
 * sync state is answered rather than thrown when there was a delta link to lose, so the caller restarts.
 */
async function readRound(
  deps: Deps,
  graph: GraphClient,
  folder: LeasedFolder,
  start: { deltaLink: string | null; since: Date },
): Promise<Round> {
  let logged = 0;
  const pages = readMailFolderChanges(graph, {
    mailbox: folder.mailbox,
    folder: folder.folder as MailboxFolder,
    ...start,
  });
  try {
    for await (const page of pages) {
      for (const message of page.messages) {
        const mail = capturedMail(message, folder);
        if (mail && (await captureMail(deps, mail)) === 'logged') logged += 1;
      }
      if (page.deltaLink) return { deltaLink: page.deltaLink, since: start.since, logged };
    }
  } catch (error) {
    if (error instanceof MailboxReadError && error.kind === 'sync-state-lost' && start.deltaLink) {
      return { lost: error };
    }
    throw error;
  }
  throw new MailboxReadError('later', 'the delta round ended without a delta link');
}

/**
 * When the folder may be read again: at once (next run) after an outage, after the wait Graph asked for
 * when throttled, and after a growing pause when Graph refuses the mailbox (no mailbox, no permission),
 * which only an administrator changes.
 */
function retryNotBefore(error: unknown, failures: number, now: Date): Date | null {
  if (!(error instanceof MailboxReadError)) return null;
  if (error.kind === 'no-access') {
    return new Date(now.getTime() + Math.min(MAX_BACKOFF_MS, 60_000 * 2 ** failures));
  }
  return error.retryAfterMs ? new Date(now.getTime() + error.retryAfterMs) : null;
}

/**
 * A delta entry as capture reads it. Entries without an internetMessageId are changes to a message seen
 * before (read, flagged, moved), which Graph sends with only a few fields: nothing new to log.
 */
function capturedMail(message: GraphMailMessage, folder: LeasedFolder): CapturedMail | undefined {
  if (!message.internetMessageId) return undefined;
  const body = message.body?.content ?? null;
  const isHtml = message.body?.contentType?.toLowerCase() === 'html';
  const date = message.sentDateTime ?? message.receivedDateTime;
  return {
    messageId: message.internetMessageId,
    from: mailAddresses(message.from ? [message.from] : [])[0] ?? null,
    to: mailAddresses(message.toRecipients ?? []),
    cc: mailAddresses(message.ccRecipients ?? []),
    subject: message.subject ?? null,
    text: isHtml ? null : body,
    html: isHtml ? body : null,
    date: date ? new Date(date) : null,
    sentByMeridian: (message.internetMessageHeaders ?? []).some(
      (header) => header.name.toLowerCase() === MERIDIAN_MESSAGE_ID_HEADER,
    ),
    mailbox: { userId: folder.userId, folder: folder.folder as MailboxFolder },
  };
}

function mailAddresses(recipients: NonNullable<GraphMailMessage['toRecipients']>): MailAddress[] {
  return recipients.flatMap((recipient) =>
    recipient.emailAddress?.address
      ? [{ address: recipient.emailAddress.address, name: recipient.emailAddress.name ?? null }]
      : [],
  );
}
