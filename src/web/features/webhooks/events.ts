import { webhookSubjects } from '../../../shared/contracts/webhooks.js';
import { humanize } from '../../lib/format.js';

/** The subscription to every event of every record, kinds added later included. */
export const EVERYTHING = '*';

const everyEventOf = (subject: string) => `${subject}.*`;

/**
 * The event picker's options, grouped by record: first every event of it (`lead.*`), then each event type.
 * While a record's every-event pattern is chosen its single events are redundant, so they are not offered.
 */
export function eventOptions(chosen: readonly string[]) {
  return Object.entries(webhookSubjects).map(([subject, verbs]) => {
    const covered = chosen.includes(everyEventOf(subject));
    return {
      group: humanize(subject),
      items: [
        { value: everyEventOf(subject), label: `Every ${subject} event (${everyEventOf(subject)})` },
        ...verbs.map((verb) => ({ value: `${subject}.${verb}`, label: `${subject}.${verb}`, disabled: covered })),
      ],
    };
  });
}

/** Drops the single events a chosen `lead.*` already covers, so the subscription says each thing once. */
export function withoutCovered(events: readonly string[]): string[] {
  return events.filter((event) => {
    const [subject, verb] = event.split('.');
    return verb === '*' || !events.includes(everyEventOf(subject ?? ''));
  });
}

/** A pattern as a badge says it: the event names receivers see, and `*` in words. */
export function eventLabel(pattern: string): string {
  return pattern === EVERYTHING ? 'Everything (*)' : pattern;
}

/** Whether two subscriptions name the same events, in whatever order. */
export function sameEvents(left: readonly string[], right: readonly string[]): boolean {
  return [...left].sort().join() === [...right].sort().join();
}
