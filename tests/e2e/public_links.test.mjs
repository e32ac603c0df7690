// The pay page's read of a link: no key, every state, and archived or unknown slugs as 404.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, createMerchant } from '../harness/api.mjs';
import { loadContract } from '../harness/openapi.mjs';
import { d1, startStack } from '../harness/stack.mjs';

describe('GET /v1/public/links/{slug}', () => {
  let stack;
  let shop;
  let contract;
  const create = async (extra = {}) => (await call(stack.baseUrl, 'POST', '/v1/payment_links', {
    token: shop.testKey,
    body: { title: 'Espresso', type: 'fixed', amount: '3.2', currency: 'EUR', assets: ['ETH', 'EURC'], chain: 'anvil', metadata: { internal: 'x' }, ...extra },
  })).body;
  const read = (slug) => call(stack.baseUrl, 'GET', `/v1/public/links/${slug}`);

  before(async () => {
    stack = await startStack({ name: 'public' });
    shop = await createMerchant(stack, 'Café Central');
    contract = await loadContract(stack.baseUrl);
  });
  after(async () => {
    await stack?.stop();
  });

  test('a payable link shows what the customer needs and nothing private', async () => {
    const link = await create({ success_url: 'https://shop.example/thanks' });
    const answer = await read(link.slug);
    assert.equal(answer.status, 200);
    contract.check('GET', '/v1/public/links/{slug}', answer);
    const body = answer.body;
    assert.equal(body.state, 'payable');
    assert.equal(body.merchant_name, 'Café Central');
    assert.equal(body.amount, '3.20');
    assert.equal(body.chain_id, 31337);
    assert.equal(body.chain_name, 'Local test chain');
    assert.equal(body.livemode, false);
    // The way back is the page's to offer; where a paid session goes stays private.
    assert.equal(body.cancel_url, null);
    assert.deepEqual(body.assets, ['ETH', 'EURC']);
    for (const secret of ['id', 'metadata', 'success_url', 'merchant']) {
      assert.ok(!(secret in body), `${secret} is not public`);
    }
  });

  test('inactive, expired and sold-out links say so', async () => {
    const paused = await create({ active: false, inactive_message: 'Back on Monday' });
    assert.deepEqual([(await read(paused.slug)).body.state, (await read(paused.slug)).body.inactive_message], ['inactive', 'Back on Monday']);
    const limited = await create({ max_payments: 2 });
    await d1(stack.persistDir, `UPDATE payment_links SET payments_count = 2 WHERE id = '${limited.id}'`);
    assert.equal((await read(limited.slug)).body.state, 'sold_out');
    const ending = await create({ expires_at: Math.floor(Date.now() / 1000) + 3600 });
    await d1(stack.persistDir, `UPDATE payment_links SET expires_at = 1 WHERE id = '${ending.id}'`);
    assert.equal((await read(ending.slug)).body.state, 'expired');
  });

  test('reads are cached in KV, and an update through the API shows at once', async () => {
    const link = await create({ title: 'Cortado' });
    assert.equal((await read(link.slug)).body.title, 'Cortado');
    // A change behind the API's back is not seen while the entry is cached: the cache is used.
    await d1(stack.persistDir, `UPDATE payment_links SET title = 'Changed in D1' WHERE id = '${link.id}'`);
    assert.equal((await read(link.slug)).body.title, 'Cortado');
    // An update through the API drops the entry, so the next read comes from D1.
    const patched = await call(stack.baseUrl, 'PATCH', `/v1/payment_links/${link.id}`, {
      token: shop.testKey, body: { title: 'Flat white' },
    });
    assert.equal(patched.status, 200);
    assert.equal((await read(link.slug)).body.title, 'Flat white');
  });

  test('an archived link stops resolving; unknown and malformed slugs are 404 too', async () => {
    const link = await create();
    assert.equal((await read(link.slug)).status, 200);
    await call(stack.baseUrl, 'DELETE', `/v1/payment_links/${link.id}`, { token: shop.testKey });
    const gone = await read(link.slug);
    assert.equal(gone.status, 404);
    contract.check('GET', '/v1/public/links/{slug}', gone);
    assert.equal((await read('no-such-link')).status, 404);
    assert.equal((await read('Bad_Slug')).status, 404);
  });
});
