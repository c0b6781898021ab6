import { open, shot, BASE } from './lib.mjs';
const { browser, page, problems } = await open('sam.garcia@example.com');
for (const p of ['/accounts?q=zzzz', '/tasks?status=completed', '/opportunities?stage=closed_won', '/activities?type=note&status=cancelled', '/leads?status=converted']) {
  await page.goto(BASE + p); await page.waitForLoadState('networkidle'); await page.waitForTimeout(500);
  const t = (await page.locator('main').innerText()).replace(/\n+/g,' | ');
  console.log('==', p, '::', t.slice(0, 400));
  await shot(page, 'empty-' + p.replace(/[^a-z0-9]+/gi,'_'));
}
// slow network: skeletons
const cdp = await page.context().newCDPSession(page);
await cdp.send('Network.enable');
await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 1500, downloadThroughput: 200000, uploadThroughput: 200000 });
for (const [p, n] of [['/opportunities/board','slow-board'], ['/accounts','slow-accounts'], ['/overview','slow-overview'], ['/reports','slow-reports']]) {
  page.goto(BASE + p).catch(()=>{});
  await page.waitForTimeout(2500);
  await page.screenshot({ path: `/tmp/audit-ui/shots/${n}-a.png` });
  await page.waitForTimeout(2500);
  await page.screenshot({ path: `/tmp/audit-ui/shots/${n}-b.png` });
}
await browser.close();
