// One-time checkouts in Chromium, as a customer meets them: the shop's server makes a session
// for an order, the customer opens its URL, picks USDC, lets the quote run out, quotes again,
// switches to ETH and pays on anvil under the same session id; the one paid webhook names the
// order; money sent afterwards to the first quote's address shows as an extra payment. A link
// opened with a reference carries it into its session (and a reload resumes that session); a
// canceled checkout says so and leads back to the shop.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, createMerchant } from '../harness/api.mjs';
import { launchBrowser, screenshot } from '../harness/browser.mjs';
import { DEV_ACCOUNT, rpc, waitForReceipt } from '../harness/chain.mjs';
import { ANVIL_MNEMONIC, accountXpub } from '../harness/hd.mjs';
import { startReceiver } from '../harness/receiver.mjs';
import { d1, startStack } from '../harness/stack.mjs';
import { mint, transfer } from '../harness/token.mjs';
import { until } from '../harness/wait.mjs';

describe('checkout flow in the browser', () => {
  let stack;
  let receiver;
  let browser;
  let shop;
  const api = (method, path, body) => call(stack.baseUrl, method, path, { token: shop.testKey, body });
  const mine = (blocks = 2) => rpc(stack.rpcUrl, 'anvil_mine', [`0x${blocks.toString(16)}`]);
  const received = (type) => receiver.received('/hooks').map((r) => r.json).filter((e) => e.type === type);
  const order = {
    amount: '42.00', currency: 'EUR', assets: ['USDC', 'ETH'], chain: 'anvil',
    client_reference_id: 'A-1001', metadata: { cart: 'c_77', customer: 'cu_9' },
    cancel_url: 'https://shop.example/cart',
  };

  before(async () => {
    receiver = await startReceiver();
    stack = await startStack({ name: 'checkout-flow' });
    shop = await createMerchant(stack, 'Bean Shop');
    const set = await api('PATCH', '/v1/account', { checkout: { deposit_xpub: accountXpub(ANVIL_MNEMONIC, 13) } });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const hook = await api('POST', '/v1/webhook_endpoints', { url: `${receiver.url}/hooks`, enabled_events: ['*'] });
    assert.equal(hook.status, 201, JSON.stringify(hook.body));
    await mint(stack.rpcUrl, stack.tokens.USDC, DEV_ACCOUNT, 1_000_000_000n);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
    await receiver?.stop();
  });

  /** A fresh context on `url`, collecting page errors and every session answer the page got. */
  async function open(url) {
    const context = await browser.newContext();
    // The shop is not reachable from here: answer it in the browser.
    await context.route('https://shop.example/**', (route) => route.fulfill({ contentType: 'text/html', body: '<h1>Cart</h1>' }));
    const page = await context.newPage();
    const errors = [];
    const answers = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('response', async (response) => {
      const { pathname } = new URL(response.url());
      if (response.request().method() === 'POST' && /\/(sessions|quotes)$/.test(pathname)) {
        answers.push({ path: pathname, status: response.status(), sent: response.request().postDataJSON(), body: await response.json() });
      }
    });
    await page.goto(url);
    return { page, context, errors, answers };
  }
  const status = (page) => page.locator('#session-status');

  test('an order: USDC, the lock runs out, a new quote, ETH paid, one session id; an extra payment shows as extra', async () => {
    const created = await api('POST', '/v1/checkout_sessions', order);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const s = created.body;
    assert.equal(s.url, `${stack.baseUrl}/c/${s.id}`);
    const { page, context, errors, answers } = await open(s.url);

    // The order as the customer sees it: merchant, amount, the assets to pick from.
    await page.getByRole('heading', { level: 1, name: 'Bean Shop' }).waitFor({ timeout: 15000 });
    assert.match(await page.locator('.price').innerText(), /42\.00/);
    assert.equal(await page.locator('.assets').innerText(), 'Pay with USDC, ETH on Local test chain');
    assert.ok(await page.getByRole('radio', { name: /USDC/ }).isChecked());
    assert.ok(await page.getByRole('link', { name: 'Cancel and return to Bean Shop' }).isVisible());
    await screenshot(page, 'flow-checkout-choose');

    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('#quote-shown').waitFor({ timeout: 15000 });
    await until('the USDC quote', () => answers.length === 1);
    const usdc = answers[0];
    assert.equal(usdc.path, `/v1/public/sessions/${s.id}/quotes`);
    assert.deepEqual([usdc.status, usdc.sent, usdc.body.id], [201, { asset: 'USDC' }, s.id]);
    assert.equal(await page.locator('#deposit-address').innerText(), usdc.body.quote.deposit_address);

    // The quote's lock ends (as if its minutes passed); the session stays open.
    const past = Math.floor(Date.now() / 1000) - 600;
    await d1(stack.persistDir, `UPDATE checkout_quotes SET expires_at = ${past} WHERE session_id = '${s.id}'`);
    await status(page).filter({ hasText: 'The quote has run out' }).waitFor({ timeout: 15000 });
    assert.equal(await page.getByRole('img', { name: /QR code/ }).isVisible(), false, 'no QR code for an ended quote');
    assert.ok(await page.getByRole('link', { name: 'Cancel and return to Bean Shop' }).isVisible(), 'still open: cancel');
    await screenshot(page, 'flow-quote-ran-out');
    await page.getByRole('button', { name: 'Get a new quote' }).click();
    await until('the second quote', () => answers.length === 2);
    const requoted = answers[1];
    assert.deepEqual([requoted.status, requoted.sent, requoted.body.id], [201, { asset: 'USDC' }, s.id]);
    assert.notEqual(requoted.body.quote.id, usdc.body.quote.id);
    await page.getByRole('timer').filter({ hasText: /^Quote expires in/ }).waitFor({ timeout: 15000 });
    await status(page).filter({ hasText: 'Waiting for your payment' }).waitFor({ timeout: 5000 });

    // Another asset, still the same session, at once: quotes of one second keep their order.
    await page.getByRole('button', { name: 'Change how you pay' }).click();
    await page.getByRole('radio', { name: /ETH/ }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await until('the ETH quote', () => answers.length === 3);
    const eth = answers[2];
    assert.deepEqual([eth.status, eth.sent, eth.body.id], [201, { asset: 'ETH' }, s.id]);
    await page.locator('.asset-symbol', { hasText: 'ETH' }).first().waitFor({ timeout: 15000 });
    assert.equal(await page.locator('#deposit-address').innerText(), eth.body.quote.deposit_address);

    const hash = await rpc(stack.rpcUrl, 'eth_sendTransaction', [
      { from: DEV_ACCOUNT, to: eth.body.quote.deposit_address, value: `0x${BigInt(eth.body.quote.amount_due).toString(16)}` },
    ]);
    await waitForReceipt(stack.rpcUrl, hash);
    await mine();
    // The page's poll makes the worker look at the chain.
    await status(page).filter({ hasText: 'Payment received' }).waitFor({ timeout: 30000 });
    assert.equal(await page.locator('.way-back a').count(), 0, 'paid: no way back offered');
    await screenshot(page, 'flow-paid');
    const paid = (await api('GET', `/v1/checkout_sessions/${s.id}`)).body;
    assert.deepEqual([paid.id, paid.status, paid.quote.id], [s.id, 'paid', eth.body.quote.id]);
    const hooks = await until('checkout_session.paid', () => received('checkout_session.paid').length && received('checkout_session.paid'));
    assert.equal(hooks.length, 1, 'one paid event');
    assert.equal(hooks[0].data.id, s.id);
    assert.equal(hooks[0].data.client_reference_id, 'A-1001');
    assert.deepEqual(hooks[0].data.metadata, order.metadata);

    // Money sent afterwards to the first USDC address: recorded, and shown as extra.
    // The paid page has stopped polling; the watcher's tick records the money, and the page
    // shows it when opened again.
    await transfer(stack.rpcUrl, stack.tokens.USDC, DEV_ACCOUNT, usdc.body.quote.deposit_address, 5_000_000n);
    await mine();
    assert.equal((await fetch(`${stack.baseUrl}/__scheduled?cron=*+*+*+*+*`)).status, 200);
    await page.reload();
    await page.locator('.extra').filter({ hasText: 'Extra payment received: 5 USDC' }).waitFor({ timeout: 30000 });
    assert.match(await page.locator('.extra').innerText(), /the merchant will be in touch/);
    await screenshot(page, 'flow-extra-payment');
    const after = (await api('GET', `/v1/checkout_sessions/${s.id}`)).body;
    const extra = after.payments.find((p) => p.quote === usdc.body.quote.id);
    assert.deepEqual([extra.asset, extra.amount, extra.extra], ['USDC', '5000000', true]);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a link opened with ?client_reference_id= carries it into its session and webhook; a reload resumes it', async () => {
    const link = (await api('POST', '/v1/payment_links', {
      title: 'Beans', type: 'fixed', amount: '12.50', currency: 'USD', assets: ['ETH'], chain: 'anvil',
    })).body;
    const { page, context, errors, answers } = await open(
      `${stack.baseUrl}/l/${link.slug}?client_reference_id=cart-7&prefilled_email=ada%40example.com`);
    await page.getByRole('button', { name: 'Continue' }).click({ timeout: 15000 });
    await page.locator('#quote-shown').waitFor({ timeout: 15000 });
    await until('the session', () => answers.length === 1);
    const [opened] = answers;
    assert.equal(opened.path, `/v1/public/links/${link.slug}/sessions`);
    assert.deepEqual(opened.sent, { asset: 'ETH', client_reference_id: 'cart-7', customer_email: 'ada@example.com' });
    const merchantView = (await api('GET', `/v1/checkout_sessions/${opened.body.id}`)).body;
    assert.deepEqual([merchantView.client_reference_id, merchantView.customer_email], ['cart-7', 'ada@example.com']);

    // The browser keeps the session: a reload shows its quote again and opens nothing new.
    await page.reload();
    await page.locator('#deposit-address').filter({ hasText: opened.body.quote.deposit_address }).waitFor({ timeout: 15000 });
    assert.equal(answers.length, 1, 'no second session');

    const hash = await rpc(stack.rpcUrl, 'eth_sendTransaction', [
      { from: DEV_ACCOUNT, to: opened.body.quote.deposit_address, value: `0x${BigInt(opened.body.quote.amount_due).toString(16)}` },
    ]);
    await waitForReceipt(stack.rpcUrl, hash);
    await mine();
    await status(page).filter({ hasText: 'Payment received' }).waitFor({ timeout: 30000 });
    const hook = await until('paid webhook', () => received('checkout_session.paid').find((e) => e.data.id === opened.body.id));
    assert.equal(hook.data.client_reference_id, 'cart-7');
    // Paid and gone: the next visit starts afresh.
    await page.reload();
    await page.getByRole('button', { name: 'Continue' }).waitFor({ timeout: 15000 });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a canceled checkout emits checkout_session.canceled; the page shows the way back and follows it', async () => {
    const s = (await api('POST', '/v1/checkout_sessions', { ...order, client_reference_id: 'A-1003' })).body;
    const { page, context, errors } = await open(s.url);
    await page.getByRole('link', { name: 'Cancel and return to Bean Shop' }).waitFor({ timeout: 15000 });
    const canceled = await api('POST', `/v1/checkout_sessions/${s.id}/expire`);
    assert.deepEqual([canceled.status, canceled.body.status], [200, 'canceled'], JSON.stringify(canceled.body));
    const hook = await until('checkout_session.canceled', () => received('checkout_session.canceled').find((e) => e.data.id === s.id));
    assert.equal(hook.data.client_reference_id, 'A-1003');

    // The page's poll learns of it: what happened, and the way back (now "Return").
    await status(page).filter({ hasText: 'This checkout was canceled' }).waitFor({ timeout: 15000 });
    assert.match(await status(page).innerText(), /Nothing was charged\. Return to the merchant to start again\./);
    assert.equal(await page.getByRole('button', { name: 'Continue' }).count(), 0, 'nothing left to choose');
    const back = page.getByRole('link', { name: 'Return to Bean Shop' });
    assert.equal(await back.getAttribute('href'), order.cancel_url);
    await screenshot(page, 'flow-canceled');
    await back.click();
    await page.waitForURL(order.cancel_url, { timeout: 10000 });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('an unknown checkout says it does not exist and what to do', async () => {
    const { page, context, errors } = await open(`${stack.baseUrl}/c/cs_000000000000000000000000`);
    await page.getByRole('heading', { level: 1, name: 'This checkout does not exist' }).waitFor({ timeout: 15000 });
    assert.match(await page.locator('main').innerText(), /go back to the shop and start the payment again/);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
