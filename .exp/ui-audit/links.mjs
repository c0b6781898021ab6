import { open, shot, BASE } from './lib.mjs';
const [email, ...paths] = process.argv.slice(2);
const { browser, page, problems } = await open(email);
for (const p of paths) {
  await page.goto(BASE + p); await page.waitForLoadState('networkidle');
  await page.waitForTimeout(800);
  const links = await page.locator('main a').evaluateAll(as => as.map(a => `${a.innerText.replace(/\s+/g,' ').trim().slice(0,60)} -> ${a.getAttribute('href')}`));
  console.log('==', p); console.log([...new Set(links)].join('\n'));
  // stat cards clickable?
}
console.log(problems.filter(x=>!x.includes('ABORTED')).join('\n'));
await browser.close();
