import { open, shot, BASE } from './lib.mjs';
const [email, tag, phone, ...paths] = process.argv.slice(2);
const { browser, page, problems } = await open(email, { phone: phone === 'phone' });
console.log('landed', page.url());
for (const p of paths) {
  const t0 = Date.now();
  await page.goto(BASE + p);
  await page.waitForLoadState('networkidle').catch(()=>{});
  const name = `${tag}-${p.replace(/[^a-z0-9]+/gi, '_')}`;
  await shot(page, name, process.env.FULL === '1');
  console.log('==', p, '->', page.url(), (Date.now()-t0)+'ms', name);
  if (process.env.TEXT) console.log((await page.locator('main').innerText().catch(()=>page.locator('body').innerText())).slice(0, +process.env.TEXT));
}
console.log(problems.join('\n'));
await browser.close();
