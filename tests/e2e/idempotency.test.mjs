// Idempotency keys on the real worker: replay, reuse, errors kept, concurrency, refused routes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { call, createMerchant } from '../harness/api.mjs';
import { loadContract } from '../harness/openapi.mjs';
import { d1, startStack } from '../harness/stack.mjs';

/** The worker's request fingerprint: SHA-256 over length-prefixed method, path and body. */
function fingerprint(method, path, body = '') {
  const hash = createHash('sha256');
  for (const part of [method, path, body].map((p) => Buffer.from(p))) {
    const length = Buffer.alloc(8);
    length.writeBigUInt64LE(BigInt(part.length));
    hash.update(length).update(part);
  }
  return hash.digest('hex');
}

describe('idempotency keys', () => {
  let stack;
  let demo;
  let contract;
  const admin = (method, path, { body, key } = {}) =>
    call(stack.baseUrl, method, path, {
      token: stack.adminToken,
      body,
      headers: key ? { 'idempotency-key': key } : {},
    });
  const restrictedKey = async () =>
    (await admin('POST', `/v1/admin/merchants/${demo.merchant.id}/keys`, {
      body: { kind: 'restricted', livemode: false, scopes: ['links:read'] },
    })).body;

  before(async () => {
    stack = await startStack({ name: 'idempotency' });
    demo = await createMerchant(stack, 'Retry Shop');
    contract = await loadContract(stack.baseUrl);
  });
  after(async () => {
    await stack?.stop();
  });

  test('a repeated write gets the first answer again, marked as replayed', async () => {
    const key = await restrictedKey();
    const idem = randomUUID();
    const first = await admin('DELETE', `/v1/admin/keys/${key.id}`, { key: idem });
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('idempotent-replayed'), null);
    contract.check('DELETE', '/v1/admin/keys/{id}', first);
    const again = await admin('DELETE', `/v1/admin/keys/${key.id}`, { key: idem });
    assert.equal(again.status, 200, 'not 409: the first answer is replayed');
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(again.body, first.body);
    const without = await admin('DELETE', `/v1/admin/keys/${key.id}`);
    assert.equal(without.status, 409, 'without the key the request runs again');
  });

  test('the same key on a different request is refused with 422 and changes nothing', async () => {
    const [a, b] = [await restrictedKey(), await restrictedKey()];
    const idem = randomUUID();
    assert.equal((await admin('DELETE', `/v1/admin/keys/${a.id}`, { key: idem })).status, 200);
    const reused = await admin('DELETE', `/v1/admin/keys/${b.id}`, { key: idem });
    assert.equal(reused.status, 422);
    assert.equal(reused.body.error.code, 'idempotency_key_reused');
    contract.check('DELETE', '/v1/admin/keys/{id}', reused);
    const stillWorks = await call(stack.baseUrl, 'GET', '/v1/account', { token: b.secret });
    assert.equal(stillWorks.status, 200, 'the second key was not revoked');
  });

  test('client errors are kept and replayed too', async () => {
    const idem = randomUUID();
    const missing = await admin('DELETE', '/v1/admin/keys/key_000000000000000000000000', { key: idem });
    assert.equal(missing.status, 404);
    const again = await admin('DELETE', '/v1/admin/keys/key_000000000000000000000000', { key: idem });
    assert.equal(again.status, 404);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
  });

  test('concurrent repeats never run the write twice', async () => {
    const key = await restrictedKey();
    const idem = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => admin('DELETE', `/v1/admin/keys/${key.id}`, { key: idem })),
    );
    const original = answers.filter((a) => a.status === 200 && a.headers.get('idempotent-replayed') === null);
    assert.equal(original.length, 1, JSON.stringify(answers.map((a) => [a.status, a.body.error?.code])));
    for (const answer of answers) {
      const replay = answer.status === 200;
      const inProgress = answer.status === 409 && answer.body.error.code === 'idempotency_key_in_progress';
      assert.ok(replay || inProgress, `${answer.status} ${JSON.stringify(answer.body)}`);
    }
  });

  test('a repeat while the first request still runs gets 409; an abandoned claim is taken over', async () => {
    const key = await restrictedKey();
    const path = `/v1/admin/keys/${key.id}`;
    const now = Math.floor(Date.now() / 1000);
    // A claim with no answer yet stands for a first request that is still running...
    const running = randomUUID();
    await d1(stack.persistDir, `INSERT INTO idempotency_keys (scope, key, fingerprint, created_at)
      VALUES ('admin', '${running}', '${fingerprint('DELETE', path)}', ${now})`);
    const busy = await admin('DELETE', path, { key: running });
    assert.equal(busy.status, 409, JSON.stringify(busy.body));
    assert.equal(busy.body.error.code, 'idempotency_key_in_progress');
    const stillWorks = await call(stack.baseUrl, 'GET', '/v1/account', { token: key.secret });
    assert.equal(stillWorks.status, 200, 'the refused repeat did not run');
    // ...and one a few minutes old, for a worker that died mid-request: the repeat runs.
    const abandoned = randomUUID();
    await d1(stack.persistDir, `INSERT INTO idempotency_keys (scope, key, fingerprint, created_at)
      VALUES ('admin', '${abandoned}', '${fingerprint('DELETE', path)}', ${now - 300})`);
    const resumed = await admin('DELETE', path, { key: abandoned });
    assert.equal(resumed.status, 200, JSON.stringify(resumed.body));
    assert.equal(resumed.headers.get('idempotent-replayed'), null);
  });

  test('malformed keys and routes that show a secret refuse Idempotency-Key', async () => {
    const key = await restrictedKey();
    const long = await admin('DELETE', `/v1/admin/keys/${key.id}`, { key: 'k'.repeat(256) });
    assert.equal(long.status, 400);
    assert.equal(long.body.error.code, 'idempotency_key_invalid');
    const create = await admin('POST', '/v1/admin/merchants', { body: { name: 'Twice' }, key: randomUUID() });
    assert.equal(create.status, 400);
    assert.equal(create.body.error.code, 'idempotency_key_not_supported');
  });
  // A merchant key's claim is taken in the authentication batch (edge/src/api/pipeline.rs);
  // these cover that path as the admin tests above cover the other.
  describe('with a merchant key', () => {
    const merchant = (method, path, { token = demo.testKey, body, key } = {}) =>
      call(stack.baseUrl, method, path, { token, body, headers: key ? { 'idempotency-key': key } : {} });
    const linkBody = (title) => ({ title, type: 'fixed', amount: '3.50', currency: 'EUR', assets: ['ETH'], chain: 'anvil' });
    const titled = async (title) => (await merchant('GET', `/v1/payment_links?limit=100&q=${encodeURIComponent(title)}`)).body.data;

    test('a repeat gets the first answer and makes no second link; another body is refused', async () => {
      const idem = randomUUID();
      const title = `Once ${idem.slice(0, 8)}`;
      const first = await merchant('POST', '/v1/payment_links', { body: linkBody(title), key: idem });
      assert.equal(first.status, 201, JSON.stringify(first.body));
      const again = await merchant('POST', '/v1/payment_links', { body: linkBody(title), key: idem });
      assert.equal(again.status, 201);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(again.body, first.body);
      const other = await merchant('POST', '/v1/payment_links', { body: linkBody(`${title}!`), key: idem });
      assert.equal(other.status, 422);
      assert.equal(other.body.error.code, 'idempotency_key_reused');
      assert.equal((await titled(title)).length, 1);
    });

    test('concurrent repeats make one link', async () => {
      const idem = randomUUID();
      const title = `Racing ${idem.slice(0, 8)}`;
      const answers = await Promise.all(Array.from({ length: 6 }, () =>
        merchant('POST', '/v1/payment_links', { body: linkBody(title), key: idem })));
      for (const a of answers) assert.ok(a.status === 201 || a.status === 409, `${a.status} ${JSON.stringify(a.body)}`);
      assert.equal(answers.filter((a) => a.status === 201 && !a.headers.get('idempotent-replayed')).length, 1);
      assert.equal((await titled(title)).length, 1);
    });

    test('a request refused for its key lets go of the claim, so the right key may use it', async () => {
      const readOnly = await restrictedKey();
      const idem = randomUUID();
      const title = `Scoped ${idem.slice(0, 8)}`;
      const refused = await merchant('POST', '/v1/payment_links', { token: readOnly.secret, body: linkBody(title), key: idem });
      assert.equal(refused.status, 403, JSON.stringify(refused.body));
      const made = await merchant('POST', '/v1/payment_links', { body: linkBody(title), key: idem });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      assert.equal(made.headers.get('idempotent-replayed'), null);
      const [{ n }] = await d1(stack.persistDir, `SELECT count(*) AS n FROM idempotency_keys WHERE key = '${idem}'`);
      assert.equal(n, 1);
    });

    test('a revoked key claims nothing', async () => {
      const key = await restrictedKey();
      assert.equal((await admin('DELETE', `/v1/admin/keys/${key.id}`)).status, 200);
      const idem = randomUUID();
      const refused = await merchant('POST', '/v1/payment_links', { token: key.secret, body: linkBody('Revoked'), key: idem });
      assert.equal(refused.status, 401);
      const [{ n }] = await d1(stack.persistDir, `SELECT count(*) AS n FROM idempotency_keys WHERE key = '${idem}'`);
      assert.equal(n, 0);
    });
  });
});
