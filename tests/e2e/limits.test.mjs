// Cloudflare's per-invocation limits, which local wrangler dev does not enforce, enforced by the
// worker's meter (edge/src/platform/meter.rs) on a stack set to the Free plan's: 50 D1 queries
// and 50 subrequests. A webhook fan-out past 50 endpoints and a cron tick with 400 watched
// sessions on 150 links must stay within them, and lose nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, createMerchant } from '../harness/api.mjs';
import { ANVIL_MNEMONIC, accountXpub } from '../harness/hd.mjs';
import { startReceiver } from '../harness/receiver.mjs';
import { d1, startStack } from '../harness/stack.mjs';
import { bounded } from '../harness/bounded.mjs';
import { until } from '../harness/wait.mjs';
import { readUsage } from '../harness/usage.mjs';

const ENDPOINTS = 60;
const LINKS = 150;
const SESSIONS = 400;


describe('per-invocation limits (the Free plan, enforced locally)', () => {
  let stack;
  let receiver;
  let shop;
  const api = (method, path, body) => call(stack.baseUrl, method, path, { token: shop.testKey, body });
  const tick = async () => assert.equal((await fetch(`${stack.baseUrl}/__scheduled?cron=*+*+*+*+*`)).status, 200);
  /** The counts of every cron tick so far, from the worker's log. */
  const ticks = () => [...stack.workerOutput().matchAll(/cron tick used ([^\n]*)/g)].map((m) => readUsage(m[1]));

  before(async () => {
    receiver = await startReceiver();
    stack = await startStack({ name: 'limits', vars: { WORKERS_PLAN: 'free' } });
    shop = await createMerchant(stack, 'Busy Shop');
    const set = await api('PATCH', '/v1/account', { checkout: { deposit_xpub: accountXpub(ANVIL_MNEMONIC, 11) } });
    assert.equal(set.status, 200, JSON.stringify(set.body));
  });
  after(async () => {
    await stack?.stop();
    await receiver?.stop();
  });

  test('every answer says what it cost, and a request is refused nothing', async () => {
    const answer = await api('GET', '/v1/payment_links?limit=5');
    assert.equal(answer.status, 200);
    const usage = readUsage(answer.headers.get('paylink-usage') ?? '');
    assert.ok(usage.d1 >= 1 && usage.d1_sequential >= 1, JSON.stringify(usage));
    assert.ok(usage.statements >= usage.d1);
  });

  test(`an event for ${ENDPOINTS} endpoints: no run passes 50 fetches, every endpoint gets it once`, async () => {
    const endpoints = await bounded(ENDPOINTS, 8, async (i) => {
      const made = await api('POST', '/v1/webhook_endpoints', {
        url: `${receiver.url}/fan/${i}`, enabled_events: ['payment_link.created'],
      });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      return made.body.id;
    });
    const link = await api('POST', '/v1/payment_links', {
      title: 'Announced', type: 'fixed', amount: '5', currency: 'USD', assets: ['ETH'], chain: 'anvil',
    });
    assert.equal(link.status, 201, JSON.stringify(link.body));
    // The run after the answer sends what fits; cron ticks send the rest.
    const got = () => Array.from({ length: ENDPOINTS }, (_, i) => receiver.received(`/fan/${i}`).length);
    await until('the deliveries after the answer', () => got().some((n) => n > 0), 15000);
    for (let i = 0; i < 10 && got().some((n) => n === 0); i += 1) await tick();
    assert.deepEqual(got(), Array(ENDPOINTS).fill(1));
    // The meter refuses past 50, so what shows that the runs fit is that none was refused.
    assert.ok(ticks().length > 0, 'the rest went out on cron ticks');
    assert.doesNotMatch(stack.workerOutput(), /past the limit/);
    // The next test's links would be announced to every one of them.
    await bounded(ENDPOINTS, 8, async (i) => assert.equal((await api('DELETE', `/v1/webhook_endpoints/${endpoints[i]}`)).status, 200));
  });

  test(`a cron tick with ${SESSIONS} watched sessions on ${LINKS} links stays within the limits`, async () => {
    const links = await bounded(LINKS, 8, async (i) => {
      const made = await api('POST', '/v1/payment_links', {
        title: `Item ${i}`, type: 'fixed', amount: '12.5', currency: 'USD', assets: ['ETH', 'USDC'], chain: 'anvil',
      });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      return made.body.slug;
    });
    await bounded(SESSIONS, 8, async (i) => {
      const opened = await call(stack.baseUrl, 'POST', `/v1/public/links/${links[i % LINKS]}/sessions`, {
        body: { asset: i % 2 ? 'USDC' : 'ETH' },
      });
      assert.equal(opened.status, 201, JSON.stringify(opened.body));
    });
    // The chain's first check has no scan cursor yet; the second is the steady state.
    const before = ticks().length;
    await tick();
    await tick();
    await until('the ticks to log their counts', () => ticks().length > before + 1, 15000);
    const usage = ticks().at(-1);
    assert.ok(usage.d1 <= 50, `D1 queries ${JSON.stringify(usage)}`);
    assert.ok(usage.fetches <= 50, `fetches ${JSON.stringify(usage)}`);
    // The tick's budget (bench/RESULTS.md): D1 round trips one after another, and rounds of
    // requests to the node (the head with the blocks after the cursor; every chunk at once).
    assert.ok(usage.d1_sequential <= 4, `sequential D1 round trips ${JSON.stringify(usage)}`);
    assert.ok(usage.fetch_sequential <= 2, `rounds of RPC ${JSON.stringify(usage)}`);
    const [checked] = await d1(stack.persistDir, 'SELECT count(*) AS n FROM checkout_sessions WHERE checked_at IS NOT NULL');
    assert.equal(checked.n, SESSIONS);
    assert.doesNotMatch(stack.workerOutput(), /past the limit|variable number/);
  });
});
