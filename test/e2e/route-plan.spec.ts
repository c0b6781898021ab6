import dayjs from 'dayjs';
import { apiAs, isoDate, unique } from './api.js';
import { e2eOrigin } from './constants.js';
import { expect, expectAccessible, signIn, test } from './helpers.js';

const password = 'the password of the field team';
/** Three customers east of Lyon along one road, about 7.8 km apart. */
const east = (steps: number) => ({ lat: 45.75, lng: 4.85 + steps * 0.1 });

test('a rep plans the day from where they are, sees the drive it saves, and reschedules the visits to it', async ({
  page,
  context,
  api,
}) => {
  const tag = unique();
  const rep = await api.post('/users', {
    name: `Rita ${tag}`,
    email: `rita-${tag}@example.com`,
    password,
    role: 'rep',
  });
  const asRep = await apiAs(e2eOrigin, rep.email, password);
  const day = isoDate(14);
  const visitAt = async (name: string, steps: number, time: string) => {
    const account = await asRep.post('/accounts', { name: `${name} ${tag}`, location: east(steps) });
    return asRep.post('/activities', {
      type: 'visit',
      subject: `${name} visit`,
      accountId: account.id,
      scheduledAt: dayjs(`${day}T${time}`).toISOString(),
      durationMinutes: 45,
    });
  };
  // Planned in a zigzag: far, near, middle.
  const far = await visitAt('Far Dealer', 3, '09:00');
  const near = await visitAt('Near Farm', 1, '11:00');
  const middle = await visitAt('Middle Co-op', 2, '14:00');

  await context.grantPermissions(['geolocation']);
  await context.setGeolocation({ latitude: 45.75, longitude: 4.85 });
  await signIn(page, rep.email, password, `/activities?view=week&week=${day}`);
  await page.getByRole('button', { name: `Plan the route of ${dayjs(day).format('dddd D MMMM')}` }).click();
  const dialog = page.getByRole('dialog', { name: /^Route ·/ });
  await expect(dialog.getByRole('status', { name: 'Route summary' })).toContainText('3 visits');

  // From where the rep is (the office, west of all three), the road is driven outwards.
  await dialog.getByText('Where I am').click();
  const stops = dialog.getByRole('list', { name: 'Stops in route order' }).getByRole('listitem');
  await expect(stops).toHaveText([/Near Farm visit/, /Middle Co-op visit/, /Far Dealer visit/]);
  await expect(dialog.getByRole('status', { name: 'Route summary' })).toContainText('saves');
  await expect(dialog.getByText('Drive times are estimated from straight-line distances.')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Leave at' }).fill('08:00');
  await expect(stops.first()).toContainText(/08:1\d–/);
  await expectAccessible(page);

  await dialog.getByRole('button', { name: 'Reschedule visits to this route' }).click();
  await expect(page.getByText('3 visits rescheduled to the route')).toBeVisible();
  await expect(dialog).toHaveCount(0);

  const times = await Promise.all(
    [near, middle, far].map(async (visit) => Date.parse((await asRep.get(`/activities/${visit.id}`)).scheduledAt)),
  );
  expect(times[0]).toBeLessThan(times[1] as number);
  expect(times[1]).toBeLessThan(times[2] as number);
  expect(new Date(times[0] as number).getTime()).toBeGreaterThan(dayjs(`${day}T08:00`).valueOf());
});
