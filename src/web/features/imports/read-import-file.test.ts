import { describe, expect, it } from 'vitest';
import { fileSize, readImportFile } from './read-import-file.js';

describe('readImportFile', () => {
  it('reads a UTF-8 file as it is', async () => {
    const read = await readImportFile(new File(['Name,City\nMüller AG,Zürich\n'], 'accounts.csv'));
    expect(read).toMatchObject({ file: { name: 'accounts.csv', text: 'Name,City\nMüller AG,Zürich\n' } });
  });

  it('reads a file Excel saved in Windows-1252 in that encoding', async () => {
    // One byte per character: ü is 0xFC, which is no UTF-8 on its own.
    const latin = Uint8Array.from('Name\nM\xfcller', (character) => character.charCodeAt(0));
    const read = await readImportFile(new File([latin], 'accounts.csv'));
    expect(read).toMatchObject({ file: { text: 'Name\nMüller' } });
  });

  it('refuses spreadsheets, empty files and files over 10 MB, saying what to do', async () => {
    expect(await readImportFile(new File(['x'], 'accounts.xlsx'))).toEqual({
      refusal: expect.stringContaining('Save it as CSV first'),
    });
    expect(await readImportFile(new File([], 'accounts.csv'))).toEqual({
      refusal: expect.stringContaining('is empty'),
    });
    expect(await readImportFile(new File([new Uint8Array(12_000_000)], 'accounts.csv'))).toEqual({
      refusal:
        '“accounts.csv” is 12 MB; an import takes files up to 10 MB. Split it into smaller files, each starting with the heading row.',
    });
  });

  it('gives every chosen file its own id, so choosing the same file again checks it again', async () => {
    const file = new File(['Name\nAcme\n'], 'accounts.csv');
    const [first, second] = await Promise.all([readImportFile(file), readImportFile(file)]);
    expect('file' in first && 'file' in second && first.file.id !== second.file.id).toBe(true);
  });
});

describe('fileSize', () => {
  it('writes sizes as people read them', () => {
    expect(fileSize(182)).toBe('182 bytes');
    expect(fileSize(2_400)).toBe('2.4 KB');
    expect(fileSize(10_000_000)).toBe('10 MB');
  });
});
