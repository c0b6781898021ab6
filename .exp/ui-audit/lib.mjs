import { chromium } from '@playwright/test';
export const BASE = 'http://127.0.0.1:8430';
export const PW = 'boNfDT2A8h_kwiQcjeHZIjnf';
export const OUT = '/tmp/audit-ui/shots';
export async function open(email, { phone = false } = {}) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
  const ctx = await browser.newContext(phone ? { viewport: { width: 375, height: 812 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true } : { viewport: { width: 1440, height: 900 } });
  const page = await ctx.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`[console.${m.type()}] ${page.url()} :: ${m.text().slice(0, 300)}`); });
  page.on('pageerror', (e) => problems.push(`[pageerror] ${page.url()} :: ${e.message.slice(0,300)}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`[http ${r.status()}] ${r.request().method()} ${r.url()} (page ${page.url()})`); });
  page.on('requestfailed', (r) => problems.push(`[reqfailed] ${r.url()} ${r.failure()?.errorText}`));
  if (email) {
    await page.goto(BASE + '/');
    await page.getByRole('textbox', { name: 'E-mail' }).fill(email);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PW);
    await page.keyboard.press('Enter');
    await page.getByRole('textbox', { name: 'E-mail' }).waitFor({ state: 'detached', timeout: 15000 });
    await page.waitForLoadState('networkidle');
  }
  return { browser, ctx, page, problems };
}
export async function shot(page, name, full = false) {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(400);
  const p = `${OUT}/${name}.png`;
  await page.screenshot({ path: p, fullPage: full });
  return p;
}
