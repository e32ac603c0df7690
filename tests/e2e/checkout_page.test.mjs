// The checkout on the pay page, in Chromium against the real worker and anvil: choosing an
// asset, the quote with its QR code, copy buttons and countdown, a custom amount, prices that
// cannot be had, a quote that runs out, and paying from an injected EIP-1193 wallet until the
// page shows the payment received and returns to the merchant.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, createMerchant } from '../harness/api.mjs';
import { launchBrowser, screenshot } from '../harness/browser.mjs';
import { DEV_ACCOUNT, rpc, waitForReceipt } from '../harness/chain.mjs';
import { ANVIL_MNEMONIC, accountXpub } from '../harness/hd.mjs';
import { startStack } from '../harness/stack.mjs';
import { readQr } from '../harness/qr.mjs';
import { SELECTORS, addressWord, balanceOf, mint, uintWord } from '../harness/token.mjs';
import { injectWallet, walletMethods } from '../harness/wallet.mjs';

const USDC_CHECKSUMMED = '0x5FbDB2315678afecb367f032d93F642f64180aa3';

describe('checkout on the pay page', () => {
  let stack;
  let browser;
  let shop;
  const api = (method, path, body) => call(stack.baseUrl, method, path, { token: shop.testKey, body });
  const link = async (extra = {}) => {
    const answer = await api('POST', '/v1/payment_links', {
      title: 'House blend', type: 'fixed', amount: '12.5', currency: 'USD', assets: ['ETH', 'USDC'],
      chain: 'anvil', cancel_url: 'https://shop.example/cart', ...extra,
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body;
  };

  before(async () => {
    // The test token's contract (anvil's first deployment) configured in lower case: the
    // worker shows it and puts it in URIs EIP-55 checksummed.
    stack = await startStack({ name: 'checkout-page', vars: { TOKEN_USDC_ANVIL: USDC_CHECKSUMMED.toLowerCase() } });
    shop = await createMerchant(stack, 'Demo Roasters');
    const set = await api('PATCH', '/v1/account', { checkout: { deposit_xpub: accountXpub(ANVIL_MNEMONIC, 1) } });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /**
   * Opens `path` in a fresh context with clipboard access. Collects page errors, the session
   * requests and their answers; `clock` installs Playwright's fake clock, `wallet` injects
   * the EIP-1193 provider of tests/harness/wallet.mjs.
   */
  async function open(path, { viewport = { width: 1280, height: 900 }, clock = false, wallet = false } = {}) {
    const context = await browser.newContext({ viewport });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.baseUrl });
    const page = await context.newPage();
    const errors = [];
    const opened = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('response', async (response) => {
      // A session opened on the link, and each later quote on it.
      if (response.request().method() === 'POST' && /\/(sessions|quotes)$/.test(new URL(response.url()).pathname)) {
        opened.push({ status: response.status(), sent: response.request().postDataJSON(), body: await response.json() });
      }
    });
    if (clock) await page.clock.install();
    if (wallet) {
      await injectWallet(page, stack.rpcUrl);
    }
    await page.goto(`${stack.baseUrl}${path}`);
    return { page, context, errors, opened };
  }

  /** Waits for `condition` (checked in node) for up to `ms`. */
  /** The hash the page says the wallet sent: sent is not yet mined, so tests wait for it. */
  const sentHash = async (page) => (await page.locator('.wallet-said').innerText()).match(/0x[0-9a-f]{64}/)[0];

  const until = async (condition, what, ms = 15000) => {
    const deadline = Date.now() + ms;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const countdown = (page) => page.getByRole('timer').innerText();
  const secondsIn = (text) => {
    const [, m, s] = text.match(/^Quote expires in (\d+):(\d\d)$/) ?? [];
    return m === undefined ? NaN : Number(m) * 60 + Number(s);
  };

  test('a fixed link: choose ETH, get the quote with its QR code, copy buttons and a ticking countdown', async () => {
    const fixed = await link();
    const { page, context, errors, opened } = await open(`/l/${fixed.slug}`);
    const eth = page.getByRole('radio', { name: /ETH/ });
    await eth.waitFor({ timeout: 15000 });
    assert.ok(await eth.isChecked(), 'the first asset is chosen');
    // The radios move with the arrow keys, as a native radio group does.
    await eth.focus();
    await page.keyboard.press('ArrowRight');
    assert.ok(await page.getByRole('radio', { name: /USDC/ }).isChecked());
    await page.keyboard.press('ArrowLeft');
    assert.ok(await eth.isChecked());
    await screenshot(page, 'checkout-choose');

    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('#quote-shown').waitFor({ timeout: 15000 });
    // Shown rounded up to 6 decimals; the exact amount is one tap away, behind "Exact amount".
    assert.equal(await page.locator('#quote-shown').innerText(), '0.004167');
    const amount = page.locator('#quote-amount');
    assert.equal(await amount.isVisible(), false);
    assert.match(await page.locator('.address-label').innerText(), /^To this address, on Local test chain$/);
    await until(() => opened.length === 1, 'the session is read');
    const [session] = opened.map((o) => o.body);
    // A fixed link sends no amount at all (the API also takes `null` for none).
    assert.deepEqual(opened[0].sent, { asset: 'ETH' });
    assert.equal(session.quote.amount_due, '4166666666666667');
    assert.equal(await page.locator('#deposit-address').innerText(), session.quote.deposit_address);
    assert.equal(await page.locator('.rate').innerText(), '$12.50 at $3,000.00 per ETH');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'quote-title', 'focus moves to the quote');
    await page.getByText('Exact amount').click();
    assert.equal(await amount.innerText(), '0.004166666666666667');
    assert.match(await page.locator('#session-status').innerText(), /Waiting for your payment/);
    assert.equal(await page.locator('#session-status').getAttribute('aria-live'), 'polite');

    // The QR code: one labelled SVG path, version 5 (80 bytes) with its quiet zone.
    const qr = page.getByRole('img', { name: /QR code to pay 0\.004166666666666667 ETH/ });
    assert.ok(await qr.isVisible());
    assert.equal(await qr.getAttribute('viewBox'), '0 0 45 45');
    assert.equal(await qr.locator('path').count(), 1);
    assert.equal(await readQr(page), session.quote.payment_uri, 'a decoder reads the payment URI');

    // The countdown follows expires_at, second by second.
    const first = await countdown(page);
    const lock = session.quote.expires_at - Math.floor(Date.now() / 1000);
    assert.ok(Math.abs(secondsIn(first) - lock) <= 2, `${first} vs ${lock} s left`);
    await page.waitForFunction((before) => document.querySelector('[role=timer]').innerText !== before, first, { timeout: 5000 });
    assert.ok(secondsIn(await countdown(page)) < secondsIn(first));

    // Copy buttons put the exact text on the clipboard.
    await page.getByRole('button', { name: 'Copy address' }).click();
    await page.locator('.copy-said').filter({ hasText: 'Copied' }).first().waitFor({ timeout: 5000 });
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), session.quote.deposit_address);
    await page.getByRole('button', { name: 'Copy amount' }).click();
    await page.waitForFunction(async () => (await navigator.clipboard.readText()) === '0.004166666666666667');
    assert.equal(await page.getByRole('button', { name: 'Pay with browser wallet' }).count(), 0, 'no wallet, no button');
    await screenshot(page, 'checkout-quote');

    // The same quote on a phone: nothing scrolls sideways.
    await page.setViewportSize({ width: 375, height: 740 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(overflow, false, 'no horizontal scrolling');
    await screenshot(page, 'checkout-quote-phone');
    // The QR code keeps its light background in a dark colour scheme, as scanners need.
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'checkout-quote-phone-dark');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('on a 375x667 phone the quote, QR code, countdown and status fit the first screen; Cancel leads back', async () => {
    const fixed = await link();
    const { page, context, errors } = await open(`/l/${fixed.slug}`, { viewport: { width: 375, height: 667 } });
    await context.route('https://shop.example/**', (route) => route.fulfill({ contentType: 'text/html', body: '<h1>Cart</h1>' }));
    await page.getByRole('button', { name: 'Continue' }).waitFor({ timeout: 15000 });
    // Nothing wraps inside an asset tile: each line of it is one line high.
    const wrapped = await page.locator('.asset-option span').evaluateAll((spans) =>
      spans.filter((s) => s.getClientRects().length > 1 || s.getBoundingClientRect().height > 30).map((s) => s.textContent));
    assert.deepEqual(wrapped, []);
    await screenshot(page, 'checkout-phone-choose');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('#quote-shown').waitFor({ timeout: 15000 });
    assert.equal(await page.locator('.price').isVisible(), false, 'the link summary is not repeated above the quote');
    const bottom = async (selector) => {
      const box = await page.locator(selector).boundingBox();
      return box.y + box.height;
    };
    const qr = await bottom('.qr-box');
    assert.ok(qr <= 667, `the QR code ends at ${qr}px`);
    const timer = await bottom('[role=timer]');
    const status = await bottom('#session-status');
    await screenshot(page, 'checkout-phone-quote');
    assert.ok(timer <= 667, `the countdown ends at ${timer}px`);
    assert.ok(status <= 667, `the status ends at ${status}px`);
    await page.getByRole('link', { name: 'Cancel and return to Demo Roasters' }).click();
    await page.waitForURL('https://shop.example/cart', { timeout: 10000 });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a custom link: a bad amount is explained without a request, a good one is what the session is for', async () => {
    const custom = await link({ type: 'custom', amount: undefined, assets: ['USDC'],
      custom_amount: { minimum: '1', maximum: '500' } });
    const { page, context, errors, opened } = await open(`/l/${custom.slug}`, { viewport: { width: 375, height: 740 } });
    const field = page.getByLabel('Amount in USD');
    await field.waitFor({ timeout: 15000 });
    await field.fill('12,5');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('alert').filter({ hasText: 'Use digits, with a dot before the cents, such as 12.50.' }).waitFor({ timeout: 5000 });
    assert.equal(opened.length, 0, 'nothing was asked of the API');

    await field.fill('20');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('#quote-shown').waitFor({ timeout: 15000 });
    await until(() => opened.length === 1, 'the session is read');
    assert.deepEqual(opened[0].sent, { asset: 'USDC', amount: '20.00' });
    assert.equal(await page.locator('#quote-amount').textContent(), '20');
    assert.equal(await page.locator('#quote-shown').innerText(), '20.00', 'USDC reads to the cent');
    assert.equal(await page.locator('.rate').innerText(), '$20.00 at $1.00 per USDC');
    // A token transfer URI names two addresses: 134 bytes, version 8, 49 + 8 modules.
    assert.equal(await page.getByRole('img', { name: /QR code to pay 20 USDC/ }).getAttribute('viewBox'), '0 0 57 57');
    assert.equal(await page.getByRole('alert').count(), 0, 'the problem went with the fix');
    await screenshot(page, 'checkout-custom-phone');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('prices that cannot be had are said plainly, with a way to try again', async () => {
    // The fixed price source has no GBP rates: the API answers 503 price_unavailable.
    const pounds = await link({ currency: 'GBP', assets: ['ETH'] });
    const { page, context, errors, opened } = await open(`/l/${pounds.slug}`);
    await page.getByRole('button', { name: 'Continue' }).click({ timeout: 15000 });
    const alert = page.getByRole('alert').filter({ hasText: 'Prices are unavailable right now. Please try again shortly.' });
    await alert.waitFor({ timeout: 15000 });
    await until(() => opened.length === 1, 'the answer is read');
    assert.equal(opened[0].status, 503);
    assert.equal(opened[0].body.error.code, 'price_unavailable');
    await screenshot(page, 'checkout-prices-unavailable');
    await page.getByRole('button', { name: 'Try again' }).click();
    await until(() => opened.length === 2, 'Try again asks again');
    await alert.waitFor({ timeout: 15000 });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a quote that runs out while open offers a new one', async () => {
    const fixed = await link();
    const { page, context, errors, opened } = await open(`/l/${fixed.slug}`, { clock: true });
    await page.getByRole('button', { name: 'Continue' }).click({ timeout: 15000 });
    await page.locator('#quote-shown').waitFor({ timeout: 15000 });
    await until(() => opened.length === 1, 'the session is read');
    assert.match(await countdown(page), /^Quote expires in 1[45]:\d\d$/);

    // Fifteen minutes pass in the page only: the server still says `open`.
    await page.clock.fastForward('15:05');
    await page.getByRole('timer').filter({ hasText: 'This quote has expired.' }).waitFor({ timeout: 5000 });
    assert.match(await page.locator('#session-status').innerText(), /The quote has run out/);
    assert.equal(await page.getByRole('img', { name: /QR code/ }).isVisible(), false, 'no QR code for an ended quote');
    // The session is still open (only its quote ran out): the way back still cancels.
    const back = page.getByRole('link', { name: 'Cancel and return to Demo Roasters' });
    assert.ok(await back.isVisible());
    assert.equal(await back.getAttribute('href'), 'https://shop.example/cart');
    await screenshot(page, 'checkout-quote-ran-out');

    // Back to the real time before asking again: wrangler dev sends no Date header, so the
    // page could not tell that its clock is fifteen minutes fast (production responses carry
    // one, and the page then counts on the server's clock: unit-tested in countdown.rs).
    await page.clock.setSystemTime(new Date());
    await page.getByRole('button', { name: 'Get a new quote' }).click();
    await page.getByRole('timer').filter({ hasText: /^Quote expires in/ }).waitFor({ timeout: 15000 });
    await until(() => opened.length === 2, 'a second quote');
    assert.equal(opened[1].body.id, opened[0].body.id, 'the same session');
    assert.notEqual(opened[1].body.quote.id, opened[0].body.quote.id);
    assert.notEqual(opened[1].body.quote.deposit_address, opened[0].body.quote.deposit_address, 'a fresh address');
    assert.equal(await page.locator('#deposit-address').innerText(), opened[1].body.quote.deposit_address);
    assert.ok(secondsIn(await countdown(page)) >= 14 * 60, await countdown(page));
    assert.match(await page.locator('#session-status').innerText(), /Waiting for your payment/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a browser wallet pays ETH exactly; the page follows it to paid and returns to the merchant', async () => {
    const fixed = await link({ success_url: 'https://shop.example/thanks' });
    const { page, context, errors, opened } = await open(`/l/${fixed.slug}`, { wallet: true });
    // The merchant's site is not reachable from here: answer it in the browser.
    await context.route('https://shop.example/**', (route) => route.fulfill({ contentType: 'text/html', body: '<h1>Thanks</h1>' }));
    await page.getByRole('button', { name: 'Continue' }).click({ timeout: 15000 });
    await page.locator('#quote-shown').waitFor({ timeout: 15000 });
    await until(() => opened.length === 1, 'the session is read');
    const { quote } = opened[0].body;
    const cancel = page.getByRole('link', { name: 'Cancel and return to Demo Roasters' });
    assert.ok(await cancel.isVisible(), 'the way back while nothing is paid');
    await page.getByRole('button', { name: 'Pay with browser wallet' }).click();
    await page.locator('.wallet-said').filter({ hasText: /Sent in transaction 0x[0-9a-f]{64}/ }).waitFor({ timeout: 15000 });
    assert.equal((await waitForReceipt(stack.rpcUrl, await sentHash(page))).status, '0x1');
    const balance = BigInt(await rpc(stack.rpcUrl, 'eth_getBalance', [quote.deposit_address, 'latest']));
    assert.equal(balance, BigInt(quote.amount_due), 'exactly the amount due arrived');
    const methods = await walletMethods(page);
    assert.deepEqual(methods, ['eth_requestAccounts', 'eth_chainId', 'eth_sendTransaction'], 'already on anvil: no switch');

    // The page's poll makes the worker look at the chain: seen, then confirmed.
    await page.locator('#session-status').filter({ hasText: 'Payment seen, waiting for confirmations' }).waitFor({ timeout: 20000 });
    await screenshot(page, 'checkout-pending');
    await rpc(stack.rpcUrl, 'anvil_mine', ['0x1']);
    await page.locator('#session-status').filter({ hasText: 'Payment received' }).waitFor({ timeout: 20000 });
    const back = page.getByRole('link', { name: 'Continue to the merchant' });
    assert.equal(await back.getAttribute('href'), 'https://shop.example/thanks');
    assert.match(await page.locator('.receipt').innerText(), /0\.004166666666666667 ETH/);
    assert.equal(await page.locator('p.cancel').isVisible(), false, 'no "cancel" once paid');
    await screenshot(page, 'checkout-paid');
    await page.waitForURL('https://shop.example/thanks', { timeout: 10000 });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('USDC by QR: the code reads as the transfer URI, and paying what it says settles the session', async () => {
    await mint(stack.rpcUrl, stack.tokens.USDC, DEV_ACCOUNT, 100_000_000n);
    const fixed = await link({ assets: ['USDC'] });
    const { page, context, errors, opened } = await open(`/l/${fixed.slug}`);
    await page.getByRole('button', { name: 'Continue' }).click({ timeout: 15000 });
    await page.getByRole('img', { name: /QR code to pay 12\.5 USDC/ }).waitFor({ timeout: 15000 });
    await until(() => opened.length === 1, 'the session is read');
    const { quote } = opened[0].body;

    // What a phone's wallet would do: read the code, then send what the EIP-681 URI names.
    const uri = await readQr(page);
    assert.equal(uri, quote.payment_uri);
    const parts = uri.match(/^ethereum:(0x[0-9a-fA-F]{40})@(\d+)\/transfer\?address=(0x[0-9a-fA-F]{40})&uint256=(\d+)$/);
    assert.ok(parts, uri);
    const [, token, chainId, to, units] = parts;
    assert.equal(stack.tokens.USDC.toLowerCase(), USDC_CHECKSUMMED.toLowerCase(), 'the first deployment');
    assert.equal(token, USDC_CHECKSUMMED, 'the URI names the token EIP-55 checksummed');
    assert.equal(quote.token_address, USDC_CHECKSUMMED);
    assert.equal(chainId, '31337');
    assert.equal(units, '12500000');
    const data = `${SELECTORS.transfer}${addressWord(to)}${uintWord(BigInt(units))}`;
    const hash = await rpc(stack.rpcUrl, 'eth_sendTransaction', [{ from: DEV_ACCOUNT, to: token, data }]);
    await waitForReceipt(stack.rpcUrl, hash);
    assert.equal(await balanceOf(stack.rpcUrl, stack.tokens.USDC, quote.deposit_address), 12_500_000n);

    await page.locator('#session-status').filter({ hasText: 'Payment seen, waiting for confirmations' }).waitFor({ timeout: 20000 });
    await rpc(stack.rpcUrl, 'anvil_mine', ['0x1']);
    await page.locator('#session-status').filter({ hasText: 'Payment received' }).waitFor({ timeout: 20000 });
    assert.match(await page.locator('.receipt').innerText(), /12\.5 USDC/);
    assert.match(await page.locator('.receipt').innerText(), new RegExp(hash));
    await screenshot(page, 'checkout-usdc-by-qr-paid');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a browser wallet pays USDC with a transfer call on the token', async () => {
    await mint(stack.rpcUrl, stack.tokens.USDC, DEV_ACCOUNT, 100_000_000n);
    const fixed = await link({ assets: ['USDC'] });
    const { page, context, errors, opened } = await open(`/l/${fixed.slug}`, { wallet: true });
    await page.getByRole('button', { name: 'Continue' }).click({ timeout: 15000 });
    await page.locator('#quote-shown').waitFor({ timeout: 15000 });
    await until(() => opened.length === 1, 'the session is read');
    const { quote } = opened[0].body;
    assert.equal(quote.token_address.toLowerCase(), stack.tokens.USDC.toLowerCase());
    await page.getByRole('button', { name: 'Pay with browser wallet' }).click();
    await page.locator('.wallet-said').filter({ hasText: /Sent in transaction 0x[0-9a-f]{64}/ }).waitFor({ timeout: 15000 });
    assert.equal((await waitForReceipt(stack.rpcUrl, await sentHash(page))).status, '0x1');
    assert.equal(await balanceOf(stack.rpcUrl, stack.tokens.USDC, quote.deposit_address), 12_500_000n);
    assert.equal(await rpc(stack.rpcUrl, 'eth_getBalance', [quote.deposit_address, 'latest']), '0x0', 'no ether sent');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
