import { open, shot, BASE } from './lib.mjs';
const [email, ...paths] = process.argv.slice(2);
const { browser, page, problems } = await open(email);
let i=0;
for (const p of paths) {
  await page.goto(BASE + p); await page.waitForLoadState('networkidle'); await page.waitForTimeout(700);
  const txt = await page.locator('main').innerText();
  const m = txt.match(/(\d[\d,]*|No) (accounts|leads|deals|activities|contacts|tasks)[^\n]*/i);
  const chips = await page.locator('main input, main [class*="Pill"], main [class*="Chip"]').evaluateAll(els=>els.map(e=>e.value||e.innerText).filter(Boolean).join(' | '));
  console.log('==', p, '\n   ->', page.url().replace(BASE,''), '\n   count:', m?.[0], '\n   inputs:', chips.slice(0,300));
  if (process.env.SHOT) await shot(page, 'follow-'+(i++));
}
console.log(problems.filter(x=>!x.includes('ABORTED')).join('\n'));
await browser.close();
