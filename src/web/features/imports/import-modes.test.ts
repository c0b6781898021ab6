import { describe, expect, it } from 'vitest';
import { neededLine, outcomeCounts, previewOutcome, problemText, progressCounts } from './import-modes.js';

describe('previewOutcome', () => {
  it('says what the rows of an upsert will do', () => {
    expect(previewOutcome({ resource: 'accounts', rows: 17, validRows: 15, updateRows: 12 }, 'upsert')).toBe(
      '12 will update accounts, 3 will add new ones, 2 have problems',
    );
    expect(previewOutcome({ resource: 'leads', rows: 2, validRows: 2, updateRows: 1 }, 'upsert')).toBe(
      '1 will update a lead, 1 will add a new one',
    );
  });

  it('says a plain import adds records, and an update updates them', () => {
    expect(previewOutcome({ resource: 'accounts', rows: 3, validRows: 2, updateRows: 0 }, 'create')).toBe(
      '2 will add new accounts, 1 has problems',
    );
    expect(previewOutcome({ resource: 'contacts', rows: 1, validRows: 1, updateRows: 0 }, 'create')).toBe(
      '1 will add a new contact',
    );
    expect(previewOutcome({ resource: 'contacts', rows: 1_200, validRows: 1_200, updateRows: 1_200 }, 'update')).toBe(
      '1,200 will update contacts',
    );
    expect(previewOutcome({ resource: 'accounts', rows: 3, validRows: 0, updateRows: 0 }, 'update')).toBe(
      '3 have problems',
    );
  });
});

describe('outcomeCounts', () => {
  it('keeps the counts of a plain import as they were', () => {
    expect(outcomeCounts({ resource: 'accounts', mode: 'create', createdRows: 2, updatedRows: 0, failedRows: 1 })).toBe(
      'Created: 2 accounts. Not imported: 1 row.',
    );
  });

  it('says what an update and an upsert changed', () => {
    expect(outcomeCounts({ resource: 'leads', mode: 'update', createdRows: 0, updatedRows: 1, failedRows: 0 })).toBe(
      'Updated: 1 lead. Not imported: 0 rows.',
    );
    expect(
      outcomeCounts({ resource: 'contacts', mode: 'upsert', createdRows: 3, updatedRows: 12, failedRows: 2 }),
    ).toBe('Updated: 12 contacts. Created: 3 contacts. Not imported: 2 rows.');
  });
});

describe('progressCounts', () => {
  it('says how far each kind of row got', () => {
    expect(progressCounts({ mode: 'upsert', createdRows: 8, updatedRows: 40, failedRows: 2 })).toBe(
      '40 updated, 8 created, 2 not imported',
    );
    expect(progressCounts({ mode: 'create', createdRows: 5, updatedRows: 0, failedRows: 0 })).toBe('5 created');
  });
});

describe('neededLine', () => {
  it('names what a row needs in each mode', () => {
    expect(neededLine('contacts', 'create')).toBe('Each row needs: First name, Last name, Account (name).');
    expect(neededLine('accounts', 'update')).toBe(
      'Each row needs: Meridian ID. Only the cells a row fills are changed.',
    );
    expect(neededLine('accounts', 'upsert')).toBe('Rows with a Meridian ID need nothing else; the others need: Name.');
  });
});

describe('problemText', () => {
  it('says what an ID that names no record means', () => {
    expect(problemText('accounts', { row: 4, field: 'id', message: 'account not found' })).toBe(
      'Account not found: no account you can see has this ID (it may have been deleted or merged).',
    );
  });

  it('makes other problems a sentence', () => {
    expect(problemText('accounts', { row: 3, field: 'email', message: 'invalid e-mail' })).toBe('Invalid e-mail.');
    expect(problemText('accounts', { row: 5, field: 'id', message: '“x” is not a Meridian ID' })).toBe(
      '“x” is not a Meridian ID.',
    );
  });
});
