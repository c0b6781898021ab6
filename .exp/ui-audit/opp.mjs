import { open, shot, BASE } from './lib.mjs';
const { browser, page, problems } = await open('rob.miller@example.com');
const url = BASE + '/opportunities/01a24657-5fe4-7510-ab42-fccc34e398f1';
await page.goto(url); await page.waitForLoadState('networkidle');
const pencils = await page.getByRole('button', { name: /^Edit / }).evaluateAll(bs => bs.map(b => b.getAttribute('aria-label')));
console.log('pencils', pencils);
// inline edit amount
await page.getByRole('button', { name: 'Edit amount' }).first().click();
const inp = page.getByRole('textbox', { name: 'Amount' });
console.log('amount input value', await inp.inputValue());
await inp.fill('abc'); await page.keyboard.press('Enter'); await page.waitForTimeout(500);
await shot(page, 'opp-inline-bad');
await inp.fill('215000'); await page.keyboard.press('Enter'); await page.waitForTimeout(1500);
console.log('after save header:', (await page.locator('main').innerText()).slice(0, 200).replace(/\n/g,' | '));
await shot(page, 'opp-inline-saved');
// Log call
await page.getByRole('button', { name: 'Log call' }).click(); await page.waitForTimeout(800);
await shot(page, 'opp-logcall');
const dlg = page.getByRole('dialog');
console.log('dialog text:', (await dlg.innerText().catch(()=>'none')).replace(/\n/g,' | ').slice(0,800));
await page.keyboard.press('Escape'); await page.waitForTimeout(400);
await page.getByRole('button', { name: 'Add note' }).click(); await page.waitForTimeout(800);
await shot(page, 'opp-addnote');
console.log('note dialog:', (await page.getByRole('dialog').innerText().catch(()=>'none')).replace(/\n/g,' | ').slice(0,500));
await page.keyboard.press('Escape'); await page.waitForTimeout(400);
await page.getByRole('button', { name: 'Create task' }).click(); await page.waitForTimeout(800);
await shot(page, 'opp-createtask');
console.log('task dialog:', (await page.getByRole('dialog').innerText().catch(()=>'none')).replace(/\n/g,' | ').slice(0,800));
await page.keyboard.press('Escape'); await page.waitForTimeout(400);
// stage path click Negotiation
await page.getByRole('button', { name: /Negotiation/ }).first().click().catch(e=>console.log('stage click fail', e.message.slice(0,200)));
await page.waitForTimeout(1500);
await shot(page, 'opp-stage-neg');
console.log('after stage:', (await page.locator('main').innerText()).slice(0, 400).replace(/\n/g,' | '));
// Closed lost
await page.getByRole('button', { name: /Closed lost/ }).first().click().catch(e=>console.log('lost click fail', e.message.slice(0,200)));
await page.waitForTimeout(1000);
await shot(page, 'opp-stage-lost');
console.log('lost dialog:', (await page.getByRole('dialog').innerText().catch(()=>'none')).replace(/\n/g,' | ').slice(0,600));
await page.keyboard.press('Escape');
console.log(problems.filter(x=>!x.includes('ABORTED')).join('\n'));
await browser.close();
