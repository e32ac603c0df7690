// Rate limits on the real worker: per key, configured down to 5 requests a minute, and per
// client IP for opening checkout sessions, down to 3 a minute.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, createMerchant } from '../harness/api.mjs';
import { loadContract } from '../harness/openapi.mjs';
import { ANVIL_MNEMONIC, accountXpub } from '../harness/hd.mjs';
import { startStack } from '../harness/stack.mjs';

const LIMIT = 5;

/** Waits until at least `margin` seconds are left in the current minute-long window. */
async function awayFromWindowEnd(margin = 15) {
  const left = 60 - (Math.floor(Date.now() / 1000) % 60);
  if (left < margin) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 200));
}

describe('rate limits', () => {
  let stack;
  let demo;
  before(async () => {
    stack = await startStack({ name: 'ratelimits', vars: { RATE_LIMIT_PER_MINUTE: String(LIMIT), PUBLIC_SESSIONS_PER_MINUTE: '3' } });
    demo = await createMerchant(stack, 'Busy Shop');
  });
  after(async () => {
    await stack?.stop();
  });

  test('a key gets its limit per minute, with RateLimit headers, then 429 with Retry-After', async () => {
    await awayFromWindowEnd();
    for (let i = 1; i <= LIMIT; i += 1) {
      const ok = await call(stack.baseUrl, 'GET', '/v1/account', { token: demo.testKey });
      assert.equal(ok.status, 200);
      assert.equal(ok.headers.get('ratelimit-limit'), String(LIMIT));
      assert.equal(ok.headers.get('ratelimit-remaining'), String(LIMIT - i));
      assert.equal(ok.headers.get('ratelimit-policy'), `${LIMIT};w=60`);
      const reset = Number(ok.headers.get('ratelimit-reset'));
      assert.ok(reset >= 1 && reset <= 60, `reset ${reset}`);
    }
    const limited = await call(stack.baseUrl, 'GET', '/v1/account', { token: demo.testKey });
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.type, 'rate_limit_error');
    assert.equal(limited.body.error.code, 'rate_limited');
    assert.equal(limited.headers.get('ratelimit-remaining'), '0');
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `retry-after ${retryAfter}`);
  });

  test('each key has its own budget', async () => {
    const other = await call(stack.baseUrl, 'GET', '/v1/account', { token: demo.liveKey });
    assert.equal(other.status, 200);
    assert.equal(Number(other.headers.get('ratelimit-remaining')), LIMIT - 1);
  });

  test('the 429 is a documented response', async () => {
    const contract = await loadContract(stack.baseUrl);
    const limited = await call(stack.baseUrl, 'GET', '/v1/account', { token: demo.testKey });
    if (limited.status === 200) return assert.fail('the window rolled over; rerun');
    contract.check('GET', '/v1/account', limited);
  });

  // Last: it may wait for a fresh window, which the tests above must not see.
  test('a client may open only so many checkout sessions a minute', async () => {
    await awayFromWindowEnd(20);
    const shop = await createMerchant(stack, 'Popular Shop');
    await call(stack.baseUrl, 'PATCH', '/v1/account', { token: shop.testKey, body: { checkout: { deposit_xpub: accountXpub(ANVIL_MNEMONIC, 7) } } });
    const link = (await call(stack.baseUrl, 'POST', '/v1/payment_links', {
      token: shop.testKey,
      body: { title: 'Hot', type: 'fixed', amount: '1', currency: 'USD', assets: ['ETH'], chain: 'anvil' },
    })).body;
    const open = () => call(stack.baseUrl, 'POST', `/v1/public/links/${link.slug}/sessions`, { body: { asset: 'ETH' } });
    for (let i = 0; i < 3; i += 1) assert.equal((await open()).status, 201);
    const limited = await open();
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.code, 'rate_limited');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    // Polling a session is not limited this way.
    assert.equal((await call(stack.baseUrl, 'GET', '/v1/public/links/' + link.slug)).status, 200);
  });
});
