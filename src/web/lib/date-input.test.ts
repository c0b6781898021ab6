import { describe, expect, it } from 'vitest';
import { parseDay, parseDayTime } from './date-input.js';

describe('parseDay', () => {
  it('reads the app’s own format and ISO', () => {
    expect(parseDay('6 Dec 2026')).toBe('2026-12-06');
    expect(parseDay(' 06 december 2026 ')).toBe('2026-12-06');
    expect(parseDay('2026-12-06')).toBe('2026-12-06');
  });

  it('refuses days that do not exist and other words', () => {
    expect(parseDay('31 Apr 2026')).toBeNull();
    expect(parseDay('2026-02-30')).toBeNull();
    expect(parseDay('6 Dex 2026')).toBeNull();
    expect(parseDay('12/06/2026')).toBeNull();
    expect(parseDay('')).toBeNull();
  });
});

describe('parseDayTime', () => {
  it('reads a day and a time as a local datetime value', () => {
    expect(parseDayTime('6 Dec 2026, 19:45')).toBe('2026-12-06T19:45');
    expect(parseDayTime('6 Dec 2026 9:05')).toBe('2026-12-06T09:05');
    expect(parseDayTime('2031-05-06T10:30')).toBe('2031-05-06T10:30');
    expect(parseDayTime('2031-05-06 10:30:00')).toBe('2031-05-06T10:30');
  });

  it('needs both parts, each right', () => {
    expect(parseDayTime('6 Dec 2026')).toBeNull();
    expect(parseDayTime('6 Dec 2026, 24:00')).toBeNull();
    expect(parseDayTime('12/06/2026, 01:20 PM')).toBeNull();
  });
});
