import { describe, expect, it } from 'vitest';
import { templateFields } from '../../../shared/contracts/email-templates.js';
import {
  fieldGroups,
  fieldLabel,
  fieldPhrase,
  groupTemplates,
  insertAt,
  missingNotice,
  renderInputOf,
  unknownFieldProblem,
  wouldReplaceWriting,
} from './fields.js';

describe('fieldLabel and fieldPhrase', () => {
  it('say whose field it is in words', () => {
    expect(fieldLabel('contact.firstName')).toBe("Contact's first name");
    expect(fieldLabel('contact.name')).toBe("Contact's full name");
    expect(fieldLabel('contact.title')).toBe("Contact's job title");
    expect(fieldLabel('account.name')).toBe("Account's name");
    expect(fieldLabel('opportunity.closeDate')).toBe("Deal's close date");
    expect(fieldLabel('me.email')).toBe('Your e-mail');
    expect(fieldLabel('today')).toBe("Today's date");
    expect(fieldPhrase('lead.company')).toBe("the lead's company");
    expect(fieldPhrase('me.name')).toBe('your name');
    expect(fieldPhrase('today')).toBe("today's date");
  });

  it('label every field of the contract without leaving a raw name', () => {
    for (const field of templateFields) expect(fieldLabel(field)).not.toMatch(/[.{}]|[a-z][A-Z]/);
  });

  it('split a field this version does not know at its capitals', () => {
    expect(fieldLabel('account.postalCode')).toBe("Account's postal code");
    expect(fieldPhrase('weather')).toBe('weather');
  });
});

describe('missingNotice', () => {
  it('lists the fields to fill in by hand, or says nothing', () => {
    expect(missingNotice([])).toBeNull();
    expect(missingNotice(['lead.company'])).toBe("Fill in by hand: the lead's company.");
    expect(missingNotice(['lead.company', 'contact.title', 'opportunity.amount'])).toBe(
      "Fill in by hand: the lead's company, the contact's job title and the deal's amount.",
    );
  });
});

describe('fieldGroups', () => {
  it('groups every field by whose it is, in the contract order', () => {
    const groups = fieldGroups();
    expect(groups.map((group) => group.label)).toEqual([
      'Contact',
      'Account',
      'Lead',
      'Deal',
      'You (the sender)',
      'Other',
    ]);
    expect(groups.flatMap((group) => group.fields.map((entry) => entry.field))).toEqual([...templateFields]);
    expect(groups[0]?.fields[0]).toEqual({ field: 'contact.firstName', label: "Contact's first name" });
  });
});

describe('unknownFieldProblem', () => {
  it('names the first field Meridian cannot fill, as the server would refuse it', () => {
    expect(unknownFieldProblem('Hi {{contact.firstName}} of {{ account.name }}, {{today}}')).toBeNull();
    expect(unknownFieldProblem('Hi {{contact.fristName}} and {{nope}}')).toBe(
      '{{contact.fristName}} is not a field: pick one from "Insert field"',
    );
    // Not a placeholder at all: the server leaves it as written too.
    expect(unknownFieldProblem('Price {{ 10 }} and {single}')).toBeNull();
  });
});

describe('insertAt', () => {
  it('puts the text at the cursor, or over the selection, and moves the cursor after it', () => {
    expect(insertAt('Dear ,', '{{contact.firstName}}', 5)).toEqual({
      text: 'Dear {{contact.firstName}},',
      cursor: 26,
    });
    expect(insertAt('Hello NAME!', '{{lead.name}}', 6, 10)).toEqual({ text: 'Hello {{lead.name}}!', cursor: 19 });
  });

  it('appends when there is no cursor, and keeps positions inside the text', () => {
    expect(insertAt('Hi ', '{{today}}', null)).toEqual({ text: 'Hi {{today}}', cursor: 12 });
    expect(insertAt('Hi', 'X', 99)).toEqual({ text: 'HiX', cursor: 3 });
    expect(insertAt('Hi', 'X', -3)).toEqual({ text: 'XHi', cursor: 1 });
    expect(insertAt('Hi', 'X', 2, 0)).toEqual({ text: 'HiX', cursor: 3 });
  });
});

describe('renderInputOf', () => {
  it('sends the page’s links, and the person written to when the page is not theirs', () => {
    expect(renderInputOf({ contactId: 'c1', accountId: 'a1' })).toEqual({ contactId: 'c1', accountId: 'a1' });
    expect(renderInputOf({ accountId: 'a1' }, 'c9')).toEqual({ accountId: 'a1', contactId: 'c9' });
    expect(renderInputOf({ contactId: 'c1' }, 'c9')).toEqual({ contactId: 'c1' });
    expect(renderInputOf({ opportunityId: 'o1', leadId: null, accountId: null })).toEqual({ opportunityId: 'o1' });
    expect(renderInputOf({}, null)).toEqual({});
  });
});

describe('wouldReplaceWriting', () => {
  it('asks only when something typed would be lost', () => {
    expect(wouldReplaceWriting({ subject: '', body: '  ' }, null)).toBe(false);
    expect(wouldReplaceWriting({ subject: 'Hello', body: '' }, null)).toBe(true);
    expect(wouldReplaceWriting({ subject: '', body: 'Dear Ana' }, null)).toBe(true);
    const filled = { subject: 'Prices for Acme', body: 'Dear Ana' };
    expect(wouldReplaceWriting(filled, filled)).toBe(false);
    expect(wouldReplaceWriting({ ...filled, body: 'Dear Ana, as promised' }, filled)).toBe(true);
  });
});

describe('groupTemplates', () => {
  it('offers one’s own first, then shared, then the team’s, by name', () => {
    const groups = groupTemplates(
      [
        { id: '1', name: 'Visit follow-up', shared: false, ownerId: 'me' },
        { id: '2', name: 'Price list', shared: true, ownerId: 'boss' },
        { id: '3', name: 'Agenda', shared: true, ownerId: 'me' },
        { id: '4', name: 'Rep intro', shared: false, ownerId: 'rep' },
        { id: '5', name: 'Company-wide', shared: true, ownerId: null },
      ],
      'me',
    );
    expect(groups).toEqual([
      {
        group: 'Your templates',
        items: [
          { value: '3', label: 'Agenda' },
          { value: '1', label: 'Visit follow-up' },
        ],
      },
      {
        group: 'Shared',
        items: [
          { value: '5', label: 'Company-wide' },
          { value: '2', label: 'Price list' },
        ],
      },
      { group: "Your team's", items: [{ value: '4', label: 'Rep intro' }] },
    ]);
    expect(groupTemplates([], 'me')).toEqual([]);
  });
});
