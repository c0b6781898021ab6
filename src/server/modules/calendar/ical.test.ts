import { describe, expect, it } from 'vitest';
import { calendarDocument, fold, text, utc } from './ical.js';

describe('iCalendar', () => {
  it('escapes text and writes times in UTC', () => {
    expect(text('Visit; bring samples, price list\nand the contract \\ v2')).toBe(
      'Visit\\; bring samples\\, price list\\nand the contract \\\\ v2',
    );
    expect(utc(new Date('2027-03-09T07:30:05.123Z'))).toBe('20270309T073005Z');
  });

  it('folds long lines at 75 octets without splitting a character', () => {
    const line = `DESCRIPTION:${'Überprüfung der Lieferung '.repeat(8)}`;
    const folded = fold(line);
    const pieces = folded.split('\r\n');
    expect(pieces.length).toBeGreaterThan(2);
    for (const [index, piece] of pieces.entries()) {
      expect(new TextEncoder().encode(piece).length).toBeLessThanOrEqual(75);
      if (index > 0) expect(piece.startsWith(' ')).toBe(true);
    }
    expect(pieces.map((piece, index) => (index === 0 ? piece : piece.slice(1))).join('')).toBe(line);
    expect(fold('SUMMARY:short')).toBe('SUMMARY:short');
  });

  it('writes a calendar of events with CRLF line ends', () => {
    const document = calendarDocument({
      name: 'Meridian · Rita',
      now: new Date('2027-03-01T00:00:00Z'),
      events: [
        {
          uid: 'a1@meridian',
          start: new Date('2027-03-09T07:30:00Z'),
          end: new Date('2027-03-09T08:15:00Z'),
          summary: 'Visit: Near Farm',
          description: null,
          location: '1 Rue de la Paix, Lyon',
          url: 'https://crm.example.com/accounts/1',
          status: 'CONFIRMED',
          sequence: 3,
          lastModified: new Date('2027-03-01T00:00:00Z'),
          transparent: false,
        },
      ],
    });
    expect(document.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(document.split('\r\n')).toEqual(
      expect.arrayContaining([
        'BEGIN:VEVENT',
        'UID:a1@meridian',
        'DTSTART:20270309T073000Z',
        'DTEND:20270309T081500Z',
        'SUMMARY:Visit: Near Farm',
        'LOCATION:1 Rue de la Paix\\, Lyon',
        'SEQUENCE:3',
        'X-WR-CALNAME:Meridian · Rita',
      ]),
    );
    expect(document).not.toMatch(/[^\r]\n/);
  });
});
