import { describe, expect, it } from 'vitest';
import {
  assignmentLabel,
  curlExample,
  htmlSnippet,
  inquiriesCount,
  lastInquiry,
  leadsPath,
  publicAddress,
  testInquiry,
} from './embed.js';

const address = publicAddress('lf_abc123DEF456ghi789', 'https://crm.example.com/');

describe('publicAddress', () => {
  it('is absolute, under the API, named by the key', () => {
    expect(address).toBe('https://crm.example.com/api/v1/forms/lf_abc123DEF456ghi789/leads');
  });
});

describe('assignmentLabel', () => {
  it('says how leads are handed out', () => {
    expect(assignmentLabel({ assignment: 'territory' }, 'Mona')).toBe("Territory's reps in turn");
    expect(assignmentLabel({ assignment: 'owner' }, 'Mona Manager')).toBe('Always Mona Manager');
  });
});

describe('inquiries', () => {
  it('counts them in words', () => {
    expect(inquiriesCount(0)).toBe('No inquiries yet');
    expect(inquiriesCount(1)).toBe('1 inquiry');
    expect(inquiriesCount(1200)).toBe('1,200 inquiries');
  });
  it('says when the last came, relative', () => {
    expect(lastInquiry(null)).toBeNull();
    expect(lastInquiry(new Date(Date.now() - 2 * 86_400_000).toISOString())).toBe('last inquiry 2 days ago');
  });
});

describe('htmlSnippet', () => {
  const snippet = htmlSnippet(address);
  it('posts to the absolute address', () => {
    expect(snippet).toContain(`<form action="${address}" method="post">`);
  });
  it('asks name, e-mail, company and message', () => {
    for (const field of ['name', 'email', 'company', 'message']) expect(snippet).toContain(`name="${field}"`);
  });
  it('hides the honeypot from people and from the keyboard', () => {
    expect(snippet).toMatch(/<input name="_hp"[^>]*style="display:none" tabindex="-1" autocomplete="off"/);
  });
  it('asks the browser for a first and a last name', () => {
    const pattern = /pattern="([^"]+)"/.exec(snippet)?.[1] ?? '';
    const whole = new RegExp(`^(?:${pattern})$`, 'v');
    expect(whole.test('Ada Lovelace')).toBe(true);
    expect(whole.test(' Jean  de la Fontaine ')).toBe(true);
    expect(whole.test('Ada')).toBe(false);
    expect(whole.test('Ada ')).toBe(false);
  });
  it('escapes what it puts in an attribute', () => {
    expect(htmlSnippet('https://x.test/?a="b"&c')).toContain('action="https://x.test/?a=&quot;b&quot;&amp;c"');
  });
});

describe('curlExample', () => {
  it('posts JSON with a name and an e-mail', () => {
    const example = curlExample(address);
    expect(example).toContain(`curl -X POST '${address}'`);
    expect(example).toContain("-H 'content-type: application/json'");
    const body = JSON.parse(/-d '(.+)'$/m.exec(example)?.[1] ?? '{}');
    expect(body).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com' });
  });
});

describe('testInquiry', () => {
  it('is plainly a test, with an address that reaches no one', () => {
    const inquiry = testInquiry('Contact page', new Date('2030-01-02T03:04:05Z'));
    expect(inquiry).toMatchObject({ firstName: 'Test', lastName: 'Inquiry' });
    expect(inquiry.email).toMatch(/^test-inquiry\+\w+@example\.com$/);
    expect(inquiry.message).toContain('“Contact page”');
    expect(inquiry.message).toContain('delete this lead');
  });
  it('leads to the newest leads of the form’s source', () => {
    expect(leadsPath({ source: 'trade_show' })).toBe('/leads?source=trade_show&sort=-createdAt');
  });
});
