import { describe, expect, it, vi } from 'vitest';
import type { Activity } from '../../../shared/contracts/activities.js';
import type { Task } from '../../../shared/contracts/tasks.js';

// The API client keeps its session in the browser's storage from the moment it loads: a bare one here.
vi.stubGlobal('window', { addEventListener: () => undefined, localStorage: { getItem: () => null } });
const { isOverdue, nextStepsByDeal } = await import('./next-steps.js');

const activity = (fields: Partial<Activity>) =>
  ({
    type: 'call',
    status: 'planned',
    subject: 'Call',
    opportunityId: 'deal',
    scheduledAt: null,
    ...fields,
  }) as Activity;
const task = (fields: Partial<Task>) =>
  ({ type: 'follow_up', status: 'open', title: 'Task', opportunityId: 'deal', dueAt: null, ...fields }) as Task;

describe('nextStepsByDeal', () => {
  it('takes the open task due first when it comes before every planned activity', () => {
    const steps = nextStepsByDeal(
      [activity({ subject: 'Demo', scheduledAt: '2026-12-10T10:00:00Z' })],
      [task({ title: 'Send the quote', dueAt: '2026-12-01T09:00:00Z' })],
    );
    expect(steps.get('deal')).toEqual({
      kind: 'task',
      type: 'follow_up',
      subject: 'Send the quote',
      at: '2026-12-01T09:00:00Z',
    });
  });

  it('never takes a note, an undated activity or a done task for a next step', () => {
    const steps = nextStepsByDeal(
      [
        activity({ type: 'note', subject: 'Call notes', scheduledAt: '2026-12-02T10:00:00Z' }),
        activity({ subject: 'Someday' }),
        activity({ status: 'completed', subject: 'Done call', scheduledAt: '2026-12-01T10:00:00Z' }),
        activity({ type: 'visit', subject: 'Site visit', scheduledAt: '2026-12-20T10:00:00Z' }),
      ],
      [task({ status: 'completed', title: 'Done task', dueAt: '2026-11-01T10:00:00Z' })],
    );
    expect(steps.get('deal')?.subject).toBe('Site visit');
  });

  it('takes a task without a due date only when nothing dated is planned, and keeps deals apart', () => {
    const steps = nextStepsByDeal(
      [activity({ opportunityId: 'other', subject: 'Other deal', scheduledAt: '2026-12-05T10:00:00Z' })],
      [task({ title: 'Undated' }), task({ opportunityId: 'other', title: 'Also undated' })],
    );
    expect(steps.get('deal')).toMatchObject({ kind: 'task', subject: 'Undated', at: null });
    expect(steps.get('other')?.subject).toBe('Other deal');
  });

  it('calls a step overdue once its time has passed, never one without a time', () => {
    const now = Date.parse('2026-12-06T12:00:00Z');
    expect(isOverdue({ kind: 'task', type: 'general', subject: '', at: '2026-12-06T11:59:00Z' }, now)).toBe(true);
    expect(isOverdue({ kind: 'task', type: 'general', subject: '', at: '2026-12-06T12:01:00Z' }, now)).toBe(false);
    expect(isOverdue({ kind: 'task', type: 'general', subject: '', at: null }, now)).toBe(false);
  });
});
