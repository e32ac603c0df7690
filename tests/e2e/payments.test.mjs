// Payment detection on a real local chain: anvil, a test USDC, and the worker's watcher run
// by the cron trigger (`/__scheduled`) or by the pay page's poll. Every status of a session,
// reorgs (shallow, and deeper than the confirmations), a node that is down, and link limits
// that hold however many sessions pay.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, createMerchant } from '../harness/api.mjs';
import { DEV_ACCOUNT, rpc, waitForReceipt } from '../harness/chain.mjs';
import { ANVIL_MNEMONIC, accountXpub } from '../harness/hd.mjs';
import { freePort } from '../harness/processes.mjs';
import { startRpcProxy } from '../harness/rpc_proxy.mjs';
import { d1, startStack } from '../harness/stack.mjs';
import { mint, transfer } from '../harness/token.mjs';

describe('payment detection', () => {
  let stack;
  let proxy;
  let shop;
  const api = (method, path, body) => call(stack.baseUrl, method, path, { token: shop.testKey, body });
  const link = async (extra = {}) => {
    const answer = await api('POST', '/v1/payment_links', {
      title: 'Beans', type: 'fixed', amount: '12.5', currency: 'USD', assets: ['ETH', 'USDC'], chain: 'anvil', ...extra,
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body;
  };
  const open = async (slug, asset = 'ETH') => {
    const answer = await call(stack.baseUrl, 'POST', `/v1/public/links/${slug}/sessions`, { body: { asset } });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body;
  };
  const session = async (id) => (await api('GET', `/v1/checkout_sessions/${id}`)).body;
  const sweep = async () => {
    const tick = await fetch(`${stack.baseUrl}/__scheduled?cron=*+*+*+*+*`);
    assert.equal(tick.status, 200);
  };
  const mine = (blocks = 1) => rpc(stack.rpcUrl, 'anvil_mine', [`0x${blocks.toString(16)}`]);
  const payEth = async (to, wei) => {
    const hash = await rpc(stack.rpcUrl, 'eth_sendTransaction', [{ from: DEV_ACCOUNT, to, value: `0x${wei.toString(16)}` }]);
    await waitForReceipt(stack.rpcUrl, hash);
    return hash;
  };
  const payUsdc = async (to, units) => (await transfer(stack.rpcUrl, stack.tokens.USDC, DEV_ACCOUNT, to, units)).transactionHash;
  const due = (s) => BigInt(s.quote.amount_due);
  // Both the quote's lock and the session's own expiry: a quote that ran out alone leaves
  // the session open for a new quote.
  const expireNow = (id) => {
    const past = Math.floor(Date.now() / 1000) - 600;
    return d1(stack.persistDir, `UPDATE checkout_quotes SET expires_at = ${past} WHERE session_id = '${id}'; UPDATE checkout_sessions SET expires_at = ${past} WHERE id = '${id}'`);
  };

  before(async () => {
    const anvilPort = await freePort();
    proxy = await startRpcProxy(`http://127.0.0.1:${anvilPort}`);
    // Late means late: no grace after the quote ends, so the test need not wait a minute.
    stack = await startStack({ name: 'payments', anvilPort, vars: { RPC_URL_ANVIL: proxy.url, LATE_GRACE_SECS: '0' } });
    shop = await createMerchant(stack, 'Bean Shop');
    const set = await api('PATCH', '/v1/account', { checkout: { deposit_xpub: accountXpub(ANVIL_MNEMONIC, 2) } });
    assert.equal(set.status, 200);
    await mint(stack.rpcUrl, stack.tokens.USDC, DEV_ACCOUNT, 1_000_000_000_000n);
  });
  after(async () => {
    await stack?.stop();
    await proxy?.stop();
  });

  test('an exact ETH payment is pending, then paid after 2 confirmations', async () => {
    const beans = await link({ max_payments: 1 });
    const s = await open(beans.slug);
    await payEth(s.quote.deposit_address, due(s));
    await sweep();
    let seen = await session(s.id);
    assert.equal(seen.status, 'pending');
    assert.equal(seen.amount_received, s.quote.amount_due);
    assert.equal(seen.amount_remaining, '0');
    await mine(1);
    await sweep();
    seen = await session(s.id);
    assert.equal(seen.status, 'paid');
    assert.ok(seen.paid_at > 0);
    assert.equal(seen.payments.length, 1);
    assert.equal(seen.payments[0].amount, s.quote.amount_due);
    const after = (await api('GET', `/v1/payment_links/${beans.id}`)).body;
    assert.equal(after.payments_count, 1);
    // The cached public link learns at once that it sold out.
    assert.equal((await call(stack.baseUrl, 'GET', `/v1/public/links/${beans.slug}`)).body.state, 'sold_out');
    const publicView = (await call(stack.baseUrl, 'GET', `/v1/public/sessions/${s.id}`)).body;
    assert.equal(publicView.status, 'paid');
  });

  test('a USDC transfer is paid, with its transaction hash recorded', async () => {
    const s = await open((await link()).slug, 'USDC');
    assert.equal(s.quote.amount_due, '12500000');
    const hash = await payUsdc(s.quote.deposit_address, 12_500_000n);
    await mine(1);
    await sweep();
    const seen = await session(s.id);
    assert.equal(seen.status, 'paid');
    assert.deepEqual(seen.payments.map((p) => [p.tx_hash, p.amount]), [[hash, '12500000']]);
  });

  test('the pay page poll checks the chain itself, without waiting for cron', async () => {
    const s = await open((await link()).slug);
    await payEth(s.quote.deposit_address, due(s));
    const polled = (await call(stack.baseUrl, 'GET', `/v1/public/sessions/${s.id}`)).body;
    assert.equal(polled.status, 'pending');
    assert.equal(polled.confirmations_required, 2);
  });

  test('less than due stays open with what arrived shown, then is underpaid at expiry', async () => {
    const s = await open((await link()).slug);
    const half = due(s) / 2n;
    await payEth(s.quote.deposit_address, half);
    await mine(2);
    await sweep();
    let seen = await session(s.id);
    assert.equal(seen.status, 'open');
    assert.equal(seen.amount_received, half.toString());
    assert.equal(seen.amount_remaining, (due(s) - half).toString());
    await expireNow(s.id);
    await sweep();
    seen = await session(s.id);
    assert.equal(seen.status, 'underpaid');
    assert.equal(seen.amount_remaining, (due(s) - half).toString());
  });

  test('more than due is overpaid, with the excess visible', async () => {
    const s = await open((await link()).slug, 'USDC');
    await payUsdc(s.quote.deposit_address, 13_000_000n);
    await mine(1);
    await sweep();
    const seen = await session(s.id);
    assert.equal(seen.status, 'overpaid');
    assert.equal(seen.amount_received, '13000000');
  });

  test('two partial payments add up to paid', async () => {
    const s = await open((await link()).slug);
    const first = due(s) * 4n / 10n;
    await payEth(s.quote.deposit_address, first);
    await sweep();
    assert.equal((await session(s.id)).status, 'open');
    await payEth(s.quote.deposit_address, due(s) - first);
    await mine(1);
    await sweep();
    const seen = await session(s.id);
    assert.equal(seen.status, 'paid');
    assert.deepEqual(seen.payments.map((p) => BigInt(p.amount)), [first, due(s) - first]);
  });

  test('a payment after expiry, while still watched, is paid_late', async () => {
    const s = await open((await link()).slug, 'USDC');
    await expireNow(s.id);
    await sweep();
    assert.equal((await session(s.id)).status, 'expired');
    await payUsdc(s.quote.deposit_address, 12_500_000n);
    await mine(1);
    await sweep();
    assert.equal((await session(s.id)).status, 'paid_late');
  });

  test('a reorg that removes a pending payment moves the session back to open', async () => {
    const s = await open((await link()).slug);
    const snapshot = await rpc(stack.rpcUrl, 'evm_snapshot');
    await payEth(s.quote.deposit_address, due(s));
    await sweep();
    assert.equal((await session(s.id)).status, 'pending');
    assert.equal(await rpc(stack.rpcUrl, 'evm_revert', [snapshot]), true);
    await mine(3);
    await sweep();
    const seen = await session(s.id);
    assert.equal(seen.status, 'open');
    assert.equal(seen.amount_received, '0');
    assert.deepEqual(seen.payments, []);
  });

  test('a reorg deeper than the confirmations keeps a paid session paid, reports the reversal once; paying again restores it', async () => {
    const beans = await link();
    const s = await open(beans.slug);
    const snapshot = await rpc(stack.rpcUrl, 'evm_snapshot');
    await payEth(s.quote.deposit_address, due(s));
    await mine(1);
    await sweep();
    assert.equal((await session(s.id)).status, 'paid');
    // Buried 4 blocks deep, twice the confirmations, then the chain forgets it.
    await mine(2);
    assert.equal(await rpc(stack.rpcUrl, 'evm_revert', [snapshot]), true);
    await mine(6);
    for (let i = 0; i < 3; i += 1) await sweep();
    const seen = await session(s.id);
    assert.equal(seen.status, 'paid', 'the merchant may have shipped: the status stays');
    assert.equal(seen.amount_received, '0');
    assert.equal(seen.amount_remaining, s.quote.amount_due);
    assert.equal(seen.amount_reversed, s.quote.amount_due, 'and says why nothing is there');
    assert.deepEqual(seen.payments, []);
    const reversals = async () => (await api('GET', '/v1/events?type=checkout_session.payment_reversed&limit=100'))
      .body.data.filter((e) => e.data.id === s.id);
    const [reversal, ...more] = await reversals();
    assert.deepEqual(more, [], 'one event however many ticks see it');
    assert.deepEqual(reversal.data, seen, 'the event carries the session as the API shows it');
    assert.equal((await api('GET', `/v1/payment_links/${beans.id}`)).body.payments_count, 1, 'still a sale');
    // The customer pays again (or the transaction is mined anew): whole again, told again.
    await payEth(s.quote.deposit_address, due(s));
    await mine(1);
    await sweep();
    const restored = await session(s.id);
    assert.equal(restored.status, 'paid');
    assert.equal(restored.amount_reversed, '0');
    assert.equal(restored.amount_received, s.quote.amount_due);
    const paid = (await api('GET', '/v1/events?type=checkout_session.paid&limit=100')).body.data.filter((e) => e.data.id === s.id);
    assert.equal(paid.length, 2, 'paid, then paid again after the reversal');
    assert.equal(paid[0].data.amount_reversed, '0');
    assert.equal((await reversals()).length, 1);
    assert.equal((await api('GET', `/v1/payment_links/${beans.id}`)).body.payments_count, 1, 'counted once');
  });

  test('with the node down, sessions stay as they were and /healthz says so', async () => {
    const s = await open((await link()).slug);
    for (const mode of ['503', 'reset']) {
      proxy.down(mode);
      await payEth(s.quote.deposit_address, due(s) / 10n);
      await sweep();
      const seen = await session(s.id);
      assert.equal(seen.status, 'open');
      assert.equal(seen.amount_received, '0', `${mode}: nothing read, nothing written`);
      const health = await (await fetch(`${stack.baseUrl}/healthz`)).json();
      const anvil = health.chains.find((c) => c.chain === 'anvil');
      assert.equal(anvil.status, 'error', mode);
    }
    proxy.up();
    await sweep();
    assert.equal((await session(s.id)).amount_received, (due(s) / 10n * 2n).toString());
    const health = await (await fetch(`${stack.baseUrl}/healthz`)).json();
    assert.equal(health.chains.find((c) => c.chain === 'anvil').status, 'ok');
  });

  test('50 concurrent checkouts on a link with max_payments 3: 3 paid, the rest paid late', async () => {
    const limited = await link({ max_payments: 3 });
    const answers = await Promise.all(Array.from({ length: 50 }, () =>
      call(stack.baseUrl, 'POST', `/v1/public/links/${limited.slug}/sessions`, { body: { asset: 'USDC' } })));
    assert.deepEqual([...new Set(answers.map((a) => a.status))], [201]);
    const sessions = answers.map((a) => a.body);
    for (const s of sessions.slice(0, 6)) await payUsdc(s.quote.deposit_address, 12_500_000n);
    await mine(1);
    // Two checkers at once, as cron and a poll might be: nothing is counted twice.
    await Promise.all([sweep(), sweep()]);
    const statuses = [];
    for (const s of sessions.slice(0, 6)) statuses.push((await session(s.id)).status);
    assert.equal(statuses.filter((st) => st === 'paid').length, 3, statuses.join());
    assert.equal(statuses.filter((st) => st === 'paid_late').length, 3, statuses.join());
    assert.equal((await api('GET', `/v1/payment_links/${limited.id}`)).body.payments_count, 3);
    const [{ n }] = await d1(stack.persistDir, `SELECT COUNT(*) AS n FROM checkout_sessions WHERE link_id = '${limited.id}'`);
    assert.equal(n, 50, 'no session lost');
    const late = await call(stack.baseUrl, 'POST', `/v1/public/links/${limited.slug}/sessions`, { body: { asset: 'USDC' } });
    assert.deepEqual([late.status, late.body.error.code], [410, 'link_sold_out']);
  });
});
