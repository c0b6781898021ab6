import { seedRepWithContact, unique } from './api.js';
import { e2eOrigin } from './constants.js';
import { expect, expectAccessible, signIn, test } from './helpers.js';

/*
 * E-mail templates: a rep writes one in the user menu's dialog, putting fields in with "Insert field",
 * then starts an e-mail from it on a contact page: the subject and message are filled from the contact
 * and their account (after asking before replacing what the rep had typed), and the e-mail goes out as
 * filled. Checked through the API.
 */

const password = 'tara-password-1234567';

test('a rep writes a template with fields, then an e-mail from it is filled from the contact and sent', async ({
  page,
  api,
}) => {
  const tag = unique();
  const { rep, repApi, contact } = await seedRepWithContact(api, e2eOrigin, { tag, name: 'Tara', password });

  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, rep.email, password, `/contacts/${contact.id}`);
  await page.getByRole('button', { name: /^Account menu of/ }).click();
  await page.getByRole('menuitem', { name: 'E-mail templates' }).click();
  const templates = page.getByRole('dialog', { name: 'E-mail templates' });
  await expect(templates.getByText('No templates yet')).toBeVisible();
  await templates.getByRole('button', { name: 'New template' }).click();

  // Fields go in at the cursor of the box last in focus: the subject, then the message.
  const form = page.getByRole('dialog', { name: 'New e-mail template' });
  await form.getByRole('textbox', { name: 'Name' }).fill('Price list');
  const subject = form.getByRole('textbox', { name: 'Subject' });
  await subject.fill('Prices for ');
  await form.getByRole('button', { name: 'Insert field' }).click();
  await page.getByRole('menuitem', { name: "Account's name", exact: true }).click();
  await expect(subject).toHaveValue('Prices for {{account.name}}');
  const body = form.getByRole('textbox', { name: 'Message' });
  await body.fill('Dear ');
  await form.getByRole('button', { name: 'Insert field' }).click();
  await expect(page.getByText('Into the message, at the cursor')).toBeVisible();
  await page.getByRole('menuitem', { name: "Contact's first name", exact: true }).click();
  await expect(body).toBeFocused();
  await page.keyboard.insertText(', the new prices are attached.');
  await expect(body).toHaveValue('Dear {{contact.firstName}}, the new prices are attached.');
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Create template' }).click();

  const row = templates.getByTestId('email-template').filter({ hasText: 'Price list' });
  await expect(row).toContainText('by you');
  await expect(row).toContainText('Prices for {{account.name}}');
  await expectAccessible(page);
  await templates.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(templates).toBeHidden();

  // On the contact's page, the template replaces what was typed only once the rep says so.
  await page.getByRole('button', { name: 'E-mail', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Write an e-mail · Jo Buyer ${tag}` });
  const emailSubject = dialog.getByRole('textbox', { name: 'Subject' });
  await emailSubject.fill('Quick question');
  await dialog.getByRole('combobox', { name: 'Template' }).click();
  await page.getByRole('option', { name: 'Price list' }).click();
  await expect(dialog.getByText('Replace what you wrote?')).toBeVisible();
  await dialog.getByRole('button', { name: 'Replace', exact: true }).click();
  const filledSubject = `Prices for Dune Traders ${tag}`;
  await expect(emailSubject).toHaveValue(filledSubject);
  await expect(dialog.getByRole('textbox', { name: 'Message' })).toHaveValue('Dear Jo, the new prices are attached.');
  await expect(dialog.getByText(/Fill in by hand/)).toHaveCount(0);

  const created = page.waitForResponse(
    (response) => response.url().endsWith('/api/v1/communications') && response.request().method() === 'POST',
  );
  await dialog.getByRole('button', { name: 'Send e-mail' }).click();
  const email = await (await created).json();
  await expect(dialog).toBeHidden();
  expect(await repApi.get(`/communications/${email.id}`)).toMatchObject({
    channel: 'email',
    to: [contact.email],
    subject: filledSubject,
    body: 'Dear Jo, the new prices are attached.',
    contactId: contact.id,
  });
});
