import dayjs from 'dayjs';
import { type Api, apiAs, isoDate, unique } from './api.js';
import { e2eOrigin } from './constants.js';
import { expect, expectAccessible, signIn, test } from './helpers.js';

const password = 'the password of the field team';
/** Three customers east of Lyon along one road, about 7.8 km apart. */
const east = (steps: number) => ({ lat: 45.75, lng: 4.85 + steps * 0.1 });

/** A new rep and a way to plan them a visit of 45 minutes on `day` to a new customer along the road. */
async function fieldRep(api: Api, firstName: string, day: string) {
  const tag = unique();
  const rep = await api.post('/users', {
    name: `${firstName} ${tag}`,
    email: `${firstName.toLowerCase()}-${tag}@example.com`,
    password,
    role: 'rep',
  });
  const asRep = await apiAs(e2eOrigin, rep.email, password);
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
  return { rep, asRep, visitAt };
}

test('a rep plans the day from where they are, sees the drive it saves, and reschedules the visits to it', async ({
  page,
  context,
  api,
}) => {
  const day = isoDate(14);
  const { rep, asRep, visitAt } = await fieldRep(api, 'Rita', day);
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

test('a visit marked as an appointment keeps its time: the route goes there first and waits for it', async ({
  page,
  context,
  api,
}) => {
  const day = isoDate(15);
  const { rep, asRep, visitAt } = await fieldRep(api, 'Ravi', day);
  await visitAt('Near Farm', 1, '10:00');
  await visitAt('Middle Co-op', 2, '11:00');
  const far = await visitAt('Far Dealer', 3, '08:45');

  await context.grantPermissions(['geolocation']);
  await context.setGeolocation({ latitude: 45.75, longitude: 4.85 });
  await signIn(page, rep.email, password, `/activities?view=week&week=${day}`);

  // The far dealer agreed to 08:45: the rep marks the visit as an appointment.
  await page.getByTestId('week-entry').filter({ hasText: far.subject }).click();
  const edit = page.getByRole('dialog', { name: `Edit visit · ${far.subject}` });
  await edit.getByRole('checkbox', { name: 'Time agreed with the customer' }).check();
  await edit.getByRole('button', { name: 'Save activity' }).click();
  await expect(edit).toBeHidden();
  await expect.poll(async () => (await asRep.get(`/activities/${far.id}`)).fixedTime).toBe(true);

  await page.getByRole('button', { name: `Plan the route of ${dayjs(day).format('dddd D MMMM')}` }).click();
  const dialog = page.getByRole('dialog', { name: /^Route ·/ });
  await dialog.getByText('Where I am').click();
  await dialog.getByRole('textbox', { name: 'Leave at' }).fill('08:00');
  // Out along the road, the dealer would be reached after 10:00; so the day starts there, and waits.
  const stops = dialog.getByRole('list', { name: 'Stops in route order' }).getByRole('listitem');
  await expect(stops).toHaveText([/Far Dealer visit/, /Middle Co-op visit/, /Near Farm visit/]);
  await expect(stops.first()).toContainText('08:45–09:30');
  await expect(stops.first()).toContainText('agreed 08:45');
  await expect(stops.first()).toContainText(/there at 08:\d\d, \d+ min early/);
  await expectAccessible(page);

  await dialog.getByRole('button', { name: 'Reschedule visits to this route' }).click();
  await expect(page.getByText('2 visits rescheduled to the route; 1 appointment keeps its time')).toBeVisible();
  expect((await asRep.get(`/activities/${far.id}`)).scheduledAt).toBe(far.scheduledAt);
});

test('an account due for a visit near the route is suggested, and "Add to this day" puts it on the route', async ({
  page,
  api,
}) => {
  const day = isoDate(16);
  const { rep, asRep, visitAt } = await fieldRep(api, 'Rosa', day);
  await visitAt('Near Farm', 1, '09:00');
  await visitAt('Middle Co-op', 2, '11:00');
  // Due every 30 days and never visited, 2.2 km north of the road halfway between the two: about 1.2 km more.
  const garage = await asRep.post('/accounts', {
    name: `Roadside Garage ${unique()}`,
    location: { lat: 45.77, lng: 5 },
    visitEveryDays: 30,
  });

  await signIn(page, rep.email, password, `/activities?view=week&week=${day}`);
  await page.getByRole('button', { name: `Plan the route of ${dayjs(day).format('dddd D MMMM')}` }).click();
  const dialog = page.getByRole('dialog', { name: /^Route ·/ });
  const dueNearby = dialog.getByRole('region', { name: 'Due for a visit nearby' });
  const suggestion = dueNearby.getByRole('listitem');
  await expect(suggestion).toHaveCount(1);
  await expect(suggestion).toContainText(garage.name);
  await expect(suggestion).toContainText('+1.2 km');
  await expect(suggestion).toContainText('Never visited · every 30 days');
  await expect(suggestion.getByRole('link', { name: garage.name })).toHaveAttribute('href', `/accounts/${garage.id}`);
  await expectAccessible(page);

  await suggestion.getByRole('button', { name: `Add to this day: ${garage.name}` }).click();
  await expect(page.getByText(`Visit to ${garage.name} added to the day at`)).toBeVisible();
  // Planned again: the garage is the stop between the two it lies between (either way round), no longer suggested.
  const stops = dialog.getByRole('list', { name: 'Stops in route order' }).getByRole('listitem');
  await expect(stops).toHaveCount(3);
  await expect(stops.nth(1)).toContainText(`Visit ${garage.name}`);
  await expect(dueNearby).toHaveCount(0);

  const planned = await asRep.get(`/activities?accountId=${garage.id}&type=visit&status=planned`);
  expect(planned.data).toHaveLength(1);
  expect(planned.data[0].subject).toBe(`Visit ${garage.name}`);
  expect(dayjs(planned.data[0].scheduledAt).format('YYYY-MM-DD')).toBe(day);
});
