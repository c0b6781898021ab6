import { type GraphClient, GraphUnavailableError, graphErrorReason, retryAfterMs } from './client.js';

/*
 * Reading a Microsoft 365 mail folder with Graph's delta query (application permission Mail.Read):
 * `GET /users/{mailbox}/mailFolders/{folder}/messages/delta` pages through what arrived since a moment
 * and ends with an `@odata.deltaLink` that the next round starts from, to get only what changed since.
 * https://learn.microsoft.com/graph/api/message-delta and /graph/delta-query-messages
 */

export type MailboxFolder = 'inbox' | 'sentitems';

type GraphRecipient = { emailAddress?: { name?: string | null; address?: string | null } | null };

/** A message as the delta query selects it (a changed message may come with fewer fields: see below). */
export type GraphMailMessage = {
  id: string;
  internetMessageId?: string | null;
  subject?: string | null;
  body?: { contentType?: string; content?: string } | null;
  from?: GraphRecipient | null;
  toRecipients?: GraphRecipient[] | null;
  ccRecipients?: GraphRecipient[] | null;
  receivedDateTime?: string | null;
  sentDateTime?: string | null;
  internetMessageHeaders?: { name: string; value: string }[] | null;
};

/** The fields capture needs; internetMessageHeaders carries X-Meridian-Message-Id on mail Meridian sent. */
export const MAILBOX_MESSAGE_FIELDS = [
  'internetMessageId',
  'subject',
  'body',
  'from',
  'toRecipients',
  'ccRecipients',
  'receivedDateTime',
  'sentDateTime',
  'internetMessageHeaders',
] as const;

/** Messages per page: Outlook's delta pages are small by default (10); 50 keeps each answer quick. */
const PAGE_SIZE = 50;

/**
 * Why a folder could not be read this round:
 * - `sync-state-lost`: Graph no longer knows the delta link (410 Gone, syncStateNotFound): start again;
 * - `later`: throttling (429, 503, with the wait Graph asked for), an outage (5xx) or Graph unreachable;
 * - `no-access`: no such mailbox (404), or Mail.Read not granted or the mailbox outside the app's access
 *   policy (403), or any other refusal: nothing changes until an administrator acts.
 */
export class MailboxReadError extends Error {
  constructor(
    readonly kind: 'sync-state-lost' | 'later' | 'no-access',
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'MailboxReadError';
  }
}

/** One page of a round: its new messages (removals are dropped) and where the round goes on or ends. */
export type MailboxPage = { messages: GraphMailMessage[] } & (
  | { nextLink: string; deltaLink?: undefined }
  | { deltaLink: string; nextLink?: undefined }
);

/**
 * The pages of one round of a folder, from the delta link of the last round, or (first round, or after
 * the sync state was lost) from every message received since `since`. Messages deleted in Outlook come
 * as `@removed` entries and are dropped: deleting mail does not delete the CRM's log of it.
 */
export async function* readMailFolderChanges(
  graph: GraphClient,
  options: { mailbox: string; folder: MailboxFolder; deltaLink: string | null; since: Date },
): AsyncGenerator<MailboxPage> {
  let link = options.deltaLink ?? firstDeltaRequest(options.mailbox, options.folder, options.since);
  for (;;) {
    const page = await readPage(graph, link);
    const messages = (page.value ?? []).filter((entry) => !('@removed' in entry));
    if (page['@odata.nextLink']) {
      yield { messages, nextLink: page['@odata.nextLink'] };
      link = page['@odata.nextLink'];
    } else if (page['@odata.deltaLink']) {
      yield { messages, deltaLink: page['@odata.deltaLink'] };
      return;
    } else {
      throw new MailboxReadError('later', 'Microsoft Graph answered a delta page with neither a next nor a delta link');
    }
  }
}

/** The first request of a round without a delta link: the options are given once and carried by the links. */
export function firstDeltaRequest(mailbox: string, folder: MailboxFolder, since: Date): string {
  const filter = encodeURIComponent(`receivedDateTime ge ${since.toISOString().replace(/\.\d{3}Z$/, 'Z')}`);
  return `/users/${encodeURIComponent(mailbox)}/mailFolders/${folder}/messages/delta?$select=${MAILBOX_MESSAGE_FIELDS.join(',')}&$filter=${filter}`;
}

type DeltaPage = {
  value?: (GraphMailMessage & { '@removed'?: unknown })[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
};

async function readPage(graph: GraphClient, link: string): Promise<DeltaPage> {
  let response: Response;
  try {
    response = await graph.request(link, {
      headers: { prefer: `odata.maxpagesize=${PAGE_SIZE}, outlook.body-content-type="text"` },
    });
  } catch (error) {
    if (error instanceof GraphUnavailableError) throw new MailboxReadError('later', error.message);
    throw error;
  }
  if (response.ok) {
    return (await response.json().catch(() => {
      throw new MailboxReadError('later', 'Microsoft Graph answered a delta page that is not JSON');
    })) as DeltaPage;
  }
  const reason = await graphErrorReason(response);
  const message = `Microsoft Graph refused the mailbox read (${response.status})${reason ? `: ${reason}` : ''}`;
  throw new MailboxReadError(failureKind(response.status, reason), message, retryAfterMs(response));
}

function failureKind(status: number, reason: string | undefined): MailboxReadError['kind'] {
  if (status === 410 || /syncState(NotFound|Invalid)/i.test(reason ?? '')) return 'sync-state-lost';
  if (status === 429 || status === 401 || status >= 500) return 'later';
  return 'no-access';
}
