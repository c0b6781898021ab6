import { open, shot, BASE } from './lib.mjs';
const { browser, page, problems } = await open('maria.lopez@example.com');
await page.goto(BASE + '/activities'); await page.waitForLoadState('networkidle'); await page.waitForTimeout(500);
console.log('rows', await page.locator('main tbody tr').count());
// sort by When
await page.getByRole('columnheader', { name: /When/ }).click(); await page.waitForTimeout(800);
console.log('after sort url', page.url());
// scroll window / container
await page.mouse.move(700, 600);
await page.mouse.wheel(0, 1500); await page.waitForTimeout(600);
await shot(page, 'list-activities-scrolled');
const th = page.locator('main thead th').first();
console.log('th box after scroll', await th.boundingBox());
// scroll to bottom to find paging
await page.mouse.wheel(0, 20000); await page.waitForTimeout(1500);
await page.keyboard.press('End'); await page.waitForTimeout(1000);
console.log('rows after scroll', await page.locator('main tbody tr').count());
await shot(page, 'list-activities-bottom');
const txt = await page.locator('main').innerText();
console.log('tail:', txt.slice(-400).replace(/\n/g,' | '));
// type filter chip via select
await page.goto(BASE + '/activities'); await page.waitForLoadState('networkidle');
await page.getByRole('textbox', { name: /Search activities/i }).fill('visit'); await page.waitForTimeout(1200);
console.log('search url', page.url());
// Columns chooser
await page.getByRole('button', { name: 'Columns' }).click(); await page.waitForTimeout(500);
await shot(page, 'list-columns');
console.log('columns menu:', (await page.locator('[role=menu], [role=dialog], .mantine-Popover-dropdown').allInnerTexts()).join(' / ').replace(/\n/g,' | '));
console.log(problems.filter(x=>!x.includes('ABORTED')).join('\n'));
await browser.close();
