// Drives the operators' flash-sale screen in headless Chromium (Debian's package, no browser download):
//   node ops-flash-sale.mjs <base url> <flash sale id> <bearer token> [purchases expected]
// Opens /ops/flash-sales/<id>#token=<token>, waits for the live figures, prints "PAGE READY <attempts>
// <remaining>", then waits until the figures show the expected purchases more (attempts and admitted up,
// remaining down) and the chart has several points. Exit code 0 when they did, 1 otherwise (the reason on stderr).
import { chromium } from 'playwright-core';

const [base, saleId, token, expectedArg] = process.argv.slice(2);
const expected = Number(expectedArg || 3);
const executablePath = process.env.MALL_CHROMIUM || '/usr/bin/chromium';

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  page.on('pageerror', error => console.error('page error: ' + error.message));
  await page.goto(`${base}/ops/flash-sales/${encodeURIComponent(saleId)}#token=${encodeURIComponent(token)}`);
  const figure = async id => Number(await page.textContent('#' + id));
  await page.waitForFunction(() => /^\d+$/.test(document.querySelector('#attempts').textContent), null, { timeout: 15_000 });
  const before = { attempts: await figure('attempts'), admitted: await figure('admitted'), remaining: await figure('remaining') };
  console.log(`PAGE READY ${before.attempts} ${before.remaining}`);

  await page.waitForFunction(([attempts, admitted, remaining, more]) =>
    Number(document.querySelector('#attempts').textContent) >= attempts + more
      && Number(document.querySelector('#admitted').textContent) >= admitted + more
      && Number(document.querySelector('#remaining').textContent) <= remaining - more,
  [before.attempts, before.admitted, before.remaining, expected], { timeout: 30_000, polling: 200 });
  const after = { attempts: await figure('attempts'), admitted: await figure('admitted'), remaining: await figure('remaining') };
  const points = await page.evaluate(() =>
    document.querySelector('polyline[data-series="attempts"]').getAttribute('points').trim().split(/\s+/).length);
  if (points < 3) {
    throw new Error(`the chart has ${points} point(s) only`);
  }
  const title = await page.textContent('#sale');
  console.log(`FIGURES CHANGED attempts ${before.attempts}->${after.attempts} admitted ${before.admitted}->${after.admitted}`
    + ` remaining ${before.remaining}->${after.remaining}, chart ${points} points, sale: ${title}`);
} catch (failure) {
  console.error('ops screen check failed: ' + failure.message);
  process.exitCode = 1;
} finally {
  await browser.close();
}
