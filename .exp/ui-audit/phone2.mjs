import { open, shot, BASE } from './lib.mjs';
const { browser, page, problems } = await open('rob.miller@example.com', { phone: true });
await page.goto(BASE + '/tasks'); await page.waitForLoadState('networkidle');
await page.mouse.wheel(0, 1500); await page.evaluate(() => window.scrollTo(0, 1500)); await page.waitForTimeout(600);
await shot(page, 'phone-tasks-scrolled');
const nb = page.getByRole('button', { name: /New task/ });
console.log('new task btn in viewport?', await nb.isVisible(), await nb.boundingBox());
// hamburger
await page.evaluate(() => window.scrollTo(0, 0));
const burger = page.getByRole('button', { name: /navigation|menu/i }).first();
console.log('burger label', await burger.getAttribute('aria-label'), 'expanded', await burger.getAttribute('aria-expanded'));
await burger.click(); await page.waitForTimeout(600);
await shot(page, 'phone-menu-open');
console.log('expanded after', await burger.getAttribute('aria-expanded'));
await page.getByRole('link', { name: 'Accounts' }).click(); await page.waitForTimeout(1200);
await shot(page, 'phone-menu-after-nav');
console.log('url', page.url());
// phone board: filters
await page.goto(BASE + '/opportunities/board'); await page.waitForLoadState('networkidle');
await page.getByRole('button', { name: 'Filters' }).click(); await page.waitForTimeout(600);
await shot(page, 'phone-board-filters');
await page.keyboard.press('Escape');
// phone account page
await page.goto(BASE + '/accounts/019a3ffb-d8e4-7102-9879-0f03c21cbc1b'); await page.waitForLoadState('networkidle');
await shot(page, 'phone-account', true);
// phone search
await page.getByRole('button', { name: /search/i }).first().click(); await page.waitForTimeout(500);
await page.keyboard.type('rock'); await page.waitForTimeout(1200);
await shot(page, 'phone-search');
console.log(problems.filter(x=>!x.includes('ABORTED') && !x.includes('openstreetmap') && !x.includes('NAME_NOT_RESOLVED')).join('\n'));
await browser.close();
