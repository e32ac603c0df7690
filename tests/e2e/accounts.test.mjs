// Merchants, API keys and authentication on the real worker: the admin bootstrap, key kinds and
// modes, revocation, every body error code, and no secret in the worker's log.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, createMerchant } from '../harness/api.mjs';
import { startStack } from '../harness/stack.mjs';

describe('accounts and API keys', () => {
  let stack;
  let demo;
  const secrets = [];
  const admin = (method, path, body) => call(stack.baseUrl, method, path, { token: stack.adminToken, body });

  before(async () => {
    stack = await startStack({ name: 'accounts' });
    secrets.push(stack.adminToken);
    demo = await createMerchant(stack, 'Corner Café');
    secrets.push(demo.testKey, demo.liveKey);
  });
  after(async () => {
    await stack?.stop();
  });

  test('creating a merchant shows its test and live secret keys once', async () => {
    assert.match(demo.merchant.id, /^mer_[0-9a-f]{24}$/);
    assert.equal(demo.merchant.name, 'Corner Café');
    assert.match(demo.testKey, /^sk_test_[0-9a-f]{48}$/);
    assert.match(demo.liveKey, /^sk_live_[0-9a-f]{48}$/);
    for (const key of demo.keys) {
      assert.equal(key.kind, 'secret');
      assert.deepEqual(key.scopes, ['links:read', 'links:write', 'sessions:read', 'sessions:write', 'account:write', 'webhooks:read', 'webhooks:write']);
      assert.equal(key.last4, key.secret.slice(-4));
    }
    const listed = await admin('GET', `/v1/admin/merchants/${demo.merchant.id}/keys`);
    assert.equal(listed.status, 200);
    assert.equal(listed.body.data.length, 2);
    assert.ok(listed.body.data.every((k) => !('secret' in k)), 'a list never shows a secret');
    assert.ok(!JSON.stringify(listed.body).includes(demo.testKey.slice(8, 40)));
  });

  test('a test key and a live key see their own mode of the same account', async () => {
    const testView = await call(stack.baseUrl, 'GET', '/v1/account', { token: demo.testKey });
    assert.equal(testView.status, 200);
    assert.equal(testView.body.id, demo.merchant.id);
    assert.equal(testView.body.livemode, false);
    const liveView = await call(stack.baseUrl, 'GET', '/v1/account', { token: demo.liveKey });
    assert.equal(liveView.body.livemode, true);
  });

  test('missing, malformed and unknown keys answer 401 with their codes', async () => {
    const missing = await call(stack.baseUrl, 'GET', '/v1/account');
    assert.equal(missing.status, 401);
    assert.equal(missing.body.error.code, 'api_key_missing');
    assert.equal(missing.body.error.type, 'authentication_error');
    assert.match(missing.headers.get('www-authenticate'), /^Bearer/);
    const malformed = await call(stack.baseUrl, 'GET', '/v1/account', { token: 'sk_test_123' });
    assert.equal(malformed.body.error.code, 'api_key_invalid');
    const unknown = await call(stack.baseUrl, 'GET', '/v1/account', { token: `sk_test_${'0'.repeat(48)}` });
    assert.equal(unknown.status, 401);
    assert.equal(unknown.body.error.code, 'api_key_invalid');
  });

  test('the admin API refuses a missing or wrong admin token', async () => {
    const none = await call(stack.baseUrl, 'POST', '/v1/admin/merchants', { body: { name: 'x' } });
    assert.equal(none.status, 401);
    assert.equal(none.body.error.code, 'admin_token_invalid');
    const wrong = await call(stack.baseUrl, 'POST', '/v1/admin/merchants', { token: `${stack.adminToken}x`, body: { name: 'x' } });
    assert.equal(wrong.body.error.code, 'admin_token_invalid');
    const merchantKey = await call(stack.baseUrl, 'POST', '/v1/admin/merchants', { token: demo.testKey, body: { name: 'x' } });
    assert.equal(merchantKey.status, 401, 'a merchant key is not an admin token');
  });

  test('a restricted key holds only the scopes it was given', async () => {
    const created = await admin('POST', `/v1/admin/merchants/${demo.merchant.id}/keys`, {
      kind: 'restricted', livemode: false, scopes: ['sessions:read', 'links:read'],
    });
    assert.equal(created.status, 201);
    assert.match(created.body.secret, /^rk_test_[0-9a-f]{48}$/);
    secrets.push(created.body.secret);
    const account = await call(stack.baseUrl, 'GET', '/v1/account', { token: created.body.secret });
    assert.equal(account.body.key_kind, 'restricted');
    assert.deepEqual(account.body.scopes, ['links:read', 'sessions:read']);
  });

  test('a revoked key stops working at once; revoking twice is a conflict', async () => {
    const created = await admin('POST', `/v1/admin/merchants/${demo.merchant.id}/keys`, { kind: 'secret', livemode: true });
    secrets.push(created.body.secret);
    assert.equal((await call(stack.baseUrl, 'GET', '/v1/account', { token: created.body.secret })).status, 200);
    const revoked = await admin('DELETE', `/v1/admin/keys/${created.body.id}`);
    assert.equal(revoked.status, 200);
    assert.equal(typeof revoked.body.revoked_at, 'number');
    const after = await call(stack.baseUrl, 'GET', '/v1/account', { token: created.body.secret });
    assert.equal(after.status, 401);
    assert.equal(after.body.error.code, 'api_key_revoked');
    const again = await admin('DELETE', `/v1/admin/keys/${created.body.id}`);
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'api_key_already_revoked');
    const missing = await admin('DELETE', '/v1/admin/keys/key_000000000000000000000000');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'resource_missing');
  });

  test('every bad body answers 400 with its own code, and nothing is created', async () => {
    const path = `/v1/admin/merchants/${demo.merchant.id}/keys`;
    const before = (await admin('GET', path)).body.data.length;
    const send = (body, headers) => call(stack.baseUrl, 'POST', path, { token: stack.adminToken, body, headers });
    const cases = [
      [send('{"kind":', {}), 'invalid_json', undefined],
      [send('kind=secret', { 'content-type': 'application/x-www-form-urlencoded' }), 'unsupported_content_type', undefined],
      [send({ kind: 'secret', livemode: false, extra: 1 }), 'unknown_field', 'extra'],
      [send({ livemode: false }), 'missing_field', 'kind'],
      [send({ kind: 'secret', livemode: 'yes' }), 'invalid_type', 'livemode'],
      [send({ kind: 'secret', livemode: false, scopes: ['x'.repeat(70 * 1024)] }), 'body_too_large', undefined],
      [send({ kind: 'root', livemode: false, scopes: ['links:all'] }), 'invalid_key_kind', 'kind'],
      [send({ kind: 'restricted', livemode: false }), 'scopes_required', 'scopes'],
    ];
    for (const [pending, code, param] of cases) {
      const { status, body } = await pending;
      assert.equal(status, 400, `${code}: ${JSON.stringify(body)}`);
      assert.equal(body.error.code, code);
      assert.equal(body.error.param, param, code);
      assert.equal(body.error.type, 'invalid_request_error');
    }
    const both = await send({ kind: 'root', livemode: false, scopes: ['links:all'] });
    assert.deepEqual(both.body.error.errors.map((e) => e.param), ['kind', 'scopes'], 'every failing field is listed');
    assert.equal((await admin('GET', path)).body.data.length, before);
  });

  test('keys of a merchant that does not exist answer 404', async () => {
    const listed = await admin('GET', '/v1/admin/merchants/mer_000000000000000000000000/keys');
    assert.equal(listed.status, 404);
    assert.equal(listed.body.error.code, 'resource_missing');
  });

  test('no API key or admin token appears in the worker log', () => {
    const log = stack.workerOutput();
    assert.ok(log.includes('/v1/account'), 'the log does record the requests');
    for (const secret of secrets) assert.ok(!log.includes(secret), 'a secret reached the log');
  });
});
