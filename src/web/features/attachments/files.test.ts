import { describe, expect, it, vi } from 'vitest';

// The API client keeps its session in the browser's storage from the moment it loads: a bare one here.
vi.stubGlobal('window', { addEventListener: () => undefined, localStorage: { getItem: () => null } });

const { ApiError, NetworkError } = await import('../../api/client.js');
const { fileKind, fileSize, limitOf, linkQuery, uploadFailure, worthRetrying } = await import('./files.js');

describe('fileSize', () => {
  it('writes bytes in binary units, a tenth kept under ten', () => {
    expect(fileSize(0)).toBe('0 bytes');
    expect(fileSize(1)).toBe('1 byte');
    expect(fileSize(1023)).toBe('1023 bytes');
    expect(fileSize(1024)).toBe('1 KB');
    expect(fileSize(1536)).toBe('1.5 KB');
    expect(fileSize(348_160)).toBe('340 KB');
    expect(fileSize(1_258_291)).toBe('1.2 MB');
    expect(fileSize(26_214_400)).toBe('25 MB');
    expect(fileSize(3 * 1024 ** 3)).toBe('3 GB');
  });

  it('never writes "1024 KB": a size that rounds up to the next unit is written in it', () => {
    expect(fileSize(1024 * 1024 - 1)).toBe('1 MB');
  });
});

describe('fileKind', () => {
  it('reads the media type first, then the extension', () => {
    expect(fileKind('image/jpeg', 'IMG_0042.JPG')).toBe('image');
    expect(fileKind('application/pdf', 'agreement.pdf')).toBe('pdf');
    expect(fileKind('text/csv', 'prices.csv')).toBe('sheet');
    expect(fileKind('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'prices.xlsx')).toBe('sheet');
    expect(fileKind('application/msword', 'offer.doc')).toBe('document');
    expect(fileKind('application/octet-stream', 'deck.pptx')).toBe('slides');
    expect(fileKind('application/octet-stream', 'backup.7z')).toBe('archive');
    expect(fileKind('text/plain', 'notes')).toBe('text');
    expect(fileKind('application/octet-stream', 'firmware.bin')).toBe('other');
  });
});

describe('uploadFailure', () => {
  const tooLarge = new ApiError(413, {
    code: 'payload_too_large',
    detail: 'the file is larger than 25 MB, the most this server keeps',
  });

  it('names the file and the limit the server states', () => {
    expect(limitOf(tooLarge.detail)).toBe('25 MB');
    expect(uploadFailure('scan.pdf', tooLarge)).toMatch(/^scan\.pdf is larger than the 25 MB limit\./);
  });

  it("says any other problem in the server's words, as a sentence", () => {
    const invalid = new ApiError(400, { code: 'invalid_request', detail: 'the linked activity does not exist' });
    expect(uploadFailure('a.txt', invalid)).toBe('The linked activity does not exist.');
    expect(uploadFailure('a.txt', new NetworkError())).toMatch(/cannot be reached/);
  });

  it('offers to send again only what may work the second time', () => {
    expect(worthRetrying(tooLarge)).toBe(false);
    expect(worthRetrying(new ApiError(503, undefined))).toBe(true);
    expect(worthRetrying(new NetworkError())).toBe(true);
  });
});

describe('linkQuery', () => {
  it('writes the links as filters in a fixed order', () => {
    expect(linkQuery({ contactId: 'c', accountId: 'a' })).toBe('accountId=a&contactId=c');
    expect(linkQuery({ activityId: 'v' })).toBe('activityId=v');
  });
});
