// The one-line embed on a merchant page served from another origin: the loader's button opens
// the pay page in a modal iframe, the customer pays, and the merchant page hears
// `paylink:paid` (and resizes, and `paylink:closed`) through the loader's checked relay.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { call, createMerchant } from '../harness/api.mjs';
import { launchBrowser, screenshot } from '../harness/browser.mjs';
import { DEV_ACCOUNT, rpc, waitForReceipt } from '../harness/chain.mjs';
import { ANVIL_MNEMONIC, accountXpub } from '../harness/hd.mjs';
import { startStack } from '../harness/stack.mjs';

/** A merchant's page on its own port (so its own origin), embedding `slug` from `payHost`. */
async function startShop(payHost, slug, mode = '') {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head>
<body><h1>Bean Shop</h1><p>House blend, 250 g</p>
<script>window.__paylink = [];
for (const type of ['paylink:paid', 'paylink:closed', 'paylink:resize']) {
  window.addEventListener(type, (e) => window.__paylink.push({ type, detail: e.detail }));
}
// A forged message from this page itself must not be relayed as a payment.
window.postMessage({ type: 'paylink:paid', session: 'forged' }, '*');
</script>
<script src="${payHost}/embed.js" data-link="${slug}" ${mode}></script>
</body></html>`;
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, stop: () => new Promise((r) => server.close(r)) };
}

describe('the one-line embed', () => {
  let stack;
  let browser;
  let shop;
  let beans;

  before(async () => {
    stack = await startStack({ name: 'embed' });
    shop = await createMerchant(stack, 'Bean Shop');
    await call(stack.baseUrl, 'PATCH', '/v1/account', { token: shop.testKey, body: { checkout: { deposit_xpub: accountXpub(ANVIL_MNEMONIC, 8) } } });
    beans = (await call(stack.baseUrl, 'POST', '/v1/payment_links', {
      token: shop.testKey,
      body: { title: 'House blend', type: 'fixed', amount: '12.5', currency: 'USD', assets: ['ETH'], chain: 'anvil', success_url: 'https://shop.example/thanks' },
    })).body;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  test('the loader is plain JS served beside the pay page', async () => {
    const loader = await fetch(`${stack.baseUrl}/embed.js`);
    assert.equal(loader.status, 200);
    assert.match(loader.headers.get('content-type'), /javascript/);
    assert.match(await loader.text(), /paylink:paid/);
  });

  test('a modal pay page on another origin: paid, heard by the merchant page, then closed', async () => {
    const merchant = await startShop(stack.baseUrl, beans.slug);
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(merchant.url);
      const button = page.getByRole('button', { name: 'Pay with crypto' });
      await button.click();
      const dialog = page.getByRole('dialog', { name: 'Payment' });
      await dialog.waitFor();
      const iframe = page.locator('iframe');
      const src = new URL(await iframe.getAttribute('src'));
      assert.equal(src.origin, stack.baseUrl);
      assert.equal(src.searchParams.get('parent'), new URL(merchant.url).origin);
      const frame = page.frameLocator('iframe');
      await frame.getByRole('button', { name: 'Continue' }).click();
      const address = await frame.locator('#deposit-address').innerText({ timeout: 15000 });
      const amount = await frame.locator('#quote-amount').textContent();
      assert.equal(amount, '0.004166666666666667');
      await screenshot(page, 'embed-modal-quote');
      const hash = await rpc(stack.rpcUrl, 'eth_sendTransaction', [{ from: DEV_ACCOUNT, to: address, value: `0x${(4166666666666667n).toString(16)}` }]);
      await waitForReceipt(stack.rpcUrl, hash);
      await rpc(stack.rpcUrl, 'anvil_mine', ['0x1']);
      // The page polls; the payment is seen and confirmed, and the merchant page hears it.
      await page.waitForFunction(() => window.__paylink.some((m) => m.type === 'paylink:paid'), null, { timeout: 20000 });
      const messages = await page.evaluate(() => window.__paylink);
      const paid = messages.filter((m) => m.type === 'paylink:paid');
      assert.equal(paid.length, 1, JSON.stringify(messages));
      assert.match(paid[0].detail.session, /^cs_/);
      assert.deepEqual([paid[0].detail.status, paid[0].detail.amount, paid[0].detail.currency, paid[0].detail.asset], ['paid', '12.50', 'USD', 'ETH']);
      assert.ok(messages.some((m) => m.type === 'paylink:resize' && m.detail.height > 0), 'the frame reports its height');
      assert.ok(Number.parseInt(await iframe.evaluate((f) => f.style.height), 10) > 0);
      // Framed, the page does not navigate anywhere by itself; the link leaves the frame.
      const next = frame.getByRole('link', { name: 'Continue to the merchant' });
      assert.equal(await next.getAttribute('target'), '_top');
      assert.equal(new URL(page.url()).origin, new URL(merchant.url).origin);
      await screenshot(page, 'embed-modal-paid');
      // Paid: the modal offers "Done", which closes it.
      const finished = page.getByRole('button', { name: 'Done' });
      await finished.waitFor({ timeout: 5000 });
      await finished.click();
      await page.waitForFunction(() => window.__paylink.some((m) => m.type === 'paylink:closed'));
      assert.equal(await button.evaluate((b) => document.activeElement === b), true, 'focus returns to the pay button');
      assert.equal(await page.locator('iframe').count(), 0);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
      await merchant.stop();
    }
  });

  test('a shop-styled button with its price; the modal traps focus, Escape in the frame closes it, and it closes itself once paid', async () => {
    const options = 'data-color="#ffd33d" data-size="large" data-show-price data-locale="de-DE" data-close-on-paid data-client-reference-id="order-42" data-prefilled-email="ana@shop.example"';
    const merchant = await startShop(stack.baseUrl, beans.slug, options);
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(merchant.url);
      // The price comes from the public link, formatted in the locale asked for.
      const button = page.getByRole('button', { name: /^Pay with crypto · 12,50\s\$$/ });
      await button.waitFor({ timeout: 10000 });
      const look = await button.evaluate((b) => {
        const style = getComputedStyle(b);
        return { background: style.backgroundColor, color: style.color, height: b.getBoundingClientRect().height };
      });
      assert.equal(look.background, 'rgb(255, 211, 61)');
      assert.equal(look.color, 'rgb(17, 17, 17)', 'dark text on a light colour');
      assert.ok(look.height >= 48, `a large button, ${look.height}px`);
      await screenshot(page, 'embed-button-styled');

      await button.click();
      const dialog = page.getByRole('dialog', { name: 'Payment' });
      await dialog.waitFor();
      const src = new URL(await page.locator('iframe').getAttribute('src'));
      // The order reference and email ride in the fragment: no server (and no log) sees them.
      assert.equal(new URLSearchParams(src.hash.slice(1)).get('client_reference_id'), 'order-42');
      assert.equal(new URLSearchParams(src.hash.slice(1)).get('prefilled_email'), 'ana@shop.example');
      const close = page.getByRole('button', { name: 'Close payment' });
      const box = await close.boundingBox();
      assert.ok(box.width >= 44 && box.height >= 44, `close control ${box.width}x${box.height}`);
      const frame = page.frameLocator('iframe');
      await frame.getByRole('button', { name: 'Continue' }).waitFor({ timeout: 15000 });
      // Tab never reaches the shop's page behind the modal.
      const outside = [];
      for (let i = 0; i < 25; i += 1) {
        await page.keyboard.press('Tab');
        const where = await page.evaluate(() => {
          const active = document.activeElement;
          const overlay = document.querySelector('[role=dialog]');
          return active === document.body || overlay.contains(active) ? null : active.outerHTML.slice(0, 80);
        });
        if (where) outside.push(where);
      }
      assert.deepEqual(outside, [], 'focus stayed in the modal');
      assert.equal(await page.locator('body > h1[inert]').count(), 1, 'the page behind is inert');

      // Escape with focus inside the pay page's frame closes the modal.
      await frame.getByRole('button', { name: 'Continue' }).focus();
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => window.__paylink.some((m) => m.type === 'paylink:closed'), null, { timeout: 5000 });
      assert.equal(await page.locator('[role=dialog]').count(), 0);
      assert.equal(await page.locator('[inert]').count(), 0, 'everything the loader added is gone');
      assert.equal(await button.evaluate((b) => document.activeElement === b), true);

      // Open again and pay: the shop asked the modal to close itself once paid.
      await button.click();
      const created = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/sessions'));
      await frame.getByRole('button', { name: 'Continue' }).click();
      // The page reads them from its fragment and sends them with the session it opens.
      const sent = (await created).postDataJSON();
      assert.deepEqual([sent.client_reference_id, sent.customer_email], ['order-42', 'ana@shop.example']);
      const address = await frame.locator('#deposit-address').innerText({ timeout: 15000 });
      const hash = await rpc(stack.rpcUrl, 'eth_sendTransaction', [{ from: DEV_ACCOUNT, to: address, value: `0x${(4166666666666667n).toString(16)}` }]);
      await waitForReceipt(stack.rpcUrl, hash);
      await rpc(stack.rpcUrl, 'anvil_mine', ['0x1']);
      await page.waitForFunction(() => window.__paylink.some((m) => m.type === 'paylink:paid'), null, { timeout: 20000 });
      await page.locator('[role=dialog]').waitFor({ state: 'detached', timeout: 5000 });
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
      await merchant.stop();
    }
  });

  test('inline mode puts the pay page in the merchant page without a button', async () => {
    const merchant = await startShop(stack.baseUrl, beans.slug, 'data-mode="inline"');
    const page = await browser.newPage();
    try {
      await page.goto(merchant.url);
      assert.equal(await page.getByRole('button', { name: 'Pay with crypto' }).count(), 0);
      const frame = page.frameLocator('iframe');
      await frame.getByRole('button', { name: 'Continue' }).waitFor({ timeout: 15000 });
      // Framed, the page has no grey background or card of its own.
      assert.equal(await frame.locator('html').getAttribute('class'), 'embed');
      const card = await frame.locator('main.card').evaluate((m) => getComputedStyle(m).boxShadow);
      assert.equal(card, 'none');
      await screenshot(page, 'embed-inline');
    } finally {
      await page.close();
      await merchant.stop();
    }
  });

  test('a merchant that lists its origins is framed only there', async () => {
    const merchant = await startShop(stack.baseUrl, beans.slug, 'data-mode="inline"');
    await call(stack.baseUrl, 'PATCH', '/v1/account', { token: shop.testKey, body: { checkout: { frame_ancestors: ['https://shop.example'] } } });
    const page = await browser.newPage();
    try {
      await page.goto(merchant.url);
      await page.waitForTimeout(1500);
      const frame = page.frames().find((f) => f.url().includes('/l/'));
      // Chromium blocks the framed document: nothing of the pay page renders in it.
      const rendered = frame ? await frame.locator('button').count().catch(() => 0) : 0;
      assert.equal(rendered, 0);
    } finally {
      await call(stack.baseUrl, 'PATCH', '/v1/account', { token: shop.testKey, body: { checkout: { frame_ancestors: null } } });
      await page.close();
      await merchant.stop();
    }
  });
});
