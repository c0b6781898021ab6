import { expect, signIn, test } from './helpers.js';

test('the lead funnel writes the days to convert with a tenth under ten days', async ({ page }) => {
  let average = 0.47;
  // The time to convert is set by the server's clock; the page's part is how it writes it.
  await page.route('**/api/v1/reports/lead-funnel*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), averageDaysToConvert: average } });
  });
  await signIn(page, undefined, undefined, '/reports/lead-funnel');
  const figure = page.getByTestId('kpi-days-to-convert');
  await expect(figure).toContainText('0.5 days');
  average = 12.6;
  await page.reload();
  await expect(figure).toContainText('13 days');
});
