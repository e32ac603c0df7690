// Webhook endpoints through the merchant API: the secret shown once, rotation, updates,
// deletion, where endpoints may point in each mode, scopes and isolation.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { call, createMerchant } from '../harness/api.mjs';
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
});
