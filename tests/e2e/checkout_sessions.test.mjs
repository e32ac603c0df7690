// One-time checkouts through the API and the chain: the shop's server makes a session for an
// order, the customer quotes, lets the quote run out, quotes again and switches asset under
// the same session id, pays on anvil; the webhook names the order; money sent afterwards to
// the first quote's address is recorded as an extra payment. Cancels, references from a link,
// the hosted page and every refusal's code.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, createMerchant } from '../harness/api.mjs';
import { DEV_ACCOUNT, rpc, waitForReceipt } from '../harness/chain.mjs';
import { ANVIL_MNEMONIC, accountXpub } from '../harness/hd.mjs';
import { startReceiver } from '../harness/receiver.mjs';
import { d1, startStack } from '../harness/stack.mjs';
import { until } from '../harness/wait.mjs';
import { mint, transfer } from '../harness/token.mjs';

describe('checkout sessions', () => {
  let stack;
  let receiver;
  let shop;
  const api = (method, path, body, headers) => call(stack.baseUrl, method, path, { token: shop.testKey, body, headers });
  const open = (path, body) => call(stack.baseUrl, 'POST', path, { body });
  const tick = async () => assert.equal((await fetch(`${stack.baseUrl}/__scheduled?cron=*+*+*+*+*`)).status, 200);
  const mine = (blocks = 1) => rpc(stack.rpcUrl, 'anvil_mine', [`0x${blocks.toString(16)}`]);
  const payEth = async (to, wei) => {
    const hash = await rpc(stack.rpcUrl, 'eth_sendTransaction', [{ from: DEV_ACCOUNT, to, value: `0x${wei.toString(16)}` }]);
    await waitForReceipt(stack.rpcUrl, hash);
    return hash;
  };
  const runOut = (quoteId) => d1(stack.persistDir,
    `UPDATE checkout_quotes SET expires_at = ${Math.floor(Date.now() / 1000) - 600} WHERE id = '${quoteId}'`);
  const received = (type) => receiver.received('/hooks').map((r) => r.json).filter((e) => e.type === type);
  const order = {
    amount: '42.00', currency: 'EUR', assets: ['USDC', 'ETH'], chain: 'anvil',
    client_reference_id: 'A-1001', metadata: { cart: 'c_77', customer: 'cu_9' },
    success_url: 'https://shop.example/thanks', cancel_url: 'https://shop.example/cart',
  };

  before(async () => {
    receiver = await startReceiver();
    stack = await startStack({ name: 'checkout-sessions', vars: { LATE_GRACE_SECS: '0' } });
    shop = await createMerchant(stack, 'Bean Shop');
    assert.equal((await api('PATCH', '/v1/account', { checkout: { deposit_xpub: accountXpub(ANVIL_MNEMONIC, 12) } })).status, 200);
    const hook = await api('POST', '/v1/webhook_endpoints', { url: `${receiver.url}/hooks`, enabled_events: ['*'] });
    assert.equal(hook.status, 201, JSON.stringify(hook.body));
    await mint(stack.rpcUrl, stack.tokens.USDC, DEV_ACCOUNT, 1_000_000_000_000n);
  });
  after(async () => {
    await stack?.stop();
    await receiver?.stop();
  });

  test('an order paid after a quote ran out, a re-quote and a switch of asset keeps one session id', async () => {
    const created = await api('POST', '/v1/checkout_sessions', order, { 'idempotency-key': 'order-A-1001' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const s = created.body;
    assert.match(s.id, /^cs_[0-9a-f]{24}$/);
    assert.equal(s.url, `${stack.baseUrl}/c/${s.id}`);
    assert.deepEqual([s.status, s.quote, s.quotes, s.payment_link], ['open', null, [], null]);
    assert.deepEqual([s.amount, s.currency, s.client_reference_id], ['42.00', 'EUR', 'A-1001']);
    assert.deepEqual(s.metadata, order.metadata);
    assert.ok(s.expires_at - Math.floor(Date.now() / 1000) > 86_000, 'a day by default');
    const again = await api('POST', '/v1/checkout_sessions', order, { 'idempotency-key': 'order-A-1001' });
    assert.equal(again.body.id, s.id, 'the key replays the first answer');

    const path = `/v1/public/sessions/${s.id}/quotes`;
    const usdc = await open(path, { asset: 'USDC' });
    assert.equal(usdc.status, 201, JSON.stringify(usdc.body));
    assert.equal(usdc.body.id, s.id);
    assert.equal(usdc.body.quote.asset, 'USDC');
    assert.equal(usdc.body.cancel_url, order.cancel_url, 'the way back while open');
    assert.equal('client_reference_id' in usdc.body || 'metadata' in usdc.body, false, 'the customer sees neither');
    const firstUsdc = usdc.body.quote;
    const busy = await open(path, { asset: 'DOGE' });
    assert.deepEqual([busy.status, busy.body.error.code], [400, 'asset_unsupported']);

    await runOut(firstUsdc.id);
    await tick();
    assert.equal((await api('GET', `/v1/checkout_sessions/${s.id}`)).body.status, 'open', 'a run-out quote leaves the session open');
    const requoted = await open(path, { asset: 'USDC' });
    assert.equal(requoted.status, 201, JSON.stringify(requoted.body));
    assert.notEqual(requoted.body.quote.id, firstUsdc.id);
    assert.notEqual(requoted.body.quote.deposit_address, firstUsdc.deposit_address);
    const eth = await open(path, { asset: 'ETH' });
    assert.equal(eth.status, 201, JSON.stringify(eth.body));
    assert.equal(eth.body.id, s.id);
    const ethQuote = eth.body.quote;

    await payEth(ethQuote.deposit_address, BigInt(ethQuote.amount_due));
    await mine(2);
    await tick();
    const paid = (await api('GET', `/v1/checkout_sessions/${s.id}`)).body;
    assert.equal(paid.status, 'paid', JSON.stringify(paid));
    assert.equal(paid.quote.id, ethQuote.id, 'the quote that paid is the current one');
    assert.deepEqual(paid.quotes.map((q) => [q.asset, q.status]), [['USDC', 'expired'], ['USDC', 'open'], ['ETH', 'paid']]);
    assert.deepEqual(paid.payments.map((p) => [p.quote, p.asset, p.extra]), [[ethQuote.id, 'ETH', false]]);
    const hooks = await until('checkout_session.paid', () => received('checkout_session.paid').length && received('checkout_session.paid'));
    assert.equal(hooks.length, 1, 'one paid event');
    assert.equal(hooks[0].data.id, s.id);
    assert.equal(hooks[0].data.client_reference_id, 'A-1001');
    assert.deepEqual(hooks[0].data.metadata, order.metadata);
    assert.equal(received('checkout_session.quoted').filter((e) => e.data.id === s.id).length, 3);

    await transfer(stack.rpcUrl, stack.tokens.USDC, DEV_ACCOUNT, firstUsdc.deposit_address, 5_000_000n);
    await mine(2);
    await tick();
    const extra = (await api('GET', `/v1/checkout_sessions/${s.id}`)).body;
    assert.equal(extra.status, 'overpaid', JSON.stringify(extra));
    const late = extra.payments.find((p) => p.quote === firstUsdc.id);
    assert.deepEqual([late.asset, late.amount, late.extra], ['USDC', '5000000', true]);
    assert.match(late.tx_hash, /^0x[0-9a-f]{64}$/);
    await until('checkout_session.overpaid', () => received('checkout_session.overpaid').length);
    const listed = await api('GET', '/v1/checkout_sessions?client_reference_id=A-1001');
    assert.deepEqual(listed.body.data.map((x) => x.id), [s.id]);
    const closed = await open(path, { asset: 'ETH' });
    assert.deepEqual([closed.status, closed.body.error.code], [409, 'session_not_open']);
  });

  test('a part payment is finished on its own quote, not priced again', async () => {
    const s = (await api('POST', '/v1/checkout_sessions', { ...order, client_reference_id: 'A-1002' })).body;
    const quoted = (await open(`/v1/public/sessions/${s.id}/quotes`, { asset: 'ETH' })).body;
    await payEth(quoted.quote.deposit_address, BigInt(quoted.quote.amount_due) / 2n);
    await tick();
    const again = await open(`/v1/public/sessions/${s.id}/quotes`, { asset: 'USDC' });
    assert.deepEqual([again.status, again.body.error.code], [409, 'quote_has_payment']);
  });

  test('a canceled session emits checkout_session.canceled and takes no quote', async () => {
    const s = (await api('POST', '/v1/checkout_sessions', { ...order, client_reference_id: 'A-1003' })).body;
    const canceled = await api('POST', `/v1/checkout_sessions/${s.id}/expire`);
    assert.equal(canceled.status, 200, JSON.stringify(canceled.body));
    assert.equal(canceled.body.status, 'canceled');
    const hooks = await until('checkout_session.canceled', () => received('checkout_session.canceled').find((e) => e.data.id === s.id));
    assert.equal(hooks.data.client_reference_id, 'A-1003');
    const twice = await api('POST', `/v1/checkout_sessions/${s.id}/expire`);
    assert.deepEqual([twice.status, twice.body.error.code], [409, 'session_not_open']);
    const quote = await open(`/v1/public/sessions/${s.id}/quotes`, { asset: 'ETH' });
    assert.deepEqual([quote.status, quote.body.error.code], [409, 'session_not_open']);
    const shown = await call(stack.baseUrl, 'GET', `/v1/public/sessions/${s.id}`);
    assert.equal(shown.body.cancel_url, order.cancel_url, 'the way back after a cancel');
  });

  test('a link opened with a reference carries it into its session and webhook', async () => {
    const link = (await api('POST', '/v1/payment_links', {
      title: 'Beans', type: 'fixed', amount: '12.50', currency: 'USD', assets: ['ETH'], chain: 'anvil',
      cancel_url: 'https://shop.example/back',
    })).body;
    const opened = await open(`/v1/public/links/${link.slug}/sessions`, {
      asset: 'ETH', client_reference_id: 'cart-7', customer_email: 'ada@example.com',
    });
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    assert.equal(opened.body.payment_link, link.slug);
    assert.equal(opened.body.title, 'Beans');
    const merchantView = (await api('GET', `/v1/checkout_sessions/${opened.body.id}`)).body;
    assert.deepEqual([merchantView.client_reference_id, merchantView.customer_email, merchantView.payment_link],
      ['cart-7', 'ada@example.com', link.id]);
    await payEth(opened.body.quote.deposit_address, BigInt(opened.body.quote.amount_due));
    await mine(2);
    const polled = await call(stack.baseUrl, 'GET', `/v1/public/sessions/${opened.body.id}`);
    assert.equal(polled.body.status, 'paid', 'the poll checks the chain');
    const hook = await until('paid webhook', () => received('checkout_session.paid').find((e) => e.data.id === opened.body.id));
    assert.equal(hook.data.client_reference_id, 'cart-7');
    const refused = await open(`/v1/public/links/${link.slug}/sessions`, { asset: 'ETH', client_reference_id: 'x'.repeat(201), customer_email: 'nope' });
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.body.error.errors.map((e) => e.code), ['client_reference_id_too_long', 'email_invalid']);
  });

  test('a checkout made from a link takes it as a template', async () => {
    const link = (await api('POST', '/v1/payment_links', {
      title: 'House blend', type: 'fixed', amount: '9.99', currency: 'EUR', assets: ['USDC'], chain: 'anvil',
    })).body;
    const made = await api('POST', '/v1/checkout_sessions', { payment_link: link.id, client_reference_id: 'A-2001' });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.deepEqual([made.body.amount, made.body.currency, made.body.assets, made.body.title, made.body.payment_link],
      ['9.99', 'EUR', ['USDC'], 'House blend', link.id]);
    const missing = await api('POST', '/v1/checkout_sessions', { payment_link: 'pl_000000000000000000000000' });
    assert.deepEqual([missing.status, missing.body.error.code, missing.body.error.param], [400, 'payment_link_not_found', 'payment_link']);
  });

  test('a one-time link shows sold_out in the merchant list after its payment', async () => {
    const link = (await api('POST', '/v1/payment_links', { title: 'Only one', amount: '5.00', max_payments: 1 })).body;
    assert.deepEqual([link.chain, link.currency, link.status], ['anvil', 'USD', 'active'], 'defaults');
    const opened = (await open(`/v1/public/links/${link.slug}/sessions`, { asset: 'ETH' })).body;
    await payEth(opened.quote.deposit_address, BigInt(opened.quote.amount_due));
    await mine(2);
    await tick();
    assert.equal((await api('GET', `/v1/checkout_sessions/${opened.id}`)).body.status, 'paid');
    assert.equal((await api('GET', `/v1/payment_links/${link.id}`)).body.status, 'sold_out');
    const listed = await api('GET', '/v1/payment_links?status=sold_out');
    assert.deepEqual(listed.body.data.map((l) => l.id), [link.id]);
    const again = await open(`/v1/public/links/${link.slug}/sessions`, { asset: 'ETH' });
    assert.deepEqual([again.status, again.body.error.code], [410, 'link_sold_out']);
  });

  test('a checkout without a chain takes the account default', async () => {
    const { chain, ...rest } = order;
    const made = await api('POST', '/v1/checkout_sessions', { ...rest, assets: undefined });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.equal(made.body.chain, chain);
    assert.deepEqual(made.body.assets, ['ETH', 'USDC'], 'every asset the local chain offers');
  });

  test('every rule of a checkout has its own code', async () => {
    const cases = [
      [{}, 'amount_required', 'amount'],
      [{ ...order, amount: '0' }, 'amount_not_positive', 'amount'],
      [{ ...order, currency: 'XYZ' }, 'currency_unsupported', 'currency'],
      [{ ...order, chain: 'ethereum' }, 'chain_mode_mismatch', 'chain'],
      [{ ...order, assets: ['ETH', 'ETH'] }, 'assets_duplicate', 'assets[1]'],
      [{ ...order, client_reference_id: 'x'.repeat(201) }, 'client_reference_id_too_long', 'client_reference_id'],
      [{ ...order, customer_email: 'no' }, 'email_invalid', 'customer_email'],
      [{ ...order, expires_at: Math.floor(Date.now() / 1000) + 31 * 86400 }, 'expires_at_too_far', 'expires_at'],
      [{ ...order, cancel_url: 'ftp://shop.example' }, 'url_not_https', 'cancel_url'],
      [{ ...order, cancel_url: 'not a url' }, 'url_invalid', 'cancel_url'],
      [{ ...order, surprise: 1 }, 'unknown_field', 'surprise'],
    ];
    for (const [body, code, param] of cases) {
      const answer = await api('POST', '/v1/checkout_sessions', body);
      assert.equal(answer.status, 400, `${code}: ${JSON.stringify(answer.body)}`);
      const errors = answer.body.error.errors ?? [answer.body.error];
      assert.ok(errors.some((e) => e.code === code && e.param === param), `${code}: ${JSON.stringify(answer.body)}`);
    }
  });

  test('the hosted page inlines the session and is 404 for an unknown id', async () => {
    const s = (await api('POST', '/v1/checkout_sessions', { ...order, title: 'Order A-1001' })).body;
    const page = await fetch(s.url);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<title>Pay Bean Shop — Order A-1001<\/title>/);
    assert.match(html, /id="paylink-session">\{"id":"cs_/);
    // The reference and metadata stay the merchant's: neither the field nor a value is in it.
    assert.ok(!html.includes('client_reference_id') && !html.includes('c_77'), 'no reference or metadata in the page');
    assert.match(html, /href="https:\/\/shop.example\/cart"/);
    const missing = await fetch(`${stack.baseUrl}/c/cs_000000000000000000000000`);
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /id="paylink-session">null</);
  });
});
