// Input at the edges (issue #13, cases 1–5): numbers past what JavaScript holds, timestamps
// past year 9999, control characters, long searches, one wallet for two merchants, repeated
// keys. Each answers a 4xx with its own code, and whatever is accepted reads back everywhere.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, createMerchant } from '../harness/api.mjs';
import { ANVIL_MNEMONIC, accountXpub } from '../harness/hd.mjs';
import { d1, startStack } from '../harness/stack.mjs';

const LAST_SECOND = 253402300799; // 9999-12-31T23:59:59Z
const base = { title: 'Edge', type: 'fixed', amount: '10', currency: 'USD', assets: ['ETH'], chain: 'anvil' };

describe('input at the edges', () => {
  let stack;
  let shop;
  const api = (method, path, body, token = shop.testKey) => call(stack.baseUrl, method, path, { token, body });
  const refused = (answer, status, code, param) => {
    assert.equal(answer.status, status, JSON.stringify(answer.body));
    assert.equal(answer.body.error.code, code, JSON.stringify(answer.body));
    if (param !== undefined) assert.equal(answer.body.error.param, param, JSON.stringify(answer.body));
  };

  /** Every read that shows `link`: each answers 200 (and the pay page HTML). */
  async function readsEverywhere(link, { poll = true } = {}) {
    const reads = [
      await api('GET', `/v1/payment_links/${link.id}`),
      await api('GET', '/v1/payment_links'),
      await api('GET', '/v1/payment_links?status=all'),
      await call(stack.baseUrl, 'GET', `/v1/public/links/${link.slug}`),
      await api('GET', `/v1/checkout_sessions?payment_link=${link.id}`),
      await api('GET', '/v1/events'),
    ];
    for (const read of reads) assert.equal(read.status, 200, JSON.stringify(read.body));
    const page = await fetch(`${stack.baseUrl}/l/${link.slug}`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type'), /text\/html/);
    const session = await call(stack.baseUrl, 'POST', `/v1/public/links/${link.slug}/sessions`, { body: { asset: 'ETH' } });
    assert.equal(session.status, 201, JSON.stringify(session.body));
    if (poll) assert.equal((await call(stack.baseUrl, 'GET', `/v1/public/sessions/${session.body.id}`)).status, 200);
    assert.equal((await api('GET', `/v1/checkout_sessions/${session.body.id}`)).status, 200);
    return reads[0].body;
  }

  before(async () => {
    stack = await startStack({ name: 'bounds' });
    shop = await createMerchant(stack, 'Edge Shop');
    const set = await api('PATCH', '/v1/account', { checkout: { deposit_xpub: accountXpub(ANVIL_MNEMONIC, 10) } });
    assert.equal(set.status, 200, JSON.stringify(set.body));
  });
  after(async () => {
    await stack?.stop();
  });

  test('case 1: an expiry past 2^53 - 1 or past year 9999 is refused at create and update', async () => {
    // i64::MAX cannot be written from JavaScript: sent as JSON text.
    const raw = (n) => JSON.stringify(base).replace(/}$/, `,"expires_at":${n}}`);
    refused(await api('POST', '/v1/payment_links', raw('9007199254740992')), 400, 'number_too_large', 'expires_at');
    refused(await api('POST', '/v1/payment_links', raw('9223372036854775807')), 400, 'number_too_large', 'expires_at');
    refused(await api('POST', '/v1/payment_links', { ...base, expires_at: LAST_SECOND + 1 }), 400, 'expires_at_out_of_range', 'expires_at');
    refused(await api('POST', '/v1/payment_links', { ...base, expires_at: -1 }), 400, 'expires_at_out_of_range', 'expires_at');
    const link = (await api('POST', '/v1/payment_links', base)).body;
    refused(await api('PATCH', `/v1/payment_links/${link.id}`, { expires_at: 9007199254740992 }), 400, 'number_too_large', 'expires_at');
    refused(await api('PATCH', `/v1/payment_links/${link.id}`, { expires_at: LAST_SECOND + 1 }), 400, 'expires_at_out_of_range', 'expires_at');
    await readsEverywhere(link);
  });

  test('case 1: the last accepted second of year 9999 reads back everywhere, and the link can be changed and archived', async () => {
    const created = await api('POST', '/v1/payment_links', { ...base, title: 'Far future', expires_at: LAST_SECOND, max_payments: 1_000_000_000 });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const shown = await readsEverywhere(created.body);
    assert.equal(shown.expires_at, LAST_SECOND);
    assert.equal((await api('PATCH', `/v1/payment_links/${created.body.id}`, { title: 'Still far' })).status, 200);
    assert.equal((await api('DELETE', `/v1/payment_links/${created.body.id}`)).status, 200);
  });

  test('case 1: a link stored with an expiry out of range before the bounds still reads, and can be fixed', async () => {
    const link = (await api('POST', '/v1/payment_links', { ...base, title: 'Legacy' })).body;
    await d1(stack.persistDir, `UPDATE payment_links SET expires_at = 9007199254740992 WHERE id = '${link.id}'`);
    // Not the poll: its chain check reads the link's limits in store/watch.rs, which still
    // reads expires_at as an i64 (migration 0011 leaves no such row to read).
    const shown = await readsEverywhere(link, { poll: false });
    assert.equal(shown.expires_at, LAST_SECOND, 'read as the last second of year 9999');
    const fixed = await api('PATCH', `/v1/payment_links/${link.id}`, { expires_at: null });
    assert.equal(fixed.status, 200, JSON.stringify(fixed.body));
    assert.equal(fixed.body.expires_at, null);
    assert.equal((await api('DELETE', `/v1/payment_links/${link.id}`)).status, 200);
  });

  test('case 2: a wallet another merchant uses in this mode is refused with xpub_in_use', async () => {
    const xpub = accountXpub(ANVIL_MNEMONIC, 11);
    const first = await createMerchant(stack, 'First');
    const second = await createMerchant(stack, 'Second');
    assert.equal((await api('PATCH', '/v1/account', { checkout: { deposit_xpub: xpub } }, first.testKey)).status, 200);
    refused(await api('PATCH', '/v1/account', { checkout: { deposit_xpub: xpub } }, second.testKey), 409, 'xpub_in_use');
    assert.equal((await api('GET', '/v1/account', undefined, second.testKey)).body.checkout.deposit_xpub, null, 'nothing saved');
    // Another mode is another set of chains: the same wallet may serve it.
    assert.equal((await api('PATCH', '/v1/account', { checkout: { deposit_xpub: xpub } }, second.liveKey)).status, 200);
    // The first merchant moving on does not free the wallet: its sessions paid to it.
    assert.equal((await api('PATCH', '/v1/account', { checkout: { deposit_xpub: null } }, first.testKey)).status, 200);
    refused(await api('PATCH', '/v1/account', { checkout: { deposit_xpub: xpub } }, second.testKey), 409, 'xpub_in_use');
    assert.equal((await api('PATCH', '/v1/account', { checkout: { deposit_xpub: xpub } }, first.testKey)).status, 200);
    const link = (await api('POST', '/v1/payment_links', base, first.testKey)).body;
    for (let i = 0; i < 2; i += 1) {
      const session = await call(stack.baseUrl, 'POST', `/v1/public/links/${link.slug}/sessions`, { body: { asset: 'ETH' } });
      assert.equal(session.status, 201, JSON.stringify(session.body));
    }
  });

  test('case 3: a search of up to 100 characters runs, finds text literally, and refuses control characters', async () => {
    await api('POST', '/v1/payment_links', { ...base, title: '50% off, today_only' });
    const search = (q) => api('GET', `/v1/payment_links?q=${encodeURIComponent(q)}`);
    for (const q of ['x'.repeat(49), 'é'.repeat(100), 'a'.repeat(100)]) {
      const answer = await search(q);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.deepEqual(answer.body.data, []);
    }
    refused(await search('a'.repeat(101)), 400, 'parameter_too_long', 'q');
    refused(await api('GET', '/v1/payment_links?q=%00'), 400, 'control_character', 'q');
    const found = await search('50% OFF');
    assert.deepEqual(found.body.data.map((l) => l.title), ['50% off, today_only']);
    assert.deepEqual((await search('y_o')).body.data.map((l) => l.title), ['50% off, today_only']);
    assert.deepEqual((await search('%')).body.data.length, 1, '% is a character, not a wildcard');
  });

  test('case 4: a NUL or another control character in any text field is refused with its name', async () => {
    const admin = (body) => call(stack.baseUrl, 'POST', '/v1/admin/merchants', { token: stack.adminToken, body });
    refused(await admin({ name: '\u0000' }), 400, 'control_character', 'name');
    refused(await admin({ name: 'Shop\u001b[31m' }), 400, 'control_character', 'name');
    for (const [body, param] of [
      [{ title: 'Nul\u0000' }, 'title'],
      [{ title: 'Two\nlines' }, 'title'],
      [{ description: 'Bell\u0007' }, 'description'],
      [{ inactive_message: '\u0000' }, 'inactive_message'],
      [{ metadata: { 'k\u0000': 'v' } }, 'metadata[k\u0000]'],
      [{ metadata: { k: '\u0085' } }, 'metadata[k]'],
    ]) {
      refused(await api('POST', '/v1/payment_links', { ...base, ...body }), 400, 'control_character', param);
    }
    const paragraph = await api('POST', '/v1/payment_links', { ...base, description: 'Line one\nline two\ttab', title: 'שלום \u200f👩\u200d💻' });
    assert.equal(paragraph.status, 201, JSON.stringify(paragraph.body));
    assert.equal(paragraph.body.description, 'Line one\nline two\ttab');
    refused(await api('POST', '/v1/webhook_endpoints', { url: 'http://127.0.0.1:9/h', enabled_events: ['*'], description: 'a\u0000' }), 400, 'control_character', 'description');
  });

  test('case 5: a repeated key has its own code, naming the key', async () => {
    refused(await api('POST', '/v1/payment_links', '{"title":"a","title":"b","type":"fixed","amount":"1","currency":"USD","assets":["ETH"],"chain":"anvil"}'), 400, 'duplicate_field', 'title');
    refused(await api('PATCH', '/v1/account', '{"checkout":{"quote_lock_seconds":60,"quote_lock_seconds":120}}'), 400, 'duplicate_field', 'checkout.quote_lock_seconds');
    refused(await api('POST', '/v1/payment_links', JSON.stringify(base).replace('}', ',"metadata":{"k":"1","k":"2"}}')), 400, 'duplicate_field', 'metadata.k');
  });

  test('numbers where the type cannot hold them, and list parameters at their edges', async () => {
    refused(await api('POST', '/v1/payment_links', { ...base, max_payments: -1 }), 400, 'number_out_of_range', 'max_payments');
    refused(await api('POST', '/v1/payment_links', { ...base, max_payments: 4294967296 }), 400, 'number_out_of_range', 'max_payments');
    refused(await api('POST', '/v1/payment_links', { ...base, max_payments: 1.5 }), 400, 'invalid_type', 'max_payments');
    refused(await api('PATCH', '/v1/account', { checkout: { quote_lock_seconds: -60 } }), 400, 'number_out_of_range', 'checkout.quote_lock_seconds');
    for (const limit of ['0', '101', '-1', 'abc', '1e1', '+5']) {
      refused(await api('GET', `/v1/payment_links?limit=${encodeURIComponent(limit)}`), 400, 'invalid_limit', 'limit');
    }
    for (const at of ['-1', '+5', '1e3', '253402300800', '9223372036854775807']) {
      refused(await api('GET', `/v1/payment_links?created[gte]=${encodeURIComponent(at)}`), 400, 'invalid_filter', 'created[gte]');
    }
    refused(await api('GET', `/v1/checkout_sessions?payment_link=${'p'.repeat(201)}`), 400, 'parameter_too_long', 'payment_link');
    refused(await api('GET', '/v1/payment_links?status=active%00'), 400, 'control_character', 'status');
    const stranger = await createMerchant(stack, 'Stranger');
    const theirs = (await api('POST', '/v1/payment_links', base, stranger.testKey)).body;
    refused(await api('GET', `/v1/payment_links?starting_after=${theirs.id}`), 400, 'invalid_cursor', 'starting_after');
    refused(await api('GET', '/v1/payment_links/cs_wrongprefix'), 404, 'resource_missing');
    refused(await api('POST', '/v1/payment_links', '{"title":"\\ud800","type":"fixed"}'), 400, 'invalid_json');
    refused(await api('POST', '/v1/payment_links', { ...base, assets: Array(5000).fill('ETH') }), 400, 'assets_too_many', 'assets');
    refused(await api('POST', '/v1/webhook_endpoints', { url: 'http://127.0.0.1:9/h', enabled_events: Array(2000).fill('payment_link.created') }), 400, 'enabled_events_too_many', 'enabled_events');
  });

  test('the worker never answered 500', () => {
    assert.doesNotMatch(stack.workerOutput(), /internal error:/);
  });
});
