import { open, shot, BASE } from './lib.mjs';
const { browser, page, problems } = await open(null);
await page.goto(BASE + '/');
await shot(page, 'signin-desktop');
console.log(page.url());
// bad password
await page.getByRole('textbox', { name: 'E-mail' }).fill('rob.miller@example.com');
await page.getByRole('textbox', { name: 'Password', exact: true }).fill('wrong');
await page.keyboard.press('Enter');
await page.waitForTimeout(1500);
await shot(page, 'signin-bad');
// empty submit
await page.reload();
await page.getByRole('button', { name: /sign in|log in/i }).click().catch(e=>console.log('no btn', e.message));
await page.waitForTimeout(800);
await shot(page, 'signin-empty');
console.log(await page.locator('body').innerText());
console.log(problems.join('\n'));
await browser.close();
const ph = await open(null, { phone: true });
await ph.page.goto(BASE + '/'); await shot(ph.page, 'signin-phone');
await ph.browser.close();
