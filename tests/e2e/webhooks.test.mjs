// Webhooks end to end: events from link and session changes, delivered to a real receiver on
// 127.0.0.1, signed per Standard Webhooks and verified here by our own implementation of the
// scheme; retries through failures and a timeout, rotation, redelivery, disabled endpoints.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, createMerchant } from '../harness/api.mjs';
import { DEV_ACCOUNT, rpc, waitForReceipt } from '../harness/chain.mjs';
import { ANVIL_MNEMONIC, accountXpub } from '../harness/hd.mjs';
import { startReceiver, verify } from '../harness/receiver.mjs';
import { d1, startStack } from '../harness/stack.mjs';
import { until } from '../harness/wait.mjs';

describe('webhooks', () => {
  let stack;
  let receiver;
  let shop;
  const api = (method, path, body) => call(stack.baseUrl, method, path, { token: shop.testKey, body });
  const endpoint = async (path, events) => {
    const answer = await api('POST', '/v1/webhook_endpoints', { url: `${receiver.url}${path}`, enabled_events: events });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body;
  };
  const link = async (extra = {}) => (await api('POST', '/v1/payment_links', {
    title: 'Beans', type: 'fixed', amount: '12.5', currency: 'USD', assets: ['ETH'], chain: 'anvil', ...extra,
  })).body;
  const tick = async () => assert.equal((await fetch(`${stack.baseUrl}/__scheduled?cron=*+*+*+*+*`)).status, 200);
  /** Moves every pending retry of `endpointId` to now (the schedule's minutes and hours pass). */
  const timeTravel = (endpointId) => d1(stack.persistDir,
    `UPDATE webhook_deliveries SET next_attempt_at = 0 WHERE status = 'pending' AND endpoint_id = '${endpointId}'`);
  const deliveries = async (endpointId) => (await api('GET', `/v1/webhook_endpoints/${endpointId}/deliveries`)).body.data;

  before(async () => {
    receiver = await startReceiver();
    stack = await startStack({ name: 'webhooks', vars: { WEBHOOK_TIMEOUT_SECS: '2' } });
    shop = await createMerchant(stack, 'Bean Shop');
    await api('PATCH', '/v1/account', { checkout: { deposit_xpub: accountXpub(ANVIL_MNEMONIC, 4) } });
  });
  after(async () => {
    await stack?.stop();
    await receiver?.stop();
  });

  test('a paid session produces exactly one verified checkout_session.paid delivery', async () => {
    const hook = await endpoint('/paid', ['checkout_session.paid']);
    const beans = await link();
    const opened = await call(stack.baseUrl, 'POST', `/v1/public/links/${beans.slug}/sessions`, { body: { asset: 'ETH' } });
    const s = opened.body;
    const hash = await rpc(stack.rpcUrl, 'eth_sendTransaction', [{ from: DEV_ACCOUNT, to: s.quote.deposit_address, value: `0x${BigInt(s.quote.amount_due).toString(16)}` }]);
    await waitForReceipt(stack.rpcUrl, hash);
    await tick();
    await rpc(stack.rpcUrl, 'anvil_mine', ['0x1']);
    await tick();
    const [got] = await until('the paid delivery', () => receiver.received('/paid').length > 0 && receiver.received('/paid'));
    assert.ok(verify(hook.secret, got.headers, got.body), 'signature verifies');
    assert.equal(got.json.type, 'checkout_session.paid');
    assert.equal(got.json.object, 'event');
    assert.equal(got.headers['webhook-id'], got.json.id);
    assert.ok(Math.abs(Number(got.headers['webhook-timestamp']) - Date.now() / 1000) < 60);
    assert.equal(got.json.data.id, s.id);
    assert.equal(got.json.data.status, 'paid');
    assert.equal(got.json.data.amount_received, s.quote.amount_due);
    assert.equal(got.json.livemode, false);
    // More ticks and polls bring nothing new: one event, one delivery.
    await tick();
    await call(stack.baseUrl, 'GET', `/v1/public/sessions/${s.id}`);
    await tick();
    assert.equal(receiver.received('/paid').length, 1);
    const listed = await api('GET', '/v1/events?type=checkout_session.paid');
    assert.deepEqual(listed.body.data.map((e) => e.id), [got.json.id]);
    const pending = await api('GET', '/v1/events?type=checkout_session.pending');
    assert.equal(pending.body.data.length, 1, 'the pending step was an event too');
    const one = await api('GET', `/v1/events/${got.json.id}`);
    assert.deepEqual(one.body, got.json);
  });

  test('link changes are events, delivered at once after the answer', async () => {
    await endpoint('/links', ['payment_link.created', 'payment_link.updated', 'payment_link.archived']);
    const beans = await link({ title: 'Events' });
    await api('PATCH', `/v1/payment_links/${beans.id}`, { title: 'Events 2' });
    await api('DELETE', `/v1/payment_links/${beans.id}`);
    const got = await until('three link deliveries', () => receiver.received('/links').length >= 3 && receiver.received('/links'));
    const types = got.map((r) => r.json.type).sort();
    assert.deepEqual(types, ['payment_link.archived', 'payment_link.created', 'payment_link.updated']);
    const updated = got.find((r) => r.json.type === 'payment_link.updated').json;
    assert.equal(updated.data.title, 'Events 2');
    assert.equal(got.find((r) => r.json.type === 'payment_link.archived').json.data.status, 'archived');
    // A refused write records no event.
    await api('DELETE', `/v1/payment_links/${beans.id}`);
    const archived = await api('GET', '/v1/events?type=payment_link.archived');
    assert.equal(archived.body.data.filter((e) => e.data.id === beans.id).length, 1);
  });

  test('a test ping reaches only the endpoint asked, signed, whatever it subscribes to', async () => {
    const hook = await endpoint('/ping', ['payment_link.created']);
    const other = await endpoint('/not-pinged', ['*']);
    const sent = await api('POST', `/v1/webhook_endpoints/${hook.id}/test`);
    assert.equal(sent.status, 202, JSON.stringify(sent.body));
    assert.deepEqual([sent.body.event_type, sent.body.endpoint, sent.body.status], ['test.ping', hook.id, 'pending']);
    const [got] = await until('the ping', () => receiver.received('/ping').length > 0 && receiver.received('/ping'));
    assert.ok(verify(hook.secret, got.headers, got.body), 'signature verifies');
    assert.deepEqual([got.json.type, got.json.id, got.json.data.id], ['test.ping', sent.body.event, hook.id]);
    assert.equal('secret' in got.json.data, false, 'never the secret');
    const listed = await api('GET', '/v1/events?type=test.ping');
    assert.deepEqual(listed.body.data.map((e) => e.id), [sent.body.event]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(receiver.received('/not-pinged').length, 0, 'no other endpoint gets it');
    await api('PATCH', `/v1/webhook_endpoints/${other.id}`, { enabled: false });
    const disabled = await api('POST', `/v1/webhook_endpoints/${other.id}/test`);
    assert.deepEqual([disabled.status, disabled.body.error.code], [409, 'endpoint_disabled']);
    const stranger = await createMerchant(stack, 'Stranger');
    const theirs = await call(stack.baseUrl, 'POST', `/v1/webhook_endpoints/${hook.id}/test`, { token: stranger.testKey });
    assert.equal(theirs.status, 404);
  });

  test('three failures and a timeout, then delivered: every attempt logged, nothing duplicated', async () => {
    const hook = await endpoint('/flaky', ['payment_link.created']);
    receiver.plan('/flaky', ['500', '503', 'timeout']);
    await link({ title: 'Flaky' });
    await until('the first attempt', () => receiver.received('/flaky').length === 1);
    for (let attempt = 2; attempt <= 4; attempt += 1) {
      await until(`attempt ${attempt - 1} recorded`, async () => (await deliveries(hook.id))[0]?.attempts.length === attempt - 1);
      await timeTravel(hook.id);
      await tick();
    }
    await until('the fourth attempt', () => receiver.received('/flaky').length === 4);
    const [delivery] = await until('the delivery succeeded', async () => {
      const list = await deliveries(hook.id);
      return list[0]?.status === 'succeeded' && list;
    });
    assert.deepEqual(delivery.attempts.map((a) => a.status_code), [500, 503, null, 200]);
    assert.equal(delivery.attempts[2].error, 'timeout');
    assert.equal(delivery.attempts[0].response_body, 'failing on purpose with 500');
    assert.ok(delivery.attempts.every((a, i) => a.attempt === i + 1 && a.duration_ms >= 0));
    const got = receiver.received('/flaky');
    assert.equal(new Set(got.map((r) => r.headers['webhook-id'])).size, 1, 'one event, retried');
    assert.ok(got.every((r) => verify(hook.secret, r.headers, r.body)));
    await timeTravel(hook.id);
    await tick();
    assert.equal(receiver.received('/flaky').length, 4, 'a delivered event is not sent again');
  });

  test('after a rotation both secrets sign, and a redelivery is sent again on request', async () => {
    const hook = await endpoint('/rotate', ['payment_link.created']);
    const rotated = (await api('POST', `/v1/webhook_endpoints/${hook.id}/rotate_secret`)).body;
    assert.notEqual(rotated.secret, hook.secret);
    await link({ title: 'Rotated' });
    const [got] = await until('the delivery', () => receiver.received('/rotate').length === 1 && receiver.received('/rotate'));
    assert.equal(got.headers['webhook-signature'].split(' ').length, 2);
    assert.ok(verify(rotated.secret, got.headers, got.body), 'new secret');
    assert.ok(verify(hook.secret, got.headers, got.body), 'old secret, within 24 h');
    const [delivery] = await until('logged', async () => {
      const list = await deliveries(hook.id);
      return list[0]?.status === 'succeeded' && list;
    });
    const retried = await api('POST', `/v1/webhook_endpoints/${hook.id}/deliveries/${delivery.id}/retry`);
    assert.equal(retried.status, 202);
    await until('the redelivery', () => receiver.received('/rotate').length === 2);
    const again = receiver.received('/rotate')[1];
    assert.equal(again.headers['webhook-id'], got.headers['webhook-id']);
    assert.ok(verify(rotated.secret, again.headers, again.body));
    const missing = await api('POST', `/v1/webhook_endpoints/${hook.id}/deliveries/whd_000000000000000000000000/retry`);
    assert.equal(missing.status, 404);
  });

  test('410 disables an endpoint, as do three days of failures, each with an event', async () => {
    const watcher = await endpoint('/watcher', ['webhook_endpoint.disabled']);
    const gone = await endpoint('/gone', ['payment_link.created']);
    receiver.plan('/gone', ['410']);
    await link({ title: 'Gone' });
    await until('disabled by 410', async () => (await api('GET', `/v1/webhook_endpoints/${gone.id}`)).body.enabled === false);
    const failing = await endpoint('/failing', ['payment_link.created']);
    receiver.plan('/failing', ['500', '500']);
    await d1(stack.persistDir, `UPDATE webhook_endpoints SET failing_since = ${Math.floor(Date.now() / 1000) - 3 * 86400 - 10} WHERE id = '${failing.id}'`);
    await link({ title: 'Failing' });
    await until('disabled after 3 days', async () => (await api('GET', `/v1/webhook_endpoints/${failing.id}`)).body.enabled === false);
    const events = (await api('GET', '/v1/events?type=webhook_endpoint.disabled')).body.data;
    assert.deepEqual(events.map((e) => e.data.id).sort(), [failing.id, gone.id].sort());
    assert.deepEqual(events.map((e) => e.data.disabled_reason).sort(), ['failing', 'gone']);
    await until('the disabled events delivered', () => receiver.received('/watcher').length === 2);
    assert.ok(receiver.received('/watcher').every((r) => verify(watcher.secret, r.headers, r.body)));
    // A disabled endpoint gets nothing more.
    const before = receiver.received('/gone').length;
    await link({ title: 'After' });
    await tick();
    assert.equal(receiver.received('/gone').length, before);
  });
});
