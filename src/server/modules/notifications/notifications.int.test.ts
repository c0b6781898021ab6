import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/helpers/app.js';
import { createNotifications } from './notifications.service.js';

let t: TestApp;
let alice: TestUser;
let bob: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  alice = await t.createUser({ name: 'Alice' });
  bob = await t.createUser({ name: 'Bob' });
  const notify = (userId: string, title: string) =>
    createNotifications(t.deps.database.db, t.deps, [
      { userId, kind: 'task_reminder', title, body: null, entity: null, entityId: null },
    ]);
  // One at a time, so "newest first" has an order to check.
  for (const title of ['first', 'second', 'third']) await notify(alice.id, title);
  await notify(bob.id, 'for bob');
});
afterAll(async () => {
  await t.close();
});

const inbox = async (user: TestUser, query = '') => {
  const response = await t.request({ method: 'GET', url: `/api/v1/notifications${query}`, as: user });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const read = (user: TestUser, id: string) =>
  t.request({ method: 'POST', url: `/api/v1/notifications/${id}/read`, as: user });

describe('notifications', () => {
  it('lists the caller’s own, newest first, page by page, with the unread count', async () => {
    const all = await inbox(alice);
    expect(all.data.map((notification: { title: string }) => notification.title)).toEqual(['third', 'second', 'first']);
    expect(all).toMatchObject({ nextCursor: null, unreadCount: 3 });
    expect(all.data[0]).toMatchObject({ userId: alice.id, kind: 'task_reminder', readAt: null });

    const first = await inbox(alice, '?limit=2');
    expect(first.data).toHaveLength(2);
    const second = await inbox(alice, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.data.map((notification: { title: string }) => notification.title)).toEqual(['first']);
    expect(second.nextCursor).toBeNull();

    expect((await inbox(bob)).data.map((notification: { title: string }) => notification.title)).toEqual(['for bob']);
    expect((await inbox(t.admin)).data).toEqual([]);
    const unknown = await t.request({ method: 'GET', url: '/api/v1/notifications?sort=title', as: alice });
    expect(unknown.statusCode).toBe(400);
  });

  it('lists oldest first on request, with the total when asked', async () => {
    const oldestFirst = await inbox(alice, '?sort=createdAt&limit=2&includeTotal=true');
    expect(oldestFirst.data.map((notification: { title: string }) => notification.title)).toEqual(['first', 'second']);
    expect(oldestFirst.total).toBe(3);
    const rest = await inbox(alice, `?sort=createdAt&limit=2&cursor=${oldestFirst.nextCursor}`);
    expect(rest.data.map((notification: { title: string }) => notification.title)).toEqual(['third']);
    expect(rest.total).toBeUndefined();
  });

  it('marks one read (only your own: others’ are 404), keeping the first read time', async () => {
    const [third] = (await inbox(alice)).data;
    expect((await read(bob, third.id)).statusCode).toBe(404);
    expect((await read(t.admin, third.id)).statusCode).toBe(404);
    expect((await inbox(alice)).unreadCount).toBe(3);

    const marked = await read(alice, third.id);
    expect(marked.statusCode).toBe(200);
    expect(marked.json().readAt).not.toBeNull();
    const again = await read(alice, third.id);
    expect(again.json().readAt).toBe(marked.json().readAt);

    const unread = await inbox(alice, '?unread=true');
    expect(unread.data.map((notification: { title: string }) => notification.title)).toEqual(['second', 'first']);
    expect(unread.unreadCount).toBe(2);
    expect((await inbox(alice, '?unread=false')).data.map((n: { id: string }) => n.id)).toEqual([third.id]);
  });

  it('marks all of the caller’s notifications read, and nobody else’s', async () => {
    const response = await t.request({ method: 'POST', url: '/api/v1/notifications/read-all', as: alice });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ updated: 2 });
    expect((await inbox(alice)).unreadCount).toBe(0);
    expect((await inbox(alice, '?unread=true')).data).toEqual([]);
    expect((await inbox(bob)).unreadCount).toBe(1);
    const none = await t.request({ method: 'POST', url: '/api/v1/notifications/read-all', as: alice });
    expect(none.json()).toEqual({ updated: 0 });
  });
});
