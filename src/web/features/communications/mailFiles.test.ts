import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../shared/contracts/timeline.js';
import {
  attachedSummary,
  attachProblem,
  fileSources,
  filesByEmail,
  MAX_MAIL_BYTES,
  outboundEmailIds,
  withoutRepeats,
} from './mailFiles.js';

const MB = 1024 * 1024;
const sized = (...sizes: number[]) => sizes.map((size) => ({ size }));

describe('fileSources', () => {
  it('lists the record written from first, then its account', () => {
    expect(fileSources({ contactId: 'c1', accountId: 'a1' })).toEqual([
      { link: { contactId: 'c1' }, label: 'Files on this contact' },
      { link: { accountId: 'a1' }, label: 'Files on the account' },
    ]);
    expect(fileSources({ opportunityId: 'o1', accountId: null })).toEqual([
      { link: { opportunityId: 'o1' }, label: 'Files on this deal' },
    ]);
  });

  it('names an account written from as this one', () => {
    expect(fileSources({ accountId: 'a1' })).toEqual([{ link: { accountId: 'a1' }, label: 'Files on this account' }]);
    expect(fileSources({})).toEqual([]);
  });
});

describe('attachProblem', () => {
  it('lets files in up to ten and 20 MB in all', () => {
    expect(attachProblem(sized(1, 2, 3), sized(4))).toBeUndefined();
    expect(attachProblem(sized(...Array(9).fill(10)), sized(10))).toBeUndefined();
    expect(attachProblem(sized(MAX_MAIL_BYTES - 1), sized(1))).toBeUndefined();
  });

  it('says why an eleventh file is refused', () => {
    expect(attachProblem(sized(...Array(10).fill(10)), sized(10))).toBe(
      'An e-mail carries at most 10 files. Remove one first, or share a link instead.',
    );
  });

  it('says how large the files would be beyond 20 MB', () => {
    expect(attachProblem(sized(15 * MB), sized(6 * MB))).toBe(
      'That would be 21 MB: an e-mail carries at most 20 MB of files. Remove a large one, or share a link instead.',
    );
  });
});

describe('attachedSummary', () => {
  it('counts the files and their size against the limit', () => {
    expect(attachedSummary(sized(1536))).toBe('1 file · 1.5 KB of 20 MB');
    expect(attachedSummary(sized(MB, 512 * 1024))).toBe('2 files · 1.5 MB of 20 MB');
  });
});

describe('withoutRepeats', () => {
  it('keeps a file only in the first list that has it', () => {
    const a = { id: 'a' };
    const b = { id: 'b' };
    const c = { id: 'c' };
    expect(withoutRepeats([[a, b], [b, c], [a]])).toEqual([[a, b], [c], []]);
  });
});

describe('outboundEmailIds', () => {
  const entry = (id: string, subtype: string, status: string | null, kind = 'communication'): TimelineEntry =>
    ({ id, kind, subtype, status }) as TimelineEntry;

  it('keeps e-mails that went or go out, not texts, calls, received mail or files', () => {
    expect(
      outboundEmailIds([
        entry('sent', 'email', 'sent'),
        entry('queued', 'email', 'queued'),
        entry('failed', 'email', 'failed'),
        entry('inbound', 'email', 'received'),
        entry('text', 'sms', 'sent'),
        entry('call', 'call', 'sent'),
        entry('file', 'email', null, 'file'),
      ]),
    ).toEqual(['sent', 'queued', 'failed']);
  });
});

describe('filesByEmail', () => {
  it('groups files by their e-mail, in the order listed', () => {
    const files = [
      { id: '1', communicationId: 'm1' },
      { id: '2', communicationId: 'm2' },
      { id: '3', communicationId: 'm1' },
      { id: '4', communicationId: null },
    ];
    const grouped = filesByEmail(files);
    expect(grouped.get('m1')?.map((file) => file.id)).toEqual(['1', '3']);
    expect(grouped.get('m2')?.map((file) => file.id)).toEqual(['2']);
    expect(grouped.size).toBe(2);
  });
});
