import { open, shot, BASE } from './lib.mjs';
const { browser, page, problems } = await open('rob.miller@example.com');
await page.goto(BASE + '/leads/01a23f47-f517-799d-85ea-65b14be3bc8e'); await page.waitForLoadState('networkidle');
await page.getByRole('button', { name: 'Convert' }).click(); await page.waitForTimeout(1200);
await shot(page, 'convert-dialog');
console.log('dialog:', (await page.getByRole('dialog').innerText()).replace(/\n/g,' | '));
const btns = await page.getByRole('dialog').getByRole('button').allInnerTexts(); console.log('buttons', btns);
const submit = page.getByRole('dialog').getByRole('button', { name: /^Convert/ }).last();
await submit.click(); await page.waitForTimeout(2500);
await shot(page, 'convert-after');
console.log('url after', page.url());
console.log('main:', (await page.locator('main').innerText()).slice(0,600).replace(/\n/g,' | '));
console.log('toasts:', await page.locator('.mantine-Notification-root').allInnerTexts());
// convert again via back
await page.goto(BASE + '/leads/01a23f47-f517-799d-85ea-65b14be3bc8e'); await page.waitForLoadState('networkidle');
await shot(page, 'convert-lead-after');
console.log('lead after:', (await page.locator('main').innerText()).slice(0,500).replace(/\n/g,' | '));
console.log(problems.filter(x=>!x.includes('ABORTED')&&!x.includes('openstreetmap')&&!x.includes('NAME_NOT')).join('\n'));
await browser.close();
