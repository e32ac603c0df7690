// What a payment link create may leave out (currency, assets, chain, type), the account's
// default chain, and the statuses a link list shows and filters by (sold_out, comma lists).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { call, createMerchant } from '../harness/api.mjs';
import { loadContract } from '../harness/openapi.mjs';
import { d1, startStack } from '../harness/stack.mjs';

// A second token on anvil, so "every asset the chain offers" is more than the harness default
// (ETH and the test USDC). Only its address is read when a link is created.
const EURC_ANVIL = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512';

describe('payment link defaults and statuses', () => {
  let stack;
  let contract;
  const api = (token, method, path, body) => call(stack.baseUrl, method, path, { token, body });

  before(async () => {
    stack = await startStack({ name: 'links-defaults', vars: { TOKEN_EURC_ANVIL: EURC_ANVIL } });
    contract = await loadContract(stack.baseUrl);
  });
  after(async () => {
    await stack?.stop();
  });

  test("a fresh test merchant's first link needs only a title and an amount", async () => {
    const shop = await createMerchant(stack, 'Newcomer');
    const account = await api(shop.testKey, 'GET', '/v1/account');
    contract.check('GET', '/v1/account', account);
    assert.equal(account.body.checkout.default_chain, 'anvil', 'the local chain, since this stack serves it');
    const created = await api(shop.testKey, 'POST', '/v1/payment_links', { title: 'First link', amount: '10' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    contract.check('POST', '/v1/payment_links', created);
    const link = created.body;
    assert.equal(link.type, 'fixed');
    assert.equal(link.amount, '10.00');
    assert.equal(link.currency, 'USD');
    assert.equal(link.chain, 'anvil');
    assert.deepEqual(link.assets, ['ETH', 'USDC', 'EURC'], 'every asset with a contract on anvil here');
    assert.equal(link.status, 'active');
    assert.equal(link.archived_at, null);
    const custom = await api(shop.testKey, 'POST', '/v1/payment_links', { title: 'Tips', custom_amount: { minimum: '1' } });
    assert.equal(custom.status, 201, JSON.stringify(custom.body));
    assert.equal(custom.body.type, 'custom', 'bounds alone make a custom link');
  });

  test('PATCH /v1/account sets the default chain of the next link; null goes back to the assumed one', async () => {
    const shop = await createMerchant(stack, 'Sepolia Shop');
    const set = await api(shop.testKey, 'PATCH', '/v1/account', { checkout: { default_chain: 'sepolia' } });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    contract.check('PATCH', '/v1/account', set);
    assert.equal(set.body.checkout.default_chain, 'sepolia');
    const link = (await api(shop.testKey, 'POST', '/v1/payment_links', { title: 'On Sepolia', amount: '3' })).body;
    assert.equal(link.chain, 'sepolia');
    assert.deepEqual(link.assets, ['ETH', 'USDC', 'EURC'], "Circle's contracts on Sepolia");
    const named = (await api(shop.testKey, 'POST', '/v1/payment_links', { title: 'Local', amount: '3', chain: 'anvil', assets: ['ETH'] })).body;
    assert.deepEqual([named.chain, named.assets], ['anvil', ['ETH']], 'fields sent win over defaults');
    // Another setting changed later leaves the default chain alone.
    await api(shop.testKey, 'PATCH', '/v1/account', { checkout: { quote_lock_seconds: 600 } });
    assert.equal((await api(shop.testKey, 'GET', '/v1/account')).body.checkout.default_chain, 'sepolia');
    for (const [value, code] of [['base', 'chain_mode_mismatch'], ['mars', 'chain_unsupported'], [7, 'invalid_type']]) {
      const refused = await api(shop.testKey, 'PATCH', '/v1/account', { checkout: { default_chain: value } });
      assert.equal(refused.status, 400, JSON.stringify(value));
      contract.check('PATCH', '/v1/account', refused);
      assert.equal(refused.body.error.code, code, JSON.stringify(refused.body));
    }
    const reset = await api(shop.testKey, 'PATCH', '/v1/account', { checkout: { default_chain: null } });
    assert.equal(reset.body.checkout.default_chain, 'anvil');
    assert.equal((await api(shop.testKey, 'POST', '/v1/payment_links', { title: 'Back home', amount: '3' })).body.chain, 'anvil');
  });

  test('live mode assumes no chain: 422 chain_required until the merchant sets one', async () => {
    const shop = await createMerchant(stack, 'Live Shop');
    assert.equal((await api(shop.liveKey, 'GET', '/v1/account')).body.checkout.default_chain, null);
    const refused = await api(shop.liveKey, 'POST', '/v1/payment_links', { title: 'Live one', amount: '20' });
    assert.equal(refused.status, 422, JSON.stringify(refused.body));
    contract.check('POST', '/v1/payment_links', refused);
    assert.equal(refused.body.error.code, 'chain_required');
    assert.equal(refused.body.error.param, 'chain');
    assert.match(refused.body.error.message, /PATCH \/v1\/account/);
    assert.match(refused.body.error.message, /default_chain/);
    const alsoBad = await api(shop.liveKey, 'POST', '/v1/payment_links', { title: '', amount: '20' });
    assert.deepEqual(alsoBad.body.error.errors.map((e) => e.code), ['chain_required', 'title_invalid'], 'every fix at once');
    const set = await api(shop.liveKey, 'PATCH', '/v1/account', { checkout: { default_chain: 'base' } });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const created = await api(shop.liveKey, 'POST', '/v1/payment_links', { title: 'Live one', amount: '20' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual([created.body.chain, created.body.assets, created.body.livemode], ['base', ['ETH', 'USDC', 'EURC'], true]);
    assert.equal((await api(shop.testKey, 'GET', '/v1/account')).body.checkout.default_chain, 'anvil', 'each mode has its own');
  });

  test('a link at its max_payments lists as sold_out; status takes a comma list', async () => {
    const shop = await createMerchant(stack, 'Limited Shop');
    const tag = randomUUID().slice(0, 8);
    const make = async (extra) => (await api(shop.testKey, 'POST', '/v1/payment_links', { amount: '5', ...extra, title: `${extra.title} ${tag}` })).body;
    const active = await make({ title: 'Open' });
    const paused = await make({ title: 'Paused', active: false });
    const limited = await make({ title: 'Limited', max_payments: 2 });
    const pausedAndFull = await make({ title: 'Full and paused', max_payments: 1, active: false });
    // Counted as a settled payment counts it; the lead's checkout e2e pays for real.
    await d1(stack.persistDir, `UPDATE payment_links SET payments_count = max_payments WHERE id IN ('${limited.id}', '${pausedAndFull.id}')`);
    const ids = async (status) => {
      const page = await api(shop.testKey, 'GET', `/v1/payment_links?q=${tag}${status === undefined ? '' : `&status=${status}`}`);
      assert.equal(page.status, 200, JSON.stringify(page.body));
      contract.check('GET', '/v1/payment_links', page);
      // Links made in one second are ordered by their random ids: compare as sets.
      return page.body.data.map((l) => l.id).sort();
    };
    const set = (...links) => links.map((l) => l.id).sort();
    const got = await api(shop.testKey, 'GET', `/v1/payment_links/${limited.id}`);
    assert.equal(got.body.status, 'sold_out');
    assert.equal((await api(shop.testKey, 'GET', `/v1/payment_links/${pausedAndFull.id}`)).body.status, 'sold_out', 'sold out wins over inactive');
    const shown = await call(stack.baseUrl, 'GET', `/v1/public/links/${limited.slug}`);
    assert.equal(shown.body.state, 'sold_out', 'the pay page says the same');
    assert.deepEqual(await ids('sold_out'), set(pausedAndFull, limited));
    assert.deepEqual(await ids('active,inactive'), set(paused, active));
    assert.deepEqual(await ids('inactive,active,inactive'), set(paused, active), 'duplicates are harmless');
    assert.deepEqual(await ids('active,sold_out'), set(pausedAndFull, limited, active));
    assert.deepEqual(await ids('inactive'), set(paused), 'a sold-out link is not also inactive');
    assert.deepEqual(await ids(), set(pausedAndFull, limited, paused, active), 'by default every status but archived');
    const refused = async (status) => (await api(shop.testKey, 'GET', `/v1/payment_links?status=${status}`)).body.error;
    const unknown = await refused('active,paid');
    assert.deepEqual([unknown.code, unknown.param], ['invalid_filter', 'status']);
    assert.match(unknown.message, /"paid"/);
    assert.match(unknown.message, /active, inactive, expired, sold_out, archived or all/);
    assert.equal((await refused('active,')).code, 'invalid_filter', 'an empty name');
    assert.equal((await refused('active,,inactive')).code, 'invalid_filter');
  });

  test('an archived link shows when it was archived', async () => {
    const shop = await createMerchant(stack, 'Archiving Shop');
    const link = (await api(shop.testKey, 'POST', '/v1/payment_links', { title: 'Going away', amount: '1' })).body;
    const before = Math.floor(Date.now() / 1000);
    const archived = await api(shop.testKey, 'DELETE', `/v1/payment_links/${link.id}`);
    assert.equal(archived.status, 200);
    contract.check('DELETE', '/v1/payment_links/{id}', archived);
    assert.equal(archived.body.status, 'archived');
    assert.ok(Number.isInteger(archived.body.archived_at), JSON.stringify(archived.body));
    assert.ok(Math.abs(archived.body.archived_at - before) <= 5, `${archived.body.archived_at} vs ${before}`);
    const fetched = await api(shop.testKey, 'GET', `/v1/payment_links/${link.id}`);
    assert.equal(fetched.body.archived_at, archived.body.archived_at);
    const listed = (await api(shop.testKey, 'GET', '/v1/payment_links?status=archived,active')).body.data;
    assert.deepEqual(listed.map((l) => [l.id, l.archived_at]), [[link.id, archived.body.archived_at]]);
  });

  test('a link PATCH with null assets takes every asset its chain offers, like a create', async () => {
    const shop = await createMerchant(stack, 'Patching Shop');
    const link = (await api(shop.testKey, 'POST', '/v1/payment_links', { title: 'ETH only', amount: '1', assets: ['ETH'] })).body;
    const patched = await api(shop.testKey, 'PATCH', `/v1/payment_links/${link.id}`, { assets: null });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    contract.check('PATCH', '/v1/payment_links/{id}', patched);
    assert.deepEqual(patched.body.assets, ['ETH', 'USDC', 'EURC']);
    const untouched = await api(shop.testKey, 'PATCH', `/v1/payment_links/${link.id}`, { title: 'Renamed' });
    assert.deepEqual(untouched.body.assets, ['ETH', 'USDC', 'EURC'], 'a stored list is kept, not resolved again');
  });
});
