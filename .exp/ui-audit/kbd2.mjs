import { open, shot, BASE } from './lib.mjs';
const { browser, page, problems } = await open('rob.miller@example.com');
for (const p of ['/opportunities/board','/overview', '/opportunities/01a24657-5fe4-7510-ab42-fccc34e398f1', '/accounts/019a3ffb-d8e4-7102-9879-0f03c21cbc1b']) {
  await page.goto(BASE + p); await page.waitForLoadState('networkidle'); await page.waitForTimeout(500);
  await page.keyboard.press('c'); await page.waitForTimeout(900);
  const d = await page.locator('[role=dialog]').first().innerText().catch(()=>'NONE');
  console.log('c on', p, '=>', d.split('\n').slice(0,3).join(' / '), '| url', page.url().replace(BASE,''));
  if (p.includes('board')) await shot(page, 'kbd-c-board');
  await page.keyboard.press('Escape'); await page.waitForTimeout(600);
  console.log('   after Esc url', page.url().replace(BASE,''));
}
await browser.close();
