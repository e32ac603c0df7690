// Payer data is erased, through the API alone: `POST /v1/checkout_sessions/{id}/redact` at
// once, and the cron sweep once a session ended longer ago than the account's
// `customer_data_retention_days` (0 here; the default 90 keeps it). Afterwards neither the
// session, nor the events list, nor a redelivery holds the values; the events themselves
// stay, and a later event does not bring the values back.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, createMerchant } from '../harness/api.mjs';
import { ANVIL_MNEMONIC, accountXpub } from '../harness/hd.mjs';
import { loadContract } from '../harness/openapi.mjs';
import { PAYER } from '../harness/payer.mjs';
import { startReceiver } from '../harness/receiver.mjs';
import { startStack } from '../harness/stack.mjs';
import { until } from '../harness/wait.mjs';

const FORM = {
  collect: { email: 'required', phone: 'optional', name: 'optional' },
  custom_fields: [{ key: 'member_no', label: 'Member number', type: 'numeric' }],
};
const VALUES = [PAYER.email, PAYER.phone, PAYER.name, PAYER.memberNo];
const INPUT = {
  customer: { email: PAYER.email, phone: PAYER.phone, name: PAYER.name },
  custom_fields: { member_no: PAYER.memberNo },
};

/** The values of VALUES that `value` (any JSON) still holds. */
const held = (value) => VALUES.filter((v) => JSON.stringify(value).includes(v));

describe('payer data redaction and retention', () => {
  let stack;
  let receiver;
  let contract;
  const tick = async () => assert.equal((await fetch(`${stack.baseUrl}/__scheduled?cron=*+*+*+*+*`)).status, 200);
  const as = (shop) => (method, path, body) => call(stack.baseUrl, method, path, { token: shop.testKey, body });
  const open = (path, body) => call(stack.baseUrl, 'POST', path, { body });

  /** A merchant with a webhook endpoint and a link asking for FORM. */
  async function merchant(name, path, retention) {
    const shop = await createMerchant(stack, name);
    const api = as(shop);
    const checkout = { deposit_xpub: accountXpub(ANVIL_MNEMONIC, path) };
    if (retention !== undefined) checkout.customer_data_retention_days = retention;
    const account = await api('PATCH', '/v1/account', { checkout });
    assert.equal(account.status, 200, JSON.stringify(account.body));
    const hook = await api('POST', '/v1/webhook_endpoints', { url: `${receiver.url}/${name}`, enabled_events: ['*'] });
    const link = await api('POST', '/v1/payment_links', { title: 'Club', amount: '5', chain: 'anvil', assets: ['ETH'], ...FORM });
    assert.equal(link.status, 201, JSON.stringify(link.body));
    return { shop, api, hook: hook.body, link: link.body, account: account.body };
  }

  /** A session on `m`'s link holding INPUT, quoted (so a checkout_session.quoted event carries it). */
  async function session(m) {
    const opened = await open(`/v1/public/links/${m.link.slug}/sessions`, { asset: 'ETH', ...INPUT });
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    const id = opened.body.id;
    await until('the quoted delivery', () => receiver.received(`/${m.hook.url.split('/').pop()}`)
      .some((r) => r.json?.data?.id === id));
    assert.deepEqual(held((await m.api('GET', `/v1/checkout_sessions/${id}`)).body), VALUES, 'held before');
    return id;
  }

  const eventsOf = async (m, id) => (await m.api('GET', '/v1/events?limit=100')).body.data.filter((e) => e.data.id === id);

  before(async () => {
    receiver = await startReceiver();
    stack = await startStack({ name: 'payer-privacy' });
    contract = await loadContract(stack.baseUrl);
  });
  after(async () => {
    await stack?.stop();
    await receiver?.stop();
  });

  test('a redact erases the values from the session, its events and redeliveries at once', async () => {
    const m = await merchant('redacting', 31);
    const id = await session(m);
    const before = await eventsOf(m, id);
    assert.ok(before.length >= 1 && before.every((e) => held(e).length === VALUES.length), 'the events held them');
    const redacted = await m.api('POST', `/v1/checkout_sessions/${id}/redact`);
    assert.equal(redacted.status, 200, JSON.stringify(redacted.body));
    contract.check('POST', '/v1/checkout_sessions/{id}/redact', redacted);
    const s = redacted.body;
    assert.deepEqual(held(s), []);
    assert.deepEqual(s.customer, { email: null, name: null, phone: null, billing_address: null, shipping_address: null });
    assert.deepEqual([s.custom_fields, s.customer_email, s.quantity, s.status], [[], null, 1, 'open']);
    assert.equal(typeof s.customer_data_redacted_at, 'number');
    assert.deepEqual(held((await m.api('GET', `/v1/checkout_sessions/${id}`)).body), []);
    assert.deepEqual(held((await m.api('GET', '/v1/checkout_sessions?limit=100')).body), []);
    const afterwards = await eventsOf(m, id);
    assert.deepEqual(afterwards.map((e) => e.id), before.map((e) => e.id), 'the events stay');
    assert.deepEqual(held(afterwards), []);
    for (const event of afterwards) {
      assert.deepEqual(held((await m.api('GET', `/v1/events/${event.id}`)).body), []);
      assert.equal(event.data.customer_data_redacted_at, s.customer_data_redacted_at);
    }
    // The endpoint's delivery log no longer keeps what the receiver answered either.
    const deliveries = (await m.api('GET', `/v1/webhook_endpoints/${m.hook.id}/deliveries`)).body.data;
    const quoted = deliveries.find((d) => d.event === before[0].id);
    assert.ok(quoted.attempts.length > 0 && quoted.attempts.every((a) => a.response_body === null));
    const path = `/${m.hook.url.split('/').pop()}`;
    const seen = receiver.received(path).length;
    const retry = await m.api('POST', `/v1/webhook_endpoints/${m.hook.id}/deliveries/${quoted.id}/retry`);
    assert.equal(retry.status, 202, JSON.stringify(retry.body));
    const [again] = await until('the redelivery', () => receiver.received(path).length > seen && receiver.received(path).slice(seen));
    assert.equal(again.json.id, before[0].id, 'the same event');
    assert.deepEqual(held(again.json), []);

    const twice = await m.api('POST', `/v1/checkout_sessions/${id}/redact`);
    assert.deepEqual([twice.status, twice.body.customer_data_redacted_at], [200, s.customer_data_redacted_at], 'idempotent');
  });

  test('a later event of a redacted session holds no value', async () => {
    const m = await merchant('later', 32);
    const opened = await open(`/v1/public/links/${m.link.slug}/sessions`, INPUT);
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    const id = opened.body.id;
    assert.equal((await m.api('POST', `/v1/checkout_sessions/${id}/redact`)).status, 200);
    const canceled = await m.api('POST', `/v1/checkout_sessions/${id}/expire`);
    assert.equal(canceled.status, 200, JSON.stringify(canceled.body));
    const [event] = (await m.api('GET', '/v1/events?type=checkout_session.canceled')).body.data.filter((e) => e.data.id === id);
    assert.ok(event, 'the cancel has its event');
    assert.deepEqual(held(event), []);
    assert.deepEqual(held(canceled.body), []);
  });

  test('with 0 days of retention the sweep erases an ended session; with the default 90 it keeps it', async () => {
    const brief = await merchant('brief', 33, 0);
    assert.equal(brief.account.checkout.customer_data_retention_days, 0);
    const keeping = await merchant('keeping', 34);
    assert.equal(keeping.account.checkout.customer_data_retention_days, 90, 'the default');
    const checkoutOf = async (m) => {
      const made = await m.api('POST', '/v1/checkout_sessions', { payment_link: m.link.id, customer_email: PAYER.email });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      const quoted = await open(`/v1/public/sessions/${made.body.id}/quotes`, { asset: 'ETH', ...INPUT });
      assert.equal(quoted.status, 201, JSON.stringify(quoted.body));
      return made.body.id;
    };
    const [short, kept, open0] = [await session(brief), await session(keeping), await checkoutOf(brief)];
    // Only an ended session is erased: cancel two; the third stays open.
    const ended = await brief.api('POST', '/v1/checkout_sessions', { payment_link: brief.link.id, customer_email: PAYER.email });
    const endedOpen = await open(`/v1/public/links/${brief.link.slug}/sessions`, INPUT);
    for (const [m, id] of [[brief, ended.body.id], [brief, endedOpen.body.id], [keeping, kept]]) {
      const canceled = await m.api('POST', `/v1/checkout_sessions/${id}/expire`);
      assert.equal(canceled.status, 200, `${id}: ${JSON.stringify(canceled.body)}`);
    }
    await tick();
    for (const id of [ended.body.id, endedOpen.body.id]) {
      const s = (await brief.api('GET', `/v1/checkout_sessions/${id}`)).body;
      assert.deepEqual(held(s), [], `${id} is erased`);
      assert.equal(s.status, 'canceled');
      assert.equal(typeof s.customer_data_redacted_at, 'number');
      assert.deepEqual(held(await eventsOf(brief, id)), []);
    }
    for (const id of [short, open0]) {
      assert.deepEqual(held((await brief.api('GET', `/v1/checkout_sessions/${id}`)).body), VALUES, `${id} is open: kept`);
    }
    const s = (await keeping.api('GET', `/v1/checkout_sessions/${kept}`)).body;
    assert.deepEqual([held(s), s.customer_data_redacted_at], [VALUES, null], '90 days: kept');
    assert.ok((await eventsOf(keeping, kept)).every((e) => held(e).length === VALUES.length));
  });
});
