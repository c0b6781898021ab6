import { open, shot, BASE } from './lib.mjs';
const { browser, page, problems } = await open('maria.lopez@example.com');
for (const [p, col] of [['/accounts','Annual revenue'],['/activities','When'],['/opportunities','Amount'],['/leads','Score']]) {
  await page.goto(BASE + p); await page.waitForLoadState('networkidle');
  const h = page.locator('main thead th').filter({ hasText: col });
  console.log(p, 'th html:', (await h.innerHTML()).slice(0, 300));
  await h.getByText(col).click(); await page.waitForTimeout(900);
  console.log('  after 1 click', page.url(), '| first row:', (await page.locator('main tbody tr').first().innerText()).replace(/\s+/g,' ').slice(0,100));
  await h.getByText(col).click(); await page.waitForTimeout(900);
  console.log('  after 2 clicks', page.url(), '| first row:', (await page.locator('main tbody tr').first().innerText()).replace(/\s+/g,' ').slice(0,100));
}
console.log(problems.filter(x=>!x.includes('ABORTED')).join('\n'));
await browser.close();
