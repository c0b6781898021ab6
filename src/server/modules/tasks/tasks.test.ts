import { describe, expect, it } from 'vitest';
import { completionOf, requireReminderBeforeDue, weekOf } from './task-rules.js';

describe('the week of the workload report', () => {
  it('runs from Monday 00:00 UTC to the next Monday', () => {
    const monday = { start: new Date('2026-05-04T00:00:00.000Z'), end: new Date('2026-05-11T00:00:00.000Z') };
    expect(weekOf(new Date('2026-05-04T00:00:00.000Z'))).toEqual(monday);
    expect(weekOf(new Date('2026-05-06T13:45:00.000Z'))).toEqual(monday);
    expect(weekOf(new Date('2026-05-10T23:59:59.999Z'))).toEqual(monday);
    expect(weekOf(new Date('2026-05-11T00:00:00.000Z')).start.toISOString()).toBe('2026-05-11T00:00:00.000Z');
  });

  it('crosses month and year ends', () => {
    expect(weekOf(new Date('2027-01-01T08:00:00.000Z'))).toEqual({
      start: new Date('2026-12-28T00:00:00.000Z'),
      end: new Date('2027-01-04T00:00:00.000Z'),
    });
  });
});

describe('task rules', () => {
  const now = new Date('2026-05-06T10:00:00.000Z');
  const earlier = new Date('2026-05-01T10:00:00.000Z');

  it('sets completedAt on completion, keeps it while completed and clears it otherwise', () => {
    expect(completionOf('completed', null, now)).toEqual({ status: 'completed', completedAt: now });
    expect(completionOf('completed', earlier, now)).toEqual({ status: 'completed', completedAt: earlier });
    expect(completionOf('open', earlier, now)).toEqual({ status: 'open', completedAt: null });
    expect(completionOf('cancelled', earlier, now)).toEqual({ status: 'cancelled', completedAt: null });
  });

  it('allows a reminder up to the due time, not after it', () => {
    expect(() => requireReminderBeforeDue(earlier, now)).not.toThrow();
    expect(() => requireReminderBeforeDue(now, now)).not.toThrow();
    expect(() => requireReminderBeforeDue(now, null)).not.toThrow();
    expect(() => requireReminderBeforeDue(null, now)).not.toThrow();
    expect(() => requireReminderBeforeDue(now, earlier)).toThrow(/must not be after/);
  });
});
