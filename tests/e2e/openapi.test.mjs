// The OpenAPI document the worker serves, and real responses checked against it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, createMerchant } from '../harness/api.mjs';
import { loadContract } from '../harness/openapi.mjs';
import { startStack } from '../harness/stack.mjs';

describe('OpenAPI document', () => {
  let stack;
  let contract;
  before(async () => {
    stack = await startStack({ name: 'openapi' });
    contract = await loadContract(stack.baseUrl);
  });
  after(async () => {
    await stack?.stop();
  });

  test('GET /v1/openapi.json serves an OpenAPI 3.1 document of the API', async () => {
    const response = await fetch(`${stack.baseUrl}/v1/openapi.json`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /^application\/json/);
    const doc = contract.doc;
    assert.equal(doc.openapi, '3.1.0');
    for (const path of ['/healthz', '/v1/account', '/v1/admin/merchants', '/v1/admin/merchants/{id}/keys', '/v1/admin/keys/{id}']) {
      assert.ok(doc.paths[path], `${path} is documented`);
    }
  });

  test('the contract check refuses a body that breaks the document', () => {
    assert.throws(() => contract.check('GET', '/healthz', { status: 200, body: { status: 'ok' } }), /breaks the document/);
    assert.throws(() => contract.check('GET', '/healthz', { status: 418, body: {} }), /undocumented 418/);
  });

  test('successful responses match their documented schemas', async () => {
    const health = await call(stack.baseUrl, 'GET', '/healthz');
    contract.check('GET', '/healthz', health);
    const created = await call(stack.baseUrl, 'POST', '/v1/admin/merchants', { token: stack.adminToken, body: { name: 'Doc Shop' } });
    contract.check('POST', '/v1/admin/merchants', created);
    const merchantId = created.body.merchant.id;
    const testKey = created.body.keys.find((k) => !k.livemode).secret;
    contract.check('GET', '/v1/account', await call(stack.baseUrl, 'GET', '/v1/account', { token: testKey }));
    const keysPath = `/v1/admin/merchants/${merchantId}/keys`;
    contract.check('GET', '/v1/admin/merchants/{id}/keys', await call(stack.baseUrl, 'GET', keysPath, { token: stack.adminToken }));
    const key = await call(stack.baseUrl, 'POST', keysPath, { token: stack.adminToken, body: { kind: 'restricted', livemode: false, scopes: ['links:read'] } });
    contract.check('POST', '/v1/admin/merchants/{id}/keys', key);
    const revoked = await call(stack.baseUrl, 'DELETE', `/v1/admin/keys/${key.body.id}`, { token: stack.adminToken });
    contract.check('DELETE', '/v1/admin/keys/{id}', revoked);
  });

  test('error responses match the documented error shape', async () => {
    const demo = await createMerchant(stack, 'Errors Inc');
    contract.check('GET', '/v1/account', await call(stack.baseUrl, 'GET', '/v1/account'));
    const bad = await call(stack.baseUrl, 'POST', `/v1/admin/merchants/${demo.merchant.id}/keys`, {
      token: stack.adminToken, body: { kind: 'root', livemode: false, scopes: ['nope'] },
    });
    assert.equal(bad.status, 400);
    contract.check('POST', '/v1/admin/merchants/{id}/keys', bad);
    const missing = await call(stack.baseUrl, 'GET', '/v1/admin/merchants/mer_0/keys', { token: stack.adminToken });
    contract.check('GET', '/v1/admin/merchants/{id}/keys', missing);
  });

  test('every merchant operation states its scope, and a key without that scope is refused it', async () => {
    const demo = await createMerchant(stack, 'Scope Check');
    const scopes = ['links:read', 'links:write', 'sessions:read', 'sessions:write', 'account:write', 'webhooks:read', 'webhooks:write'];
    const keysPath = `/v1/admin/merchants/${demo.merchant.id}/keys`;
    const restricted = async (held) => {
      const made = await call(stack.baseUrl, 'POST', keysPath, { token: stack.adminToken, body: { kind: 'restricted', livemode: false, scopes: held } });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      return made.body.secret;
    };
    let merchantOps = 0;
    let secretOnly = 0;
    for (const [path, item] of Object.entries(contract.doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!(op.security ?? []).some((s) => 'apiKey' in s)) continue;
        merchantOps += 1;
        assert.ok('x-required-scope' in op, `${method} ${path} states no scope`);
        const scope = op['x-required-scope'];
        assert.deepEqual(op.security, [{ apiKey: scope === null ? [] : [scope] }], `${method} ${path}`);
        if (op['x-required-key-kind'] === 'secret') {
          // Key management: no scope opens it, only a secret key; one holding every scope is refused.
          const key = await restricted(scopes);
          const concrete = path.replace(/\{[^}]+\}/g, 'obj_missing1');
          const answer = await call(stack.baseUrl, method.toUpperCase(), concrete, { token: key, body: method === 'get' ? undefined : {} });
          assert.equal(answer.status, 403, `${method} ${path} with a restricted key: ${answer.status}`);
          assert.equal(answer.body.error.code, 'secret_key_required');
          secretOnly += 1;
          continue;
        }
        if (scope === null) continue;
        assert.ok(scopes.includes(scope), `${method} ${path}: ${scope}`);
        // Every scope but the one stated: the worker must refuse exactly for that one.
        const key = await restricted(scopes.filter((s) => s !== scope));
        const concrete = path.replace(/\{[^}]+\}/g, 'obj_missing1');
        const answer = await call(stack.baseUrl, method.toUpperCase(), concrete, { token: key, body: method === 'get' ? undefined : {} });
        assert.equal(answer.status, 403, `${method} ${path} without ${scope}: ${answer.status}`);
        assert.equal(answer.body.error.code, 'missing_scope');
        assert.match(answer.body.error.message, new RegExp(scope));
      }
    }
    assert.ok(merchantOps >= 20, `${merchantOps} merchant operations`);
    assert.equal(secretOnly, 3, 'list, create and revoke API keys');
  });
});
