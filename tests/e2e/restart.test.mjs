// Restarting wrangler dev mid-run loses nothing committed: links, sessions and pending webhook
// deliveries live in D1, a payment made while the worker was down is still detected, and its
// webhook still arrives.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, createMerchant } from '../harness/api.mjs';
import { DEV_ACCOUNT, rpc, waitForReceipt } from '../harness/chain.mjs';
import { ANVIL_MNEMONIC, accountXpub } from '../harness/hd.mjs';
import { startReceiver } from '../harness/receiver.mjs';
import { startStack } from '../harness/stack.mjs';

describe('restarting the worker', () => {
  let stack;
  let receiver;

  before(async () => {
    receiver = await startReceiver();
    stack = await startStack({ name: 'restart' });
  });
  after(async () => {
    await stack?.stop();
    await receiver?.stop();
  });

  test('nothing committed is lost, and webhooks still arrive', async () => {
    const shop = await createMerchant(stack, 'Restart Shop');
    const api = (method, path, body) => call(stack.baseUrl, method, path, { token: shop.testKey, body });
    await api('PATCH', '/v1/account', { checkout: { deposit_xpub: accountXpub(ANVIL_MNEMONIC, 5) } });
    await api('POST', '/v1/webhook_endpoints', { url: `${receiver.url}/hooks`, enabled_events: ['*'] });
    // The receiver is down for the first delivery, so a retry is pending across the restart.
    receiver.plan('/hooks', ['503']);
    const link = (await api('POST', '/v1/payment_links', {
      title: 'Survivor', type: 'fixed', amount: '12.5', currency: 'USD', assets: ['ETH'], chain: 'anvil',
    })).body;
    const session = (await call(stack.baseUrl, 'POST', `/v1/public/links/${link.slug}/sessions`, { body: { asset: 'ETH' } })).body;
    const before = {
      links: (await api('GET', '/v1/payment_links')).body.data,
      sessions: (await api('GET', '/v1/checkout_sessions')).body.data,
      events: (await api('GET', '/v1/events')).body.data,
    };

    await stack.restartWorker({
      between: async () => {
        // Paid while the worker is down.
        const hash = await rpc(stack.rpcUrl, 'eth_sendTransaction', [{
          from: DEV_ACCOUNT, to: session.quote.deposit_address, value: `0x${BigInt(session.quote.amount_due).toString(16)}`,
        }]);
        await waitForReceipt(stack.rpcUrl, hash);
        await rpc(stack.rpcUrl, 'anvil_mine', ['0x2']);
      },
    });

    assert.deepEqual((await api('GET', '/v1/payment_links')).body.data, before.links);
    assert.deepEqual((await api('GET', '/v1/events')).body.data, before.events);
    const sessionsAfter = (await api('GET', '/v1/checkout_sessions')).body.data;
    assert.deepEqual(sessionsAfter.map((s) => s.id), before.sessions.map((s) => s.id));
    // Time passes for the retry (5 s in the schedule), then cron runs the watcher and deliveries.
    await new Promise((resolve) => setTimeout(resolve, 5500));
    assert.equal((await fetch(`${stack.baseUrl}/__scheduled?cron=*+*+*+*+*`)).status, 200);
    assert.equal((await api('GET', `/v1/checkout_sessions/${session.id}`)).body.status, 'paid');
    const deadline = Date.now() + 15000;
    let types = [];
    while (Date.now() < deadline) {
      types = receiver.received('/hooks').filter((r) => r.json).map((r) => r.json.type);
      if (types.includes('checkout_session.paid') && types.filter((t) => t === 'payment_link.created').length === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal(types.filter((t) => t === 'payment_link.created').length, 2, `first attempt failed, retry arrived: ${types}`);
    assert.ok(types.includes('checkout_session.paid'), types.join());
  });
});
