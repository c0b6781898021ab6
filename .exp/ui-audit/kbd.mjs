import { open, shot, BASE } from './lib.mjs';
const { browser, page, problems } = await open('rob.miller@example.com');
await page.goto(BASE + '/accounts'); await page.waitForLoadState('networkidle');
await page.keyboard.press('Control+k'); await page.waitForTimeout(600);
await shot(page, 'kbd-palette-empty');
console.log('palette empty:', (await page.locator('[role=dialog]').innerText().catch(()=>'NONE')).replace(/\n/g,' | ').slice(0,800));
await page.keyboard.type('new'); await page.waitForTimeout(900);
console.log('palette "new":', (await page.locator('[role=dialog]').innerText().catch(()=>'NONE')).replace(/\n/g,' | ').slice(0,800));
await shot(page, 'kbd-palette-new');
await page.keyboard.press('Control+a'); await page.keyboard.type('tasks'); await page.waitForTimeout(900);
console.log('palette "tasks":', (await page.locator('[role=dialog]').innerText().catch(()=>'NONE')).replace(/\n/g,' | ').slice(0,800));
await page.keyboard.press('Control+a'); await page.keyboard.type('log call'); await page.waitForTimeout(900);
console.log('palette "log call":', (await page.locator('[role=dialog]').innerText().catch(()=>'NONE')).replace(/\n/g,' | ').slice(0,800));
await page.keyboard.press('Control+a'); await page.keyboard.type('zzzzqq'); await page.waitForTimeout(900);
console.log('palette nonsense:', (await page.locator('[role=dialog]').innerText().catch(()=>'NONE')).replace(/\n/g,' | ').slice(0,800));
await shot(page, 'kbd-palette-none');
await page.keyboard.press('Control+a'); await page.keyboard.type('badger'); await page.waitForTimeout(1200);
await page.keyboard.press('ArrowDown'); await page.keyboard.press('Enter'); await page.waitForTimeout(1200);
console.log('after enter url', page.url());
await page.keyboard.press('Escape');
// 'c' shortcut on various pages
for (const p of ['/accounts','/opportunities/board','/tasks','/contacts','/overview','/activities']) {
  await page.goto(BASE + p); await page.waitForLoadState('networkidle'); await page.waitForTimeout(300);
  await page.locator('body').click({ position: { x: 1300, y: 880 } }).catch(()=>{});
  await page.keyboard.press('c'); await page.waitForTimeout(800);
  const d = await page.locator('[role=dialog]').first().innerText().catch(()=>'NONE');
  console.log('c on', p, '=>', d.split('\n')[0], '| url', page.url().replace(BASE,''));
  await page.keyboard.press('Escape'); await page.waitForTimeout(300);
}
// Meta+k
await page.keyboard.press('Meta+k'); await page.waitForTimeout(500);
console.log('meta+k open?', await page.locator('[role=dialog]').count());
// '?' shortcut help
await page.keyboard.press('Escape');
await page.keyboard.press('Shift+/'); await page.waitForTimeout(500);
console.log('? help:', (await page.locator('[role=dialog]').first().innerText().catch(()=>'NONE')).slice(0,300).replace(/\n/g,' | '));
console.log(problems.filter(x=>!x.includes('ABORTED')).join('\n'));
await browser.close();
