import dayjs from 'dayjs';
import { describe, expect, it, vi } from 'vitest';
import type { Task } from '../../../shared/contracts/tasks.js';

// The API client keeps its session in the browser's storage from the moment it loads: a bare one here.
vi.stubGlobal('window', { addEventListener: () => undefined, localStorage: { getItem: () => null } });

const { dueOnDay, isPending, leftAsTheyAre, rescheduleToDay, seriesAfterCompleting } = await import(
  './task-selection.js'
);

/** A local time as the browser's time zone reads it, whatever zone the tests run in. */
const local = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm:ss');
const at = (text: string) => dayjs(text).toISOString();

const task = (fields: Partial<Task>) => ({ id: 't', dueAt: null, reminderAt: null, ...fields }) as Task;

describe('dueOnDay', () => {
  it('moves a due time to another day at the same time of day', () => {
    expect(local(dueOnDay(at('2026-03-02T14:30'), '2026-03-10'))).toBe('2026-03-10 14:30:00');
    expect(local(dueOnDay(at('2026-12-31T08:05:30'), '2027-01-04'))).toBe('2027-01-04 08:05:30');
  });

  it('gives a task without a due time 9:00, as the task form does', () => {
    expect(local(dueOnDay(null, '2026-03-10'))).toBe('2026-03-10 09:00:00');
  });

  it('keeps the time of day across the end of a month and a leap day', () => {
    expect(local(dueOnDay(at('2028-01-31T10:00'), '2028-02-29'))).toBe('2028-02-29 10:00:00');
  });

  it('keeps the time on the clock when the clocks change in between (not the same number of hours on)', () => {
    // Spring forward in New York and Europe falls between these days; summer ends in Auckland.
    expect(local(dueOnDay(at('2026-03-07T14:30'), '2026-04-09'))).toBe('2026-04-09 14:30:00');
  });
});

describe('rescheduleToDay', () => {
  it('sends the new due time alone when there is no reminder', () => {
    expect(rescheduleToDay(task({ dueAt: at('2026-03-02T14:30') }), '2026-03-05')).toEqual({
      dueAt: at('2026-03-05T14:30'),
    });
  });

  it('moves the reminder by as much, so it stays as far before', () => {
    const changes = rescheduleToDay(
      task({ dueAt: at('2026-03-02T14:30'), reminderAt: at('2026-03-02T13:30') }),
      '2026-03-09',
    );
    expect(local(changes.dueAt as string)).toBe('2026-03-09 14:30:00');
    expect(local(changes.reminderAt as string)).toBe('2026-03-09 13:30:00');
  });
});

describe('seriesAfterCompleting', () => {
  const weekly = { every: 1, unit: 'week' as const, until: null };
  it('says nothing of one-off tasks', () => {
    expect(seriesAfterCompleting([{ recurrence: null, nextTaskId: null }])).toBe('');
  });

  it('counts the series that go on and those that ended', () => {
    expect(seriesAfterCompleting([{ recurrence: weekly, nextTaskId: 'n1' }])).toBe(
      '1 repeats: its next one is on the list.',
    );
    expect(
      seriesAfterCompleting([
        { recurrence: weekly, nextTaskId: 'n1' },
        { recurrence: weekly, nextTaskId: 'n2' },
        { recurrence: weekly, nextTaskId: null },
        { recurrence: null, nextTaskId: null },
      ]),
    ).toBe('2 repeat: their next ones are on the list. 1 was the last of its series.');
    expect(
      seriesAfterCompleting([
        { recurrence: weekly, nextTaskId: null },
        { recurrence: weekly, nextTaskId: null },
      ]),
    ).toBe('2 were the last of their series.');
  });
});

describe('leftAsTheyAre', () => {
  it('counts the tasks an action for tasks to do leaves alone', () => {
    expect(leftAsTheyAre(0)).toBe('');
    expect(leftAsTheyAre(1)).toBe('1 completed or cancelled task was left as it is.');
    expect(leftAsTheyAre(3)).toBe('3 completed or cancelled tasks were left as they are.');
  });
});

describe('isPending', () => {
  it('is open and in-progress tasks', () => {
    expect(['open', 'in_progress', 'completed', 'cancelled'].map((status) => isPending({ status } as Task))).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});
