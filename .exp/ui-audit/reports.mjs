import { open, shot, BASE } from './lib.mjs';
const { browser, page, problems } = await open('maria.lopez@example.com');
await page.goto(BASE + '/reports'); await page.waitForLoadState('networkidle');
for (const t of ['Activities','Workload','Pipeline']) {
  await page.getByRole('tab', { name: t }).click(); await page.waitForLoadState('networkidle'); await page.waitForTimeout(600);
  console.log(t, page.url());
  await shot(page, 'rep-tab-'+t, true);
}
// click a bar in pipeline chart
const bars = page.locator('.recharts-bar-rectangle');
console.log('bars', await bars.count());
const before = page.url();
await bars.first().click(); await page.waitForTimeout(1000);
console.log('after bar click', page.url());
await page.goto(BASE + '/overview'); await page.waitForLoadState('networkidle'); await page.waitForTimeout(800);
const b2 = page.locator('.recharts-bar-rectangle'); console.log('overview bars', await b2.count());
await b2.nth(2).click(); await page.waitForTimeout(1000); console.log('after overview bar click', page.url());
// group by owner
await page.goto(BASE + '/reports'); await page.waitForLoadState('networkidle');
await page.getByText('Owner', { exact: true }).first().click(); await page.waitForTimeout(1000); console.log('groupby owner', page.url());
await shot(page, 'rep-groupby-owner', true);
const links = await page.locator('main a').evaluateAll(as => as.map(a => `${a.innerText.trim()} -> ${a.getAttribute('href')}`)); console.log(links.join('\n'));
console.log(problems.filter(x=>!x.includes('ABORTED')).join('\n'));
await browser.close();
