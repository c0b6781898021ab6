import { open, shot, BASE } from './lib.mjs';
const { browser, page, problems } = await open('admin@example.com');
await page.goto(BASE + '/users'); await page.waitForLoadState('networkidle');
await page.getByRole('button', { name: 'New user' }).click(); await page.waitForTimeout(800);
const dlg = page.getByRole('dialog');
console.log('form:', (await dlg.innerText()).replace(/\n/g,' | '));
await dlg.getByRole('textbox', { name: /Name/ }).first().fill('Test Dup');
await dlg.getByRole('textbox', { name: /E-mail/ }).fill('rob.miller@example.com');
const pw = dlg.getByLabel(/First password/).first(); console.log('pw count', await pw.count()); if (await pw.count()) await pw.fill('short');
await dlg.getByRole('button', { name: /Create|Save|Add/ }).last().click(); await page.waitForTimeout(1500);
await shot(page, 'users-new-errors');
console.log('after submit:', (await dlg.innerText().catch(()=>'closed')).replace(/\n/g,' | '));
if (await pw.count()) { await pw.fill('a-much-longer-password-123'); await dlg.getByRole('button', { name: /Create|Save|Add/ }).last().click(); await page.waitForTimeout(1500); }
await shot(page, 'users-new-dup');
console.log('after dup:', (await dlg.innerText().catch(()=>'closed')).replace(/\n/g,' | '));
console.log('toasts:', await page.locator('.mantine-Notification-root').allInnerTexts());
console.log(problems.filter(x=>!x.includes('ABORTED')).join('\n'));
await browser.close();
