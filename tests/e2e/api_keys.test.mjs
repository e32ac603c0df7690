// The merchant's own /v1/api_keys on the real worker: a secret key lists, creates restricted
// keys (the secret shown once) and revokes them, in its own mode only; a restricted key may
// do none of it; the calling key cannot revoke itself; every list is cursor paged.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, createMerchant } from '../harness/api.mjs';
import { startStack } from '../harness/stack.mjs';

describe('merchant API keys', () => {
  let stack;
  let demo;
  const as = (token) => (method, path, body) => call(stack.baseUrl, method, path, { token, body });
  let test_;
  let live;

  before(async () => {
    stack = await startStack({ name: 'api_keys' });
    demo = await createMerchant(stack, 'Key Shop');
    test_ = as(demo.testKey);
    live = as(demo.liveKey);
  });
  after(async () => {
    await stack?.stop();
  });

  test('a restricted key is created in the calling mode with its scopes, its secret shown once', async () => {
    const created = await test_('POST', '/v1/api_keys', { scopes: ['links:read', 'sessions:read'] });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.match(created.body.secret, /^rk_test_[0-9a-f]{48}$/);
    assert.equal(created.body.kind, 'restricted');
    assert.equal(created.body.livemode, false);
    assert.deepEqual(created.body.scopes, ['links:read', 'sessions:read']);
    assert.equal(created.body.last4, created.body.secret.slice(-4));
    const listed = await test_('GET', '/v1/api_keys');
    assert.equal(listed.status, 200);
    const shown = listed.body.data.find((k) => k.id === created.body.id);
    assert.ok(shown, 'the new key is listed');
    assert.ok(listed.body.data.every((k) => !('secret' in k)), 'a list never shows a secret');
    assert.ok(!JSON.stringify(listed.body).includes(created.body.secret.slice(8, 40)));
    const account = await call(stack.baseUrl, 'GET', '/v1/account', { token: created.body.secret });
    assert.equal(account.status, 200);
    assert.deepEqual(account.body.scopes, ['links:read', 'sessions:read']);
  });

  test('the new restricted key is refused for a scope it lacks, with the scope named', async () => {
    const { body } = await test_('POST', '/v1/api_keys', { scopes: ['links:read'] });
    const refused = await call(stack.baseUrl, 'POST', '/v1/payment_links', {
      token: body.secret, body: { title: 'x', amount: '1.00' },
    });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'missing_scope');
    assert.equal(refused.body.error.param, 'links:write');
  });

  test('a restricted key may not list, create or revoke keys, whatever its scopes', async () => {
    const all = ['links:read', 'links:write', 'sessions:read', 'sessions:write', 'account:write', 'webhooks:read', 'webhooks:write'];
    const { body } = await test_('POST', '/v1/api_keys', { scopes: all });
    const restricted = as(body.secret);
    for (const [method, path, payload] of [
      ['GET', '/v1/api_keys'],
      ['POST', '/v1/api_keys', { scopes: ['links:read'] }],
      ['DELETE', `/v1/api_keys/${body.id}`],
    ]) {
      const refused = await restricted(method, path, payload);
      assert.equal(refused.status, 403, `${method} ${path}`);
      assert.equal(refused.body.error.code, 'secret_key_required');
    }
  });

  test('bad scope lists are refused with their codes and nothing is created', async () => {
    const before_ = (await test_('GET', '/v1/api_keys?limit=100')).body.data.length;
    const cases = [
      [{ scopes: [] }, 'scopes_required', 'scopes'],
      [{ scopes: ['links:read', 'keys:write'] }, 'invalid_scope', 'scopes[1]'],
      [{ scopes: Array(8).fill('links:read') }, 'scopes_too_many', 'scopes'],
      [{}, 'missing_field', 'scopes'],
      [{ scopes: ['links:read'], kind: 'secret' }, 'unknown_field', 'kind'],
    ];
    for (const [payload, code, param] of cases) {
      const refused = await test_('POST', '/v1/api_keys', payload);
      assert.equal(refused.status, 400, JSON.stringify(payload));
      assert.equal(refused.body.error.code, code, JSON.stringify(refused.body));
      assert.equal(refused.body.error.param, param);
    }
    assert.equal((await test_('GET', '/v1/api_keys?limit=100')).body.data.length, before_);
  });

  test('revoking a key stops it at once and is listed with revoked_at', async () => {
    const { body } = await test_('POST', '/v1/api_keys', { scopes: ['links:read'] });
    const revoked = await test_('DELETE', `/v1/api_keys/${body.id}`);
    assert.equal(revoked.status, 200);
    assert.equal(typeof revoked.body.revoked_at, 'number');
    assert.ok(!('secret' in revoked.body));
    const refused = await call(stack.baseUrl, 'GET', '/v1/account', { token: body.secret });
    assert.equal(refused.body.error.code, 'api_key_revoked');
    const again = await test_('DELETE', `/v1/api_keys/${body.id}`);
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'api_key_already_revoked');
  });

  test('the key in use cannot revoke itself, and another secret key can', async () => {
    const own = (await test_('GET', '/v1/api_keys?limit=100')).body.data.find((k) => k.kind === 'secret');
    const refused = await test_('DELETE', `/v1/api_keys/${own.id}`);
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'api_key_in_use');
    assert.equal((await test_('GET', '/v1/account')).status, 200, 'still works');
  });

  test('each mode sees and revokes only its own keys', async () => {
    const testKey = (await test_('POST', '/v1/api_keys', { scopes: ['links:read'] })).body;
    const liveKey = (await live('POST', '/v1/api_keys', { scopes: ['links:read'] })).body;
    assert.match(liveKey.secret, /^rk_live_/);
    const liveList = (await live('GET', '/v1/api_keys?limit=100')).body.data;
    assert.ok(liveList.every((k) => k.livemode === true));
    assert.ok(!liveList.some((k) => k.id === testKey.id));
    const crossed = await live('DELETE', `/v1/api_keys/${testKey.id}`);
    assert.equal(crossed.status, 404);
    assert.equal(crossed.body.error.code, 'resource_missing');
    const other = await createMerchant(stack, 'Someone else');
    const foreign = await call(stack.baseUrl, 'DELETE', `/v1/api_keys/${liveKey.id}`, { token: other.liveKey });
    assert.equal(foreign.status, 404);
  });

  test('the list is cursor paged both ways without gaps or repeats', async () => {
    for (let i = 0; i < 4; i += 1) await test_('POST', '/v1/api_keys', { scopes: ['webhooks:read'] });
    const everything = (await test_('GET', '/v1/api_keys?limit=100')).body.data.map((k) => k.id);
    assert.ok(everything.length >= 6, `${everything.length}`);
    const seen = [];
    let cursor = '';
    for (;;) {
      const page = await test_('GET', `/v1/api_keys?limit=2${cursor}`);
      assert.equal(page.status, 200);
      seen.push(...page.body.data.map((k) => k.id));
      if (!page.body.has_more) break;
      cursor = `&starting_after=${page.body.data.at(-1).id}`;
    }
    assert.deepEqual(seen, everything);
    const back = await test_('GET', `/v1/api_keys?limit=2&ending_before=${everything[4]}`);
    assert.deepEqual(back.body.data.map((k) => k.id), everything.slice(2, 4));
    const bad = await test_('GET', '/v1/api_keys?starting_after=key_nope');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'invalid_cursor');
    const unknown = await test_('GET', '/v1/api_keys?kind=secret');
    assert.equal(unknown.body.error.code, 'unknown_parameter');
  });
});
