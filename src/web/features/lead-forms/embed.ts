import type { LeadForm } from '../../../shared/contracts/lead-forms.js';
import { HONEYPOT_FIELD } from '../../../shared/contracts/lead-forms.js';
import { count, relative } from '../../lib/format.js';

/**
 * What a lead form says about itself in words, and what a website needs to post to it: the public
 * address, a ready-to-paste HTML form and a JSON example. Pure, so the wording is unit-tested.
 */

/** Where the API is served (client.ts's `apiBase`, not imported: this module stays free of the browser). */
const API_BASE = '/api/v1';

/** The path a website posts inquiries to, under the API (`/forms/{key}/leads`), no sign-in. */
export const submissionPath = (key: string) => `/forms/${encodeURIComponent(key)}/leads`;

/** The absolute public address of a form: `https://crm.example.com/api/v1/forms/lf_…/leads`. */
export function publicAddress(key: string, origin: string): string {
  return `${origin.replace(/\/+$/, '')}${API_BASE}${submissionPath(key)}`;
}

/** How a form's leads are handed out, in a few words: "Territory's reps in turn", "Always Mona Manager". */
export function assignmentLabel(form: Pick<LeadForm, 'assignment'>, ownerName: string): string {
  return form.assignment === 'territory' ? "Territory's reps in turn" : `Always ${ownerName}`;
}

/** The same, as a sentence for the form's page. */
export function assignmentSentence(form: Pick<LeadForm, 'assignment'>, ownerName: string): string {
  return form.assignment === 'territory'
    ? `Each lead goes to the active rep of its territory (from the region or country the visitor gives) who was given a lead least recently; a lead no rep takes goes to ${ownerName}.`
    : `Every lead goes to ${ownerName}.`;
}

/** "12 inquiries", "1 inquiry", "No inquiries yet". */
export function inquiriesCount(submissions: number): string {
  if (submissions === 0) return 'No inquiries yet';
  return `${count(submissions)} ${submissions === 1 ? 'inquiry' : 'inquiries'}`;
}

/** "last inquiry 2 days ago", or null before the first. */
export function lastInquiry(lastSubmissionAt: string | null): string | null {
  return lastSubmissionAt ? `last inquiry ${relative(lastSubmissionAt)}` : null;
}

/** Text for an HTML attribute's value (between double quotes) or a text node. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A plain HTML form a website pastes where it wants inquiries: name, e-mail, company and message, and the
 * hidden honeypot (people never see or fill it, spam robots do: the server then makes nothing). The name
 * must be two words at least (the server needs a first and a last name), which the browser checks before
 * sending, so a visitor is never shown the API's refusal.
 */
export function htmlSnippet(address: string): string {
  return `<form action="${escapeHtml(address)}" method="post">
  <p>
    <label for="meridian-name">Your name</label><br>
    <input id="meridian-name" name="name" autocomplete="name" required
           pattern=".*\\S\\s+\\S.*" title="Your first and last name">
  </p>
  <p>
    <label for="meridian-email">E-mail</label><br>
    <input id="meridian-email" name="email" type="email" autocomplete="email" required>
  </p>
  <p>
    <label for="meridian-company">Company</label><br>
    <input id="meridian-company" name="company" autocomplete="organization">
  </p>
  <p>
    <label for="meridian-message">How can we help?</label><br>
    <textarea id="meridian-message" name="message" rows="5"></textarea>
  </p>
  <!-- Leave this field hidden and empty: only spam robots fill it in. -->
  <input name="${HONEYPOT_FIELD}" type="text" value="" style="display:none" tabindex="-1" autocomplete="off" aria-hidden="true">
  <button type="submit">Send</button>
</form>`;
}

/** The sample inquiry of the developers' example. */
const exampleInquiry = {
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  company: 'Analytical Engines Ltd',
  country: 'GB',
  message: 'Please send us a quote for 20 units.',
};

/** A curl call posting one inquiry as JSON, for a developer wiring a site's own form or a backend. */
export function curlExample(address: string): string {
  return `curl -X POST '${address}' \\
  -H 'content-type: application/json' \\
  -d '${JSON.stringify(exampleInquiry)}'`;
}

/**
 * The inquiry "Send a test inquiry" posts: plainly a test, with an address that reaches no one, and the
 * time it was sent so several tests are told apart.
 */
export function testInquiry(formName: string, now = new Date()) {
  const stamp = now.getTime().toString(36);
  return {
    firstName: 'Test',
    lastName: 'Inquiry',
    email: `test-inquiry+${stamp}@example.com`,
    company: 'Test company (sample)',
    message: `A test inquiry sent from Meridian to check the lead form “${formName}” (${now.toISOString()}). It is not a real person: delete this lead once you have seen it.`,
  };
}

/** The leads of the form's source, newest first: where a test inquiry (and every other) shows up. */
export function leadsPath(form: Pick<LeadForm, 'source'>): string {
  return `/leads?${new URLSearchParams({ source: form.source, sort: '-createdAt' })}`;
}
