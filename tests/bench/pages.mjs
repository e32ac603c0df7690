// Time from navigation to an interactive amount field on the pay page, against a static HTML
// page with the same content served the same way (wrangler dev's static assets).
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { call, createMerchant } from '../harness/api.mjs';
import { launchBrowser } from '../harness/browser.mjs';
import { ROOT } from '../harness/paths.mjs';

const STATIC = 'bench-static.html';

/** Median milliseconds over `runs` fresh page loads until `ready` resolves. */
async function timeToReady(browser, url, ready, runs) {
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto(url, { waitUntil: 'commit' });
    await ready(page);
    times.push(performance.now() - t0);
    await context.close();
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const staticPath = join(ROOT, 'dist', STATIC);

/**
 * Writes the static twin of the pay page into `dist/`. Call it before the stack starts:
 * wrangler dev lists the static assets once, at start.
 */
export function writeStaticPage() {
  writeFileSync(staticPath, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tip jar</title></head>
<body><main><h1>Tip jar</h1><p>Page bench</p><label for="amount">Amount (USD)</label>
<input id="amount" inputmode="decimal" autocomplete="off"><p>Between 1.00 and 500.00 USD</p></main></body></html>\n`);
}

/** Removes the static twin again. */
export function removeStaticPage() {
  rmSync(staticPath, { force: true });
}

/** { payPageMs, staticMs } for a custom-amount link on `stack` (started after `writeStaticPage`). */
export async function benchPayPage(stack, runs = 20) {
  const shop = await createMerchant(stack, 'Page bench');
  const link = (await call(stack.baseUrl, 'POST', '/v1/payment_links', {
    token: shop.testKey,
    body: { title: 'Tip jar', type: 'custom', currency: 'USD', custom_amount: { minimum: '1', maximum: '500' }, assets: ['ETH', 'USDC'], chain: 'anvil' },
  })).body;
  const browser = await launchBrowser();
  try {
    const interactive = (page) => page.locator('#amount:not([disabled])').waitFor({ state: 'visible' });
    await timeToReady(browser, `${stack.baseUrl}/l/${link.slug}`, interactive, 2); // warm-up
    const payPageMs = await timeToReady(browser, `${stack.baseUrl}/l/${link.slug}`, interactive, runs);
    const staticMs = await timeToReady(browser, `${stack.baseUrl}/${STATIC}`, interactive, runs);
    return { payPageMs, staticMs };
  } finally {
    await browser.close();
  }
}
