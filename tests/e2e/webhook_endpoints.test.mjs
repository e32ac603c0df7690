// Webhook endpoints through the merchant API: the secret shown once, rotation, updates,
// deletion, where endpoints may point in each mode, scopes and isolation, and the endpoint
// list and delivery log paged by their cursors.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { call, createMerchant } from '../harness/api.mjs';
import { bounded } from '../harness/bounded.mjs';
import { loadContract } from '../harness/openapi.mjs';
import { startStack } from '../harness/stack.mjs';

describe('webhook endpoints', () => {
  let stack;
  let shop;
  let rival;
  let contract;
  const api = (method, path, { token = shop.testKey, body, headers } = {}) =>
    call(stack.baseUrl, method, path, { token, body, headers });
  const create = (extra = {}) => api('POST', '/v1/webhook_endpoints', {
    body: { url: 'http://127.0.0.1:4000/hooks', enabled_events: ['checkout_session.paid'], ...extra },
  });

  before(async () => {
    stack = await startStack({ name: 'endpoints' });
    shop = await createMerchant(stack, 'Hooked');
    rival = await createMerchant(stack, 'Other');
    contract = await loadContract(stack.baseUrl);
  });
  after(async () => {
    await stack?.stop();
  });

  test('creating an endpoint shows its signing secret once', async () => {
    const created = await create({ description: 'Orders service' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    contract.check('POST', '/v1/webhook_endpoints', created);
    assert.match(created.body.id, /^we_[0-9a-f]{24}$/);
    assert.match(created.body.secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.deepEqual(created.body.enabled_events, ['checkout_session.paid']);
    const fetched = await api('GET', `/v1/webhook_endpoints/${created.body.id}`);
    contract.check('GET', '/v1/webhook_endpoints/{id}', fetched);
    assert.ok(!('secret' in fetched.body), 'never shown again');
    const listed = await api('GET', '/v1/webhook_endpoints');
    contract.check('GET', '/v1/webhook_endpoints', listed);
    assert.ok(listed.body.data.some((e) => e.id === created.body.id));
    assert.ok(listed.body.data.every((e) => !('secret' in e)));
    assert.ok(!stack.workerOutput().includes(created.body.secret), 'the secret is not logged');
  });

  test('rotation gives a new secret, once; creating or rotating refuses Idempotency-Key', async () => {
    const endpoint = (await create()).body;
    const rotated = await api('POST', `/v1/webhook_endpoints/${endpoint.id}/rotate_secret`);
    assert.equal(rotated.status, 200);
    contract.check('POST', '/v1/webhook_endpoints/{id}/rotate_secret', rotated);
    assert.match(rotated.body.secret, /^whsec_/);
    assert.notEqual(rotated.body.secret, endpoint.secret);
    const idem = await api('POST', `/v1/webhook_endpoints/${endpoint.id}/rotate_secret`, { headers: { 'idempotency-key': randomUUID() } });
    assert.equal(idem.body.error.code, 'idempotency_key_not_supported');
  });

  test('PATCH changes only what is sent; null clears the description', async () => {
    const endpoint = (await create({ description: 'Old' })).body;
    const patched = await api('PATCH', `/v1/webhook_endpoints/${endpoint.id}`, {
      body: { enabled_events: ['*'], enabled: false, description: null },
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    contract.check('PATCH', '/v1/webhook_endpoints/{id}', patched);
    assert.deepEqual(patched.body.enabled_events, ['*']);
    assert.equal(patched.body.enabled, false);
    assert.equal(patched.body.description, null);
    assert.equal(patched.body.url, endpoint.url);
    const bad = await api('PATCH', `/v1/webhook_endpoints/${endpoint.id}`, { body: { url: 'http://shop.example/' } });
    assert.equal(bad.body.error.code, 'url_not_https');
  });

  test('DELETE stops an endpoint for good', async () => {
    const endpoint = (await create()).body;
    const deleted = await api('DELETE', `/v1/webhook_endpoints/${endpoint.id}`);
    assert.deepEqual(deleted.body, { id: endpoint.id, object: 'webhook_endpoint', deleted: true });
    contract.check('DELETE', '/v1/webhook_endpoints/{id}', deleted);
    assert.equal((await api('GET', `/v1/webhook_endpoints/${endpoint.id}`)).status, 404);
    assert.equal((await api('DELETE', `/v1/webhook_endpoints/${endpoint.id}`)).status, 404);
  });

  test('live endpoints need https to a public host; test ones may use localhost', async () => {
    const live = (url) => api('POST', '/v1/webhook_endpoints', { token: shop.liveKey, body: { url, enabled_events: ['*'] } });
    assert.equal((await live('http://127.0.0.1:4000/hooks')).body.error.code, 'url_not_https');
    for (const url of ['https://127.0.0.1/h', 'https://10.0.0.8/h', 'https://169.254.169.254/h', 'https://localhost/h']) {
      assert.equal((await live(url)).body.error.code, 'url_private_address', url);
    }
    assert.equal((await live('https://hooks.shop.example/paylink')).status, 201);
    assert.equal((await create({ url: 'http://shop.example/hooks' })).body.error.code, 'url_not_https');
  });

  test('events are checked; every failing field is listed', async () => {
    const bad = await create({ url: 'not a url', enabled_events: ['payment.done', 'checkout_session.paid', 'checkout_session.paid'] });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.error.errors.map((e) => [e.param, e.code]), [
      ['url', 'url_invalid'], ['enabled_events[0]', 'event_type_unknown'], ['enabled_events[2]', 'event_type_duplicate'],
    ]);
    assert.equal((await create({ enabled_events: [] })).body.error.code, 'enabled_events_required');
  });

  test('scopes and tenants are enforced', async () => {
    const endpoint = (await create()).body;
    assert.equal((await api('GET', `/v1/webhook_endpoints/${endpoint.id}`, { token: rival.testKey })).status, 404);
    assert.equal((await api('GET', `/v1/webhook_endpoints/${endpoint.id}`, { token: shop.liveKey })).status, 404);
    const reader = (await call(stack.baseUrl, 'POST', `/v1/admin/merchants/${shop.merchant.id}/keys`, {
      token: stack.adminToken, body: { kind: 'restricted', livemode: false, scopes: ['webhooks:read'] },
    })).body.secret;
    assert.equal((await api('GET', '/v1/webhook_endpoints', { token: reader })).status, 200);
    const denied = await api('POST', '/v1/webhook_endpoints', { token: reader, body: { url: 'http://127.0.0.1:1/h', enabled_events: ['*'] } });
    assert.equal(denied.status, 403);
    assert.equal(denied.body.error.param, 'webhooks:write');
  });

  /** Every page of `path` by `limit`, older with `starting_after` until `has_more` is false. */
  async function walk(token, path, limit) {
    const pages = [];
    let cursor = '';
    for (;;) {
      const page = await api('GET', `${path}?limit=${limit}${cursor}`, { token });
      assert.equal(page.status, 200, JSON.stringify(page.body));
      contract.check('GET', path.replace(/we_[0-9a-f]+/, '{id}'), page);
      pages.push(page.body.data.map((e) => e.id));
      if (!page.body.has_more) return pages;
      cursor = `&starting_after=${page.body.data.at(-1).id}`;
    }
  }

  test('the endpoint list is paged by cursors, 100 a page unless limit says otherwise', async () => {
    const paged = await createMerchant(stack, 'Many hooks');
    const made = await bounded(103, 4, async (i) => {
      const answer = await api('POST', '/v1/webhook_endpoints', {
        token: paged.testKey, body: { url: `http://127.0.0.1:4000/many/${i}`, enabled_events: ['*'] },
      });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      return answer.body.id;
    });
    const first = await api('GET', '/v1/webhook_endpoints', { token: paged.testKey });
    contract.check('GET', '/v1/webhook_endpoints', first);
    assert.equal(first.body.data.length, 100);
    assert.equal(first.body.has_more, true);
    const rest = await api('GET', `/v1/webhook_endpoints?starting_after=${first.body.data.at(-1).id}`, { token: paged.testKey });
    assert.deepEqual([rest.body.data.length, rest.body.has_more], [3, false]);
    const all = [...first.body.data, ...rest.body.data].map((e) => e.id);
    assert.deepEqual([...all].sort(), [...made].sort(), 'every endpoint once');
    const byTen = await walk(paged.testKey, '/v1/webhook_endpoints', 10);
    assert.equal(byTen.length, 11);
    assert.deepEqual(byTen.flat(), all, 'the same order whatever the page size');
    // Back from the second page: the first one again, with nothing newer.
    const back = await api('GET', `/v1/webhook_endpoints?limit=10&ending_before=${byTen[1][0]}`, { token: paged.testKey });
    assert.deepEqual(back.body.data.map((e) => e.id), byTen[0]);
    assert.equal(back.body.has_more, false);
    // A deleted endpoint is no longer listed, but still leads on from where it was.
    const gone = byTen[0].at(-1);
    assert.equal((await api('DELETE', `/v1/webhook_endpoints/${gone}`, { token: paged.testKey })).status, 200);
    const after = await api('GET', `/v1/webhook_endpoints?limit=10&starting_after=${gone}`, { token: paged.testKey });
    assert.deepEqual(after.body.data.map((e) => e.id), byTen[1]);
    const firstAgain = await api('GET', '/v1/webhook_endpoints?limit=10', { token: paged.testKey });
    assert.ok(!firstAgain.body.data.some((e) => e.id === gone));
  });

  test('an endpoint cursor that is not yours, or a bad limit, is a 400 with a stable code', async () => {
    const mine = (await create()).body;
    for (const [query, code, param] of [
      ['starting_after=we_000000000000000000000000', 'invalid_cursor', 'starting_after'],
      [`ending_before=${mine.id}&x=1`, 'unknown_parameter', 'x'],
      ['limit=0', 'invalid_limit', 'limit'],
      ['limit=101', 'invalid_limit', 'limit'],
      ['starting_after=', 'invalid_cursor', 'starting_after'],
    ]) {
      const refused = await api('GET', `/v1/webhook_endpoints?${query}`);
      assert.equal(refused.status, 400, query);
      contract.check('GET', '/v1/webhook_endpoints', refused);
      assert.deepEqual([refused.body.error.code, refused.body.error.param], [code, param], query);
    }
    const theirs = await api('GET', `/v1/webhook_endpoints?ending_before=${mine.id}`, { token: rival.testKey });
    assert.deepEqual([theirs.status, theirs.body.error.code], [400, 'invalid_cursor']);
    const otherMode = await api('GET', `/v1/webhook_endpoints?starting_after=${mine.id}`, { token: shop.liveKey });
    assert.deepEqual([otherMode.status, otherMode.body.error.code], [400, 'invalid_cursor']);
  });

  test('the delivery log is paged by cursors, 25 a page, and its first page holds the newest', async () => {
    const hook = (await create({ enabled_events: ['*'] })).body;
    const log = `/v1/webhook_endpoints/${hook.id}/deliveries`;
    const pinged = await bounded(30, 3, async () => {
      const ping = await api('POST', `/v1/webhook_endpoints/${hook.id}/test`);
      assert.equal(ping.status, 202, JSON.stringify(ping.body));
      contract.check('POST', '/v1/webhook_endpoints/{id}/test', ping);
      assert.equal(ping.body.event_type, 'test.ping');
      return ping.body.id;
    });
    const first = await api('GET', log);
    contract.check('GET', '/v1/webhook_endpoints/{id}/deliveries', first);
    assert.deepEqual([first.body.data.length, first.body.has_more], [25, true]);
    const rest = await api('GET', `${log}?starting_after=${first.body.data.at(-1).id}`);
    contract.check('GET', '/v1/webhook_endpoints/{id}/deliveries', rest);
    assert.deepEqual([rest.body.data.length, rest.body.has_more], [5, false]);
    const all = [...first.body.data, ...rest.body.data];
    assert.deepEqual(all.map((d) => d.id).sort(), [...pinged].sort(), 'every delivery once');
    assert.ok(all.every((d) => d.endpoint === hook.id && Array.isArray(d.attempts)));
    const byEight = await walk(shop.testKey, log, 8);
    assert.deepEqual(byEight.map((p) => p.length), [8, 8, 8, 6]);
    assert.deepEqual(byEight.flat(), all.map((d) => d.id), 'the same order whatever the page size');

    // A redelivery keeps its delivery's place in the log.
    const old = byEight[3][0];
    const retried = await api('POST', `${log}/${old}/retry`);
    assert.equal(retried.status, 202);
    const again = await api('GET', `${log}?limit=8&starting_after=${byEight[2].at(-1)}`);
    assert.deepEqual(again.body.data.map((d) => d.id), byEight[3]);

    // A ping sent a second later is first on the newest page, and a client on an older page
    // that goes newer sees that there is more.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const newest = (await api('POST', `/v1/webhook_endpoints/${hook.id}/test`)).body;
    assert.equal((await api('GET', `${log}?limit=1`)).body.data[0].id, newest.id);
    const newer = await api('GET', `${log}?limit=8&ending_before=${byEight[1][0]}`);
    assert.deepEqual(newer.body.data.map((d) => d.id), byEight[0]);
    assert.equal(newer.body.has_more, true, 'the new ping is above');
  });

  test('a delivery cursor must be one of the endpoint\'s own deliveries', async () => {
    const hook = (await create({ enabled_events: ['*'] })).body;
    const other = (await create({ enabled_events: ['*'] })).body;
    const theirs = (await api('POST', `/v1/webhook_endpoints/${other.id}/test`)).body;
    for (const query of [`starting_after=${theirs.id}`, 'ending_before=whd_000000000000000000000000']) {
      const refused = await api('GET', `/v1/webhook_endpoints/${hook.id}/deliveries?${query}`);
      assert.equal(refused.status, 400, query);
      contract.check('GET', '/v1/webhook_endpoints/{id}/deliveries', refused);
      assert.equal(refused.body.error.code, 'invalid_cursor', query);
      assert.equal(refused.body.error.param, query.split('=')[0]);
    }
    const rivals = await api('GET', `/v1/webhook_endpoints/${other.id}/deliveries?starting_after=${theirs.id}`, { token: rival.testKey });
    assert.equal(rivals.status, 404, 'another merchant\'s endpoint is not found, cursor or not');
    contract.check('GET', '/v1/webhook_endpoints/{id}/deliveries', rivals);
  });
});
