// The chain watcher at scale: more payment links with watched sessions than D1 binds
// parameters in one statement (100). Cron ticks alone, with no pay page polling, must still
// see a payment, mark its session paid and send its webhook.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, createMerchant } from '../harness/api.mjs';
import { DEV_ACCOUNT, rpc, waitForReceipt } from '../harness/chain.mjs';
import { ANVIL_MNEMONIC, accountXpub } from '../harness/hd.mjs';
import { waitFor } from '../harness/processes.mjs';
import { startReceiver } from '../harness/receiver.mjs';
import { d1, startStack } from '../harness/stack.mjs';
import { bounded } from '../harness/bounded.mjs';

/** More distinct links than D1's 100 bound parameters, one watched session each. */
const LINKS = 120;
/** Requests in flight at once while setting up: quick, without queueing hundreds on wrangler. */
const CONCURRENCY = 8;

describe('the watcher past 100 links', () => {
  let stack;
  let receiver;
  let shop;
  const api = (method, path, body) => call(stack.baseUrl, method, path, { token: shop.testKey, body });
  const tick = async () => assert.equal((await fetch(`${stack.baseUrl}/__scheduled?cron=*+*+*+*+*`)).status, 200);

  before(async () => {
    receiver = await startReceiver();
    stack = await startStack({ name: 'watcher-scale' });
    shop = await createMerchant(stack, 'Busy Shop');
    const set = await api('PATCH', '/v1/account', { checkout: { deposit_xpub: accountXpub(ANVIL_MNEMONIC, 5) } });
    assert.equal(set.status, 200);
    const hook = await api('POST', '/v1/webhook_endpoints', { url: `${receiver.url}/paid`, enabled_events: ['checkout_session.paid'] });
    assert.equal(hook.status, 201, JSON.stringify(hook.body));
  });
  after(async () => {
    await stack?.stop();
    await receiver?.stop();
  });

  test(`${LINKS} links with a watched ETH session each: cron ticks alone mark the paid one paid and send its webhook`, async () => {
    const opened = await bounded(LINKS, CONCURRENCY, async (i) => {
      const link = await api('POST', '/v1/payment_links', {
        title: `Item ${i}`, type: 'fixed', amount: '12.5', currency: 'USD', assets: ['ETH'], chain: 'anvil',
      });
      assert.equal(link.status, 201, JSON.stringify(link.body));
      const session = await call(stack.baseUrl, 'POST', `/v1/public/links/${link.body.slug}/sessions`, { body: { asset: 'ETH' } });
      assert.equal(session.status, 201, JSON.stringify(session.body));
      return { link: link.body.id, session: session.body };
    });
    assert.equal(new Set(opened.map((o) => o.link)).size, LINKS);
    const sessions = opened.map((o) => o.session);
    const paid = sessions.at(-1);
    const hash = await rpc(stack.rpcUrl, 'eth_sendTransaction', [{
      from: DEV_ACCOUNT, to: paid.quote.deposit_address, value: `0x${BigInt(paid.quote.amount_due).toString(16)}`,
    }]);
    await waitForReceipt(stack.rpcUrl, hash);
    // The payment's block and one more: anvil's 2 confirmations, reached before any check.
    await rpc(stack.rpcUrl, 'anvil_mine', ['0x1']);
    // The reproduction: three ticks, and nothing but ticks.
    for (let i = 0; i < 3; i += 1) await tick();
    const seen = (await api('GET', `/v1/checkout_sessions/${paid.id}`)).body;
    assert.equal(seen.status, 'paid', JSON.stringify(seen));
    assert.equal(seen.amount_received, paid.quote.amount_due);
    await waitFor('the paid webhook', () => receiver.received('/paid').length > 0, { timeoutMs: 15000 });
    const [got] = receiver.received('/paid');
    assert.equal(got.json.type, 'checkout_session.paid');
    assert.equal(got.json.data.id, paid.id);
    assert.equal(got.json.data.status, 'paid');
    // Every session was checked (the others stay open); one event, one delivery.
    const [checked] = await d1(stack.persistDir, 'SELECT count(*) AS n FROM checkout_sessions WHERE checked_at IS NOT NULL');
    assert.equal(checked.n, LINKS);
    const others = await bounded(5, 5, async (i) => (await api('GET', `/v1/checkout_sessions/${sessions[i * 20].id}`)).body.status);
    assert.deepEqual(others, Array(5).fill('open'));
    assert.equal(receiver.received('/paid').length, 1);
    assert.doesNotMatch(stack.workerOutput(), /variable number|watcher sweep failed/);
  });
});
