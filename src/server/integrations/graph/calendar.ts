import {
  type GraphConnection,
  GraphUnavailableError,
  graphClientFor,
  graphErrorReason,
  retryAfterMs,
} from './client.js';

/*
 * Outlook calendars through Microsoft Graph, as an app registration with the `Calendars.ReadWrite`
 * application permission: events are written into a user's default calendar with
 * `POST|PATCH|DELETE /users/{mailbox}/events[/{id}]`. The events have no attendees, so Exchange sends no
 * invitations: they are the user's own appointments.
 */

/** The parts of Graph's event resource Meridian writes. Times are instants, sent in UTC. */
export type OutlookEventContent = {
  subject: string;
  /** Plain text; Outlook makes the link back to Meridian clickable. */
  body: string;
  start: Date;
  end: Date;
  location: { displayName: string; address?: OutlookAddress } | null;
  showAs: 'busy' | 'free';
  /** Minutes before the start to remind; null for no reminder (an appointment already past or done). */
  reminderMinutes: number | null;
};

/** Graph's physicalAddress. */
export type OutlookAddress = {
  street?: string;
  city?: string;
  state?: string;
  postalCode?: string;
  countryOrRegion?: string;
};

/**
 * Graph did not do what was asked. `throttled`: 429 or 503, wait `retryAfterMs` when Graph said;
 * `unavailable`: sign-in failed, no answer, or a 5xx (worth trying again soon); `refused`: an answer that
 * will not change until an administrator acts (403 without Calendars.ReadWrite, 404 for a user without a
 * mailbox, 400), to try again rarely.
 */
export class OutlookCalendarError extends Error {
  constructor(
    message: string,
    readonly kind: 'throttled' | 'unavailable' | 'refused',
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'OutlookCalendarError';
  }
}

export interface OutlookCalendar {
  /**
   * Creates the event in the mailbox's default calendar and answers its id. `transactionId` is Graph's
   * idempotency key: the same key again answers the event already created instead of a second one.
   */
  createEvent(mailbox: string, content: OutlookEventContent, transactionId: string): Promise<string>;
  /** Rewrites the event; `missing` when it is gone (the user deleted it in Outlook). */
  updateEvent(mailbox: string, eventId: string, content: OutlookEventContent): Promise<'updated' | 'missing'>;
  /** Removes the event; one already gone counts as removed. */
  deleteEvent(mailbox: string, eventId: string): Promise<void>;
}

export function createOutlookCalendar(connection: GraphConnection): OutlookCalendar {
  const graph = graphClientFor(connection);
  const eventsOf = (mailbox: string) => `/users/${encodeURIComponent(mailbox)}/events`;

  async function send(target: string, init: Parameters<typeof graph.request>[1]): Promise<Response> {
    try {
      return await graph.request(target, init);
    } catch (error) {
      if (error instanceof GraphUnavailableError) throw new OutlookCalendarError(error.message, 'unavailable');
      throw error;
    }
  }

  return {
    async createEvent(mailbox, content, transactionId) {
      const response = await send(eventsOf(mailbox), {
        method: 'POST',
        json: { ...graphEvent(content), transactionId },
      });
      if (response.status !== 201 && response.status !== 200) throw await failure(response, 'create');
      const { id } = (await response.json()) as { id?: string };
      if (!id) throw new OutlookCalendarError('Microsoft Graph created an event without an id', 'unavailable');
      return id;
    },
    async updateEvent(mailbox, eventId, content) {
      const response = await send(`${eventsOf(mailbox)}/${encodeURIComponent(eventId)}`, {
        method: 'PATCH',
        json: graphEvent(content),
      });
      if (response.status === 404) return 'missing';
      if (!response.ok) throw await failure(response, 'update');
      return 'updated';
    },
    async deleteEvent(mailbox, eventId) {
      const response = await send(`${eventsOf(mailbox)}/${encodeURIComponent(eventId)}`, { method: 'DELETE' });
      if (response.ok || response.status === 404 || response.status === 410) return;
      throw await failure(response, 'delete');
    },
  };
}

/** The event resource as Microsoft documents it; start and end in UTC, as Graph reads them by default. */
export function graphEvent(content: OutlookEventContent) {
  return {
    subject: content.subject,
    body: { contentType: 'text', content: content.body },
    start: graphDateTime(content.start),
    end: graphDateTime(content.end),
    // An empty location clears one written before.
    location: content.location ?? { displayName: '' },
    showAs: content.showAs,
    isReminderOn: content.reminderMinutes !== null,
    ...(content.reminderMinutes !== null ? { reminderMinutesBeforeStart: content.reminderMinutes } : {}),
  };
}

/** dateTimeTimeZone: a local date and time without offset, and the zone it is in. */
function graphDateTime(at: Date) {
  return { dateTime: at.toISOString().replace(/Z$/, ''), timeZone: 'UTC' };
}

async function failure(response: Response, action: string): Promise<OutlookCalendarError> {
  const reason = await graphErrorReason(response);
  const message = `Microsoft Graph refused to ${action} the event (${response.status})${reason ? `: ${reason}` : ''}`;
  if (response.status === 429 || response.status === 503) {
    return new OutlookCalendarError(message, 'throttled', retryAfterMs(response));
  }
  if (response.status >= 500 || response.status === 401) return new OutlookCalendarError(message, 'unavailable');
  return new OutlookCalendarError(message, 'refused');
}
