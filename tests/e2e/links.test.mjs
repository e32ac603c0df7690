// Payment links through the merchant API on the real worker.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { call, createMerchant } from '../harness/api.mjs';
import { loadContract } from '../harness/openapi.mjs';
import { startStack } from '../harness/stack.mjs';

const fixed = (extra = {}) => ({
  title: 'Coffee beans, 1 kg', type: 'fixed', amount: '24.5', currency: 'EUR',
  assets: ['ETH', 'USDC'], chain: 'anvil', ...extra,
});

describe('payment links', () => {
  let stack;
  let shop;
  let rival;
  let contract;
  const api = (method, path, { token = shop.testKey, body, headers } = {}) =>
    call(stack.baseUrl, method, path, { token, body, headers });

  before(async () => {
    stack = await startStack({ name: 'links' });
    shop = await createMerchant(stack, 'Roastery');
    rival = await createMerchant(stack, 'Rival');
    contract = await loadContract(stack.baseUrl);
  });
  after(async () => {
    await stack?.stop();
  });

  test('a fixed link is created with a generated slug and its hosted URL', async () => {
    const created = await api('POST', '/v1/payment_links', { body: fixed({ metadata: { sku: 'beans-1kg' } }) });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    contract.check('POST', '/v1/payment_links', created);
    const link = created.body;
    assert.match(link.id, /^pl_[0-9a-f]{24}$/);
    assert.match(link.slug, /^coffee-beans-1-kg-[0-9a-f]{6}$/);
    assert.equal(link.url, `${stack.baseUrl}/l/${link.slug}`);
    assert.equal(link.amount, '24.50', 'canonical decimal string in the currency');
    assert.equal(link.type, 'fixed');
    assert.equal(link.status, 'active');
    assert.equal(link.livemode, false);
    assert.equal(link.payments_count, 0);
    assert.deepEqual(link.metadata, { sku: 'beans-1kg' });
    const fetched = await api('GET', `/v1/payment_links/${link.id}`);
    assert.equal(fetched.status, 200);
    contract.check('GET', '/v1/payment_links/{id}', fetched);
    assert.deepEqual(fetched.body, link);
  });

  test('a custom link keeps its bounds; a taken slug is a 409', async () => {
    const slug = `tips-${randomUUID().slice(0, 8)}`;
    const body = { title: 'Tips', type: 'custom', currency: 'USD', slug, assets: ['USDC'], chain: 'anvil',
      custom_amount: { minimum: '1', maximum: '500', preset: '5' } };
    const created = await api('POST', '/v1/payment_links', { body });
    assert.equal(created.status, 201);
    assert.equal(created.body.amount, null);
    assert.deepEqual(created.body.custom_amount, { minimum: '1.00', maximum: '500.00', preset: '5.00' });
    const again = await api('POST', '/v1/payment_links', { token: rival.testKey, body });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'slug_taken');
  });

  test("another merchant's link, or the other mode's, is a 404", async () => {
    const link = (await api('POST', '/v1/payment_links', { body: fixed() })).body;
    const other = await api('GET', `/v1/payment_links/${link.id}`, { token: rival.testKey });
    assert.equal(other.status, 404);
    assert.equal(other.body.error.code, 'resource_missing');
    const live = await api('GET', `/v1/payment_links/${link.id}`, { token: shop.liveKey });
    assert.equal(live.status, 404, 'a live key never sees test objects');
    const rivalList = await api('GET', '/v1/payment_links', { token: rival.testKey });
    assert.ok(rivalList.body.data.every((l) => l.id !== link.id));
  });

  test('live mode takes mainnet chains and https redirects only', async () => {
    const wrongChain = await api('POST', '/v1/payment_links', { token: shop.liveKey, body: fixed() });
    assert.equal(wrongChain.body.error.code, 'chain_mode_mismatch');
    const local = await api('POST', '/v1/payment_links', {
      token: shop.liveKey, body: fixed({ chain: 'base', success_url: 'http://localhost:3000/ok' }),
    });
    assert.equal(local.body.error.code, 'url_not_https');
    const ok = await api('POST', '/v1/payment_links', { token: shop.liveKey, body: fixed({ chain: 'base' }) });
    assert.equal(ok.status, 201);
    assert.equal(ok.body.livemode, true);
  });

  test('a restricted key needs links:write to create and links:read to read', async () => {
    const make = async (scopes) => (await call(stack.baseUrl, 'POST', `/v1/admin/merchants/${shop.merchant.id}/keys`, {
      token: stack.adminToken, body: { kind: 'restricted', livemode: false, scopes },
    })).body.secret;
    const reader = await make(['links:read']);
    const denied = await api('POST', '/v1/payment_links', { token: reader, body: fixed() });
    assert.equal(denied.status, 403);
    assert.equal(denied.body.error.code, 'missing_scope');
    assert.equal(denied.body.error.param, 'links:write');
    assert.equal((await api('GET', '/v1/payment_links', { token: reader })).status, 200);
    const sessionsOnly = await make(['sessions:read']);
    assert.equal((await api('GET', '/v1/payment_links', { token: sessionsOnly })).status, 403);
  });

  test('invalid links answer 400 listing every failing field, and nothing is stored', async () => {
    const before = (await api('GET', '/v1/payment_links?status=all&limit=100')).body.data.length;
    const bad = await api('POST', '/v1/payment_links', {
      body: fixed({ title: '', amount: '1.234', assets: ['ETH', 'DOGE'], chain: 'mars', metadata: { k: 'v'.repeat(501) } }),
    });
    assert.equal(bad.status, 400);
    contract.check('POST', '/v1/payment_links', bad);
    assert.deepEqual(bad.body.error.errors.map((e) => [e.param, e.code]), [
      ['title', 'title_invalid'], ['amount', 'amount_too_many_decimals'], ['assets[1]', 'asset_unsupported'],
      ['chain', 'chain_unsupported'], ['metadata[k]', 'metadata_value_too_long'],
    ]);
    const wrongType = await api('POST', '/v1/payment_links', { body: fixed({ amount: 24.5 }) });
    assert.equal(wrongType.body.error.code, 'invalid_type', 'amounts are strings, never JSON numbers');
    assert.equal(wrongType.body.error.param, 'amount');
    assert.equal((await api('GET', '/v1/payment_links?status=all&limit=100')).body.data.length, before);
  });

  test('an Idempotency-Key makes a create safe to retry', async () => {
    const headers = { 'idempotency-key': randomUUID() };
    const first = await api('POST', '/v1/payment_links', { body: fixed({ title: 'Retry me' }), headers });
    const second = await api('POST', '/v1/payment_links', { body: fixed({ title: 'Retry me' }), headers });
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    assert.equal(second.body.id, first.body.id);
    const list = await api('GET', `/v1/payment_links?q=${encodeURIComponent('Retry me')}`);
    assert.equal(list.body.data.length, 1);
  });

  test('filters select by status, currency, creation time and text', async () => {
    const now = Math.floor(Date.now() / 1000);
    const tag = randomUUID().slice(0, 8);
    const inactive = (await api('POST', '/v1/payment_links', { body: fixed({ title: `Paused ${tag}`, active: false, currency: 'GBP' }) })).body;
    const soonGone = (await api('POST', '/v1/payment_links', { body: fixed({ title: `Flash ${tag}`, expires_at: now + 2 }) })).body;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const ids = async (query) => (await api('GET', `/v1/payment_links?${query}`)).body.data.map((l) => l.id);
    assert.deepEqual(await ids(`status=inactive&q=${tag}`), [inactive.id]);
    assert.deepEqual(await ids(`status=expired&q=${tag}`), [soonGone.id]);
    assert.deepEqual(await ids(`status=active&q=${tag}`), []);
    assert.deepEqual(await ids(`currency=GBP&q=${tag}`), [inactive.id]);
    assert.deepEqual(await ids(`q=${tag}&created[gte]=${now + 3600}`), []);
    assert.equal((await ids(`q=${tag}&created[lte]=${now + 3600}`)).length, 2);
    const page = await api('GET', `/v1/payment_links?q=${tag}`);
    contract.check('GET', '/v1/payment_links', page);
    assert.equal(page.body.data.find((l) => l.id === soonGone.id).status, 'expired');
  });

  test('bad list parameters answer 400 with their codes', async () => {
    const codes = async (query) => (await api('GET', `/v1/payment_links?${query}`)).body.error.code;
    assert.equal(await codes('limit=0'), 'invalid_limit');
    assert.equal(await codes('limit=101'), 'invalid_limit');
    assert.equal(await codes('colour=red'), 'unknown_parameter');
    assert.equal(await codes('status=paid'), 'invalid_filter');
    assert.equal(await codes('starting_after=pl_nope'), 'invalid_cursor');
    assert.equal(await codes('starting_after=a&ending_before=b'), 'conflicting_cursors');
  });

  test('PATCH changes only the fields sent; null clears; metadata merges by key', async () => {
    const link = (await api('POST', '/v1/payment_links', {
      body: fixed({ description: 'Whole beans', metadata: { k1: 'a', k2: 'b' } }),
    })).body;
    const patched = await api('PATCH', `/v1/payment_links/${link.id}`, {
      body: { title: 'Coffee beans, 2 kg', amount: '45', description: null, metadata: { k1: null, k3: 'c' } },
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    contract.check('PATCH', '/v1/payment_links/{id}', patched);
    const updated = patched.body;
    assert.equal(updated.title, 'Coffee beans, 2 kg');
    assert.equal(updated.amount, '45.00');
    assert.equal(updated.description, null);
    assert.deepEqual(updated.metadata, { k2: 'b', k3: 'c' });
    assert.equal(updated.slug, link.slug, 'the slug stays');
    assert.deepEqual(updated.assets, link.assets, 'fields not sent stay');
    assert.equal(updated.created_at, link.created_at);
    assert.deepEqual((await api('GET', `/v1/payment_links/${link.id}`)).body, updated);
  });

  test('PATCH is checked like a create and leaves the link alone when refused', async () => {
    const link = (await api('POST', '/v1/payment_links', { body: fixed() })).body;
    const codes = async (body) => (await api('PATCH', `/v1/payment_links/${link.id}`, { body })).body.error.code;
    assert.equal(await codes({ amount: 'abc' }), 'amount_invalid');
    assert.equal(await codes({ slug: 'another-slug' }), 'slug_immutable');
    assert.equal(await codes({ colour: 'red' }), 'unknown_field');
    // `null` removes a member in a merge patch: one naming no field must not pass unseen.
    assert.equal(await codes({ colour: null }), 'unknown_field');
    assert.equal(await codes({ '': null }), 'unknown_field');
    assert.equal(await codes({ type: 'custom' }), 'amount_not_allowed');
    assert.equal(await codes({ title: null }), 'missing_field');
    assert.deepEqual((await api('GET', `/v1/payment_links/${link.id}`)).body, link);
    const custom = await api('PATCH', `/v1/payment_links/${link.id}`, {
      body: { type: 'custom', amount: null, custom_amount: { minimum: '2' } },
    });
    assert.equal(custom.status, 200);
    assert.deepEqual(custom.body.custom_amount, { minimum: '2.00', maximum: null, preset: null });
    const foreign = await api('PATCH', `/v1/payment_links/${link.id}`, { token: rival.testKey, body: { title: 'Mine' } });
    assert.equal(foreign.status, 404);
  });

  test('DELETE archives once; archived links are listed only when asked for', async () => {
    const link = (await api('POST', '/v1/payment_links', { body: fixed({ title: `Archive ${randomUUID()}` }) })).body;
    const archived = await api('DELETE', `/v1/payment_links/${link.id}`);
    assert.equal(archived.status, 200);
    contract.check('DELETE', '/v1/payment_links/{id}', archived);
    assert.equal(archived.body.status, 'archived');
    const again = await api('DELETE', `/v1/payment_links/${link.id}`);
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'link_already_archived');
    const edit = await api('PATCH', `/v1/payment_links/${link.id}`, { body: { title: 'Revived' } });
    assert.equal(edit.body.error.code, 'link_archived');
    const q = encodeURIComponent(link.title);
    assert.deepEqual((await api('GET', `/v1/payment_links?q=${q}`)).body.data, []);
    const listed = (await api('GET', `/v1/payment_links?q=${q}&status=archived`)).body.data;
    assert.deepEqual(listed.map((l) => l.id), [link.id]);
    assert.equal((await api('DELETE', `/v1/payment_links/${link.id}`, { token: rival.testKey })).status, 404);
  });

  test('250 links page through in both directions with no duplicate or gap', async () => {
    const merchant = await createMerchant(stack, 'Big catalogue');
    const created = [];
    for (let i = 0; i < 250; i += 10) {
      const batch = await Promise.all(Array.from({ length: 10 }, (_, j) =>
        api('POST', '/v1/payment_links', { token: merchant.testKey, body: fixed({ title: `Item ${i + j}` }) })));
      for (const r of batch) {
        assert.equal(r.status, 201);
        created.push(r.body.id);
      }
    }
    const seen = [];
    let cursor = '';
    let pages = 0;
    for (;;) {
      const page = await api('GET', `/v1/payment_links?limit=100${cursor}`, { token: merchant.testKey });
      assert.equal(page.status, 200);
      seen.push(...page.body.data);
      pages += 1;
      if (!page.body.has_more) break;
      cursor = `&starting_after=${page.body.data.at(-1).id}`;
    }
    assert.equal(pages, 3);
    assert.equal(seen.length, 250);
    assert.equal(new Set(seen.map((l) => l.id)).size, 250, 'no duplicates');
    assert.deepEqual([...seen.map((l) => l.id)].sort(), [...created].sort(), 'no gaps');
    for (let i = 1; i < seen.length; i += 1) {
      const [a, b] = [seen[i - 1], seen[i]];
      assert.ok(a.created_at > b.created_at || (a.created_at === b.created_at && a.id > b.id), 'newest first');
    }
    const back = await api('GET', `/v1/payment_links?limit=100&ending_before=${seen[200].id}`, { token: merchant.testKey });
    assert.deepEqual(back.body.data.map((l) => l.id), seen.slice(100, 200).map((l) => l.id));
    assert.equal(back.body.has_more, true);
  });
});
