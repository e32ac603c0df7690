// The pay page in headless Chromium against the real worker: the shell renders its states.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, createMerchant } from '../harness/api.mjs';
import { launchBrowser, screenshot } from '../harness/browser.mjs';
import { startStack } from '../harness/stack.mjs';

describe('pay page shell in Chromium', () => {
  let stack;
  let browser;
  before(async () => {
    stack = await startStack({ name: 'browser' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /**
   * Opens `path`, collecting uncaught page errors (a wasm panic shows up here) and the URLs the
   * page requested, both from before navigation starts.
   */
  async function open(path, viewport = { width: 1280, height: 800 }) {
    const page = await browser.newPage({ viewport });
    const errors = [];
    const requests = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${stack.baseUrl}${path}`);
    return { page, errors, requests };
  }

  test('a link the API does not know shows "Payment link not found"', async () => {
    const { page, errors, requests } = await open('/l/demo-coffee');
    const heading = page.getByRole('heading', { level: 1 });
    await heading.filter({ hasText: 'Payment link not found' }).waitFor({ timeout: 15000 });
    assert.equal(await page.title(), 'Payment link not found — Paylink');
    assert.equal(await page.locator('.eyebrow').count(), 0, 'no slug label');
    assert.equal(await page.getByRole('status').count(), 1, 'status changes are announced');
    // The worker inlined `null` for the slug: the page asked the API nothing.
    assert.ok(requests.some((url) => url.endsWith('.wasm')), 'the requests were seen');
    assert.deepEqual(requests.filter((url) => url.includes('/v1/')), []);
    const inlined = await page.locator('script#paylink-link').textContent();
    assert.equal(inlined, 'null');
    assert.deepEqual(errors, []);
    await screenshot(page, 'pay-page-shell-not-found');
  });

  test('a real link shows its merchant, title and price; once archived it is not found', async () => {
    const shop = await createMerchant(stack, 'Demo Roasters');
    const link = (await call(stack.baseUrl, 'POST', '/v1/payment_links', {
      token: shop.testKey,
      body: { title: 'House blend', description: 'Roasted this week.', type: 'fixed', amount: '12.5',
        currency: 'USD', assets: ['ETH', 'USDC'], chain: 'anvil' },
    })).body;
    const { page, errors, requests } = await open(`/l/${link.slug}`);
    await page.getByRole('heading', { name: 'House blend' }).waitFor({ timeout: 15000 });
    // One round trip: the link came inlined in the HTML, exactly as the public API has it.
    assert.deepEqual(requests.filter((url) => url.includes('/v1/')), []);
    const inlined = JSON.parse(await page.locator('script#paylink-link').textContent());
    const api = await call(stack.baseUrl, 'GET', `/v1/public/links/${link.slug}`);
    assert.deepEqual(inlined, api.body);
    assert.equal(await page.locator('.merchant').innerText(), 'Demo Roasters');
    // Formatted for the currency in the browser's locale (Chromium here: en-US).
    assert.equal(await page.locator('.price').innerText(), '$12.50');
    assert.match(await page.locator('.assets').innerText(), /^Pay with ETH, USDC on Local test chain$/);
    assert.equal(await page.title(), 'Pay Demo Roasters — House blend');
    assert.equal(await page.locator('meta[name=description]').getAttribute('content'),
      'Demo Roasters: House blend, 12.50 USD. Pay with ETH, USDC on Local test chain.');
    // A test-mode link says so, first thing on the page, across its whole width.
    const band = page.locator('.test-band');
    assert.equal(await band.innerText(), 'Test payment — no real money');
    const box = await band.boundingBox();
    assert.ok(box.y === 0 && box.width === 1280, JSON.stringify(box));
    assert.equal(await page.locator('p.cancel').count(), 0, 'no cancel_url, no way back');
    assert.equal(await page.getByRole('alert').count(), 0, 'a payable link shows no notice');
    assert.deepEqual(errors, []);
    await screenshot(page, 'pay-page-link');

    const german = await browser.newPage({ locale: 'de-DE' });
    await german.goto(`${stack.baseUrl}/l/${link.slug}`);
    await german.getByRole('heading', { name: 'House blend' }).waitFor({ timeout: 15000 });
    assert.equal((await german.locator('.price').innerText()).replace(/\s/g, ' '), '12,50 $');
    await german.close();

    await call(stack.baseUrl, 'DELETE', `/v1/payment_links/${link.id}`, { token: shop.testKey });
    await page.reload();
    await page.getByRole('heading', { name: 'Payment link not found' }).waitFor({ timeout: 15000 });
  });

  test('a live link shows no test band', async () => {
    const shop = await createMerchant(stack, 'Live Roasters');
    const answer = await call(stack.baseUrl, 'POST', '/v1/payment_links', {
      token: shop.liveKey,
      body: { title: 'Espresso', type: 'fixed', amount: '3', currency: 'EUR', assets: ['USDC'], chain: 'base' },
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    const { page, errors } = await open(`/l/${answer.body.slug}`);
    await page.getByRole('heading', { name: 'Espresso' }).waitFor({ timeout: 15000 });
    assert.equal(await page.locator('.test-band').count(), 0);
    assert.match(await page.locator('.assets').innerText(), /on Base$/);
    assert.equal(await page.title(), 'Pay Live Roasters — Espresso');
    assert.deepEqual(errors, []);
    await screenshot(page, 'pay-page-live');
  });

  test('a cancel_url is offered as the way back and followed', async () => {
    const shop = await createMerchant(stack, 'Cart & Co');
    const link = (await call(stack.baseUrl, 'POST', '/v1/payment_links', {
      token: shop.testKey,
      body: { title: 'Mug', type: 'fixed', amount: '9', currency: 'USD', assets: ['ETH'], chain: 'anvil',
        cancel_url: 'https://shop.example/cart?from=pay&step=2' },
    })).body;
    const api = await call(stack.baseUrl, 'GET', `/v1/public/links/${link.slug}`);
    assert.equal(api.body.cancel_url, 'https://shop.example/cart?from=pay&step=2');
    const { page, errors } = await open(`/l/${link.slug}`, { width: 375, height: 667 });
    await page.route('https://shop.example/**', (route) => route.fulfill({ contentType: 'text/html', body: '<h1>Cart</h1>' }));
    const back = page.getByRole('link', { name: 'Cancel and return to Cart & Co' });
    await back.waitFor({ timeout: 15000 });
    await screenshot(page, 'pay-page-cancel-phone');
    await back.click();
    await page.waitForURL('https://shop.example/cart?from=pay&step=2', { timeout: 10000 });
    assert.deepEqual(errors, []);
  });

  test('the favicon is an icon, and hashed assets are cached for a year', async () => {
    const icon = await fetch(`${stack.baseUrl}/favicon.ico`);
    assert.equal(icon.status, 200);
    assert.match(icon.headers.get('content-type'), /^image\/(x-icon|vnd\.microsoft\.icon)/);
    assert.deepEqual([...new Uint8Array(await icon.arrayBuffer()).slice(0, 4)], [0, 0, 1, 0], 'an ICO file');
    const shell = await (await fetch(`${stack.baseUrl}/l/demo-coffee`)).text();
    // Trunk's content hash is a 64-bit number in hex without leading zeros: up to 16 digits.
    const hashed = [...shell.matchAll(/(?:href|src)="\/?([^"]+-[0-9a-f]{8,16}(?:_bg)?\.(?:wasm|js|css))"/g)].map((m) => m[1]);
    assert.ok(hashed.some((f) => f.endsWith('.wasm')) && hashed.some((f) => f.endsWith('.css')), shell);
    for (const file of new Set(hashed)) {
      const answer = await fetch(`${stack.baseUrl}/${file}`);
      assert.equal(answer.status, 200, file);
      assert.equal(answer.headers.get('cache-control'), 'public, max-age=31536000, immutable', file);
    }
    // Names that stay the same across builds keep revalidating.
    const loader = await fetch(`${stack.baseUrl}/embed.js`);
    assert.doesNotMatch(loader.headers.get('cache-control') ?? '', /immutable/);
    assert.equal((await fetch(`${stack.baseUrl}/_headers`)).status, 404, 'the rules file is not served');
  });

  test('a title that closes the script element is shown as text, not run', async () => {
    const shop = await createMerchant(stack, 'Tricky </script> Shop');
    const title = '</script><script>window.pwned = 1</script> & \u2028 <b>bold</b>';
    const link = (await call(stack.baseUrl, 'POST', '/v1/payment_links', {
      token: shop.testKey,
      body: { title, type: 'fixed', amount: '3', currency: 'USD', assets: ['ETH'], chain: 'anvil' },
    })).body;
    const html = await (await fetch(`${stack.baseUrl}/l/${link.slug}`)).text();
    assert.equal(html.match(/<script/g).length, 2, 'the module script and the data element only');
    const { page, errors, requests } = await open(`/l/${link.slug}`);
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'window.pwned' }).waitFor({ timeout: 15000 });
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), title);
    assert.equal(await page.locator('.merchant').innerText(), 'Tricky </script> Shop');
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    assert.deepEqual(requests.filter((url) => url.includes('/v1/')), []);
    assert.deepEqual(errors, []);
  });

  test('an inactive link shows the merchant\'s message', async () => {
    const shop = await createMerchant(stack, 'Closed Shop');
    const link = (await call(stack.baseUrl, 'POST', '/v1/payment_links', {
      token: shop.testKey,
      body: { title: 'Gift card', type: 'custom', currency: 'EUR', assets: ['EURC'], chain: 'anvil',
        active: false, inactive_message: 'Closed for the holidays' },
    })).body;
    const { page } = await open(`/l/${link.slug}`);
    await page.getByRole('alert').filter({ hasText: 'Closed for the holidays' }).waitFor({ timeout: 15000 });
    assert.equal(await page.locator('.price').innerText(), 'Enter an amount in EUR');
    await screenshot(page, 'pay-page-inactive');
  });

  test('a custom-amount link checks the amount as the customer types, in plain words', async () => {
    const shop = await createMerchant(stack, 'Tip Jar');
    const link = (await call(stack.baseUrl, 'POST', '/v1/payment_links', {
      token: shop.testKey,
      body: { title: 'Leave a tip', type: 'custom', currency: 'EUR', assets: ['EURC'], chain: 'anvil',
        custom_amount: { minimum: '1', maximum: '200', preset: '5' } },
    })).body;
    const { page, errors } = await open(`/l/${link.slug}`, { width: 375, height: 667 });
    const field = page.getByLabel('Amount in EUR');
    await field.waitFor({ timeout: 15000 });
    assert.equal(await field.inputValue(), '5.00', 'the preset is filled in');
    assert.equal(await page.locator('#amount-help').innerText(), 'Between 1.00 and 200.00 EUR.');
    for (const [typed, message] of [
      ['abc', 'Use digits, with a dot before the cents, such as 12.50.'],
      ['3.145', 'EUR amounts have at most 2 decimals.'],
      ['0', 'Enter an amount above zero.'],
      ['0.50', 'The minimum is 1.00 EUR.'],
      ['250', 'The maximum is 200.00 EUR.'],
      ['', 'Enter an amount.'],
    ]) {
      await field.fill(typed);
      await page.locator('#amount-help').filter({ hasText: message }).waitFor({ timeout: 5000 });
      assert.equal(await field.getAttribute('aria-invalid'), 'true', typed);
      if (typed === '250') await screenshot(page, 'pay-page-amount-error');
    }
    await field.fill('12.5');
    await page.locator('#amount-help').filter({ hasText: 'Between 1.00 and 200.00 EUR.' }).waitFor({ timeout: 5000 });
    assert.equal(await field.getAttribute('aria-invalid'), 'false');
    assert.deepEqual(errors, []);
  });

  test('a malformed slug is answered without asking the API', async () => {
    const { page, errors, requests } = await open('/l/Not_A_Slug');
    await page.getByRole('heading', { name: 'Payment link not found' }).waitFor({ timeout: 15000 });
    assert.ok(requests.some((url) => url.endsWith('.wasm')), 'the requests were seen');
    assert.deepEqual(requests.filter((url) => url.includes('/v1/')), []);
    assert.deepEqual(errors, []);
  });

  test('the shell fits a phone-sized screen', async () => {
    const { page, errors } = await open('/l/demo-coffee', { width: 375, height: 667 });
    await page.getByRole('heading', { name: 'Payment link not found' }).waitFor({ timeout: 15000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(overflow, false, 'no horizontal scrolling');
    assert.deepEqual(errors, []);
    await screenshot(page, 'pay-page-shell-phone');
  });
});
