// Who paid, through the API alone: a link that asks for a required email, an optional phone,
// a dropdown, a numeric field and a quantity of 1 to 5. Every bad value is refused by the API
// itself with its code and field path, on opening a session and on quoting; good values reach
// the merchant API and the checkout_session.* webhooks unchanged, and never the public
// session; 3 × EUR 9.99 is EUR 29.97 exactly. Forms on checkouts and their refusals.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, createMerchant } from '../harness/api.mjs';
import { ANVIL_MNEMONIC, accountXpub } from '../harness/hd.mjs';
import { dueUnits } from '../harness/money.mjs';
import { loadContract } from '../harness/openapi.mjs';
import { PAYER } from '../harness/payer.mjs';
import { startReceiver } from '../harness/receiver.mjs';
import { startStack } from '../harness/stack.mjs';
import { until } from '../harness/wait.mjs';

/** The form of the link under test, as the merchant sends it. */
const FORM = {
  collect: { email: 'required', phone: 'optional' },
  custom_fields: [
    { key: 'size', label: 'Size', type: 'dropdown', options: [{ value: 's', label: 'Small' }, { value: 'm', label: 'Medium' }] },
    { key: 'member_no', label: 'Member number', type: 'numeric', min_length: 4, max_length: 8 },
  ],
  adjustable_quantity: { enabled: true, minimum: 1, maximum: 5 },
  submit_label: 'book',
  after_completion: { type: 'message', message: 'See you at the tasting.' },
};

/** What a customer sends that passes every rule of FORM. */
const GOOD = {
  customer: { email: PAYER.email, phone: PAYER.phone },
  custom_fields: { size: 'm', member_no: PAYER.memberNo },
  quantity: 3,
};

/** Each bad input (merged over GOOD) and the failures it must answer, as [param, code]. */
const BAD = [
  [{ customer: { phone: PAYER.phone } }, [['customer.email', 'email_required']]],
  [{ customer: { email: 'grace' } }, [['customer.email', 'email_invalid']]],
  [{ customer: { email: PAYER.email, phone: '12345' } }, [['customer.phone', 'phone_invalid']]],
  [{ customer: { email: PAYER.email, name: PAYER.name } }, [['customer.name', 'field_not_collected']]],
  [{ customer: { email: PAYER.email, billing_address: { line1: 'x', city: 'y', country: 'DE' } } },
    [['customer.billing_address', 'field_not_collected']]],
  [{ custom_fields: { member_no: PAYER.memberNo } }, [['custom_fields.size', 'custom_field_required']]],
  [{ custom_fields: { size: 'xl', member_no: PAYER.memberNo } }, [['custom_fields.size', 'custom_field_unknown_option']]],
  [{ custom_fields: { size: 'm', member_no: '12a4' } }, [['custom_fields.member_no', 'custom_field_not_numeric']]],
  [{ custom_fields: { size: 'm', member_no: '123' } }, [['custom_fields.member_no', 'custom_field_too_short']]],
  [{ custom_fields: { size: 'm', member_no: '123456789' } }, [['custom_fields.member_no', 'custom_field_too_long']]],
  [{ custom_fields: { size: 'm', member_no: PAYER.memberNo, colour: 'red' } }, [['custom_fields.colour', 'custom_field_unknown']]],
  [{ quantity: 0 }, [['quantity', 'quantity_below_minimum']]],
  [{ quantity: 6 }, [['quantity', 'quantity_above_maximum']]],
  [{ customer: { email: 'grace', phone: 'call me' }, custom_fields: {}, quantity: 9 }, [
    ['customer.email', 'email_invalid'], ['customer.phone', 'phone_invalid'],
    ['custom_fields.size', 'custom_field_required'], ['custom_fields.member_no', 'custom_field_required'],
    ['quantity', 'quantity_above_maximum'],
  ]],
];

const failures = (answer) => (answer.body.error?.errors ?? []).map((e) => [e.param, e.code]);

describe('payer details through the API', () => {
  let stack;
  let receiver;
  let shop;
  let contract;
  let link;
  const api = (method, path, body) => call(stack.baseUrl, method, path, { token: shop.testKey, body });
  const open = (path, body) => call(stack.baseUrl, 'POST', path, { body });

  before(async () => {
    receiver = await startReceiver();
    stack = await startStack({ name: 'payer-api' });
    shop = await createMerchant(stack, 'Tasting Room');
    assert.equal((await api('PATCH', '/v1/account', { checkout: { deposit_xpub: accountXpub(ANVIL_MNEMONIC, 21) } })).status, 200);
    const hook = await api('POST', '/v1/webhook_endpoints', { url: `${receiver.url}/hooks`, enabled_events: ['*'] });
    assert.equal(hook.status, 201, JSON.stringify(hook.body));
    contract = await loadContract(stack.baseUrl);
    const created = await api('POST', '/v1/payment_links', {
      title: 'Tasting', amount: '9.99', currency: 'EUR', assets: ['ETH'], chain: 'anvil', ...FORM,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    contract.check('POST', '/v1/payment_links', created);
    link = created.body;
  });
  after(async () => {
    await stack?.stop();
    await receiver?.stop();
  });

  test('the link keeps its form, and the public link and page show it without any value', async () => {
    assert.deepEqual(link.collect, {
      email: 'required', name: 'off', phone: 'optional', billing_address: 'off', shipping_address: 'off', shipping_countries: [],
    });
    assert.deepEqual(link.custom_fields.map((f) => [f.key, f.type, f.optional, f.max_length]),
      [['size', 'dropdown', false, null], ['member_no', 'numeric', false, 8]]);
    assert.deepEqual(link.adjustable_quantity, { enabled: true, minimum: 1, maximum: 5 });
    assert.deepEqual([link.submit_label, link.after_completion], ['book', FORM.after_completion]);
    const pub = await call(stack.baseUrl, 'GET', `/v1/public/links/${link.slug}`);
    assert.equal(pub.status, 200);
    contract.check('GET', '/v1/public/links/{slug}', pub);
    for (const name of ['collect', 'custom_fields', 'adjustable_quantity', 'submit_label', 'after_completion']) {
      assert.deepEqual(pub.body[name], link[name], name);
    }
    const page = await (await fetch(`${stack.baseUrl}/l/${link.slug}`)).text();
    assert.match(page, /"member_no"/, 'the page has the form inlined');
  });

  test('every bad value is refused with its code and path when a session opens with a quote', async () => {
    for (const [bad, expected] of BAD) {
      const answer = await open(`/v1/public/links/${link.slug}/sessions`, { asset: 'ETH', ...GOOD, ...bad });
      assert.equal(answer.status, 400, JSON.stringify(bad));
      assert.deepEqual(failures(answer), expected, JSON.stringify(bad));
      contract.check('POST', '/v1/public/links/{slug}/sessions', answer);
    }
    const refused = await open(`/v1/public/links/${link.slug}/sessions`, { asset: 'ETH' });
    const byParam = Object.fromEntries(refused.body.error.errors.map((e) => [e.param, e.message]));
    assert.equal(byParam['customer.email'], 'Email is required.', 'the sentence the page shows too');
    assert.equal(byParam['custom_fields.size'], 'Size is required.');
  });

  test('the same values are refused on a quote, which then makes no quote and loses nothing', async () => {
    // Opened without an asset, a session takes what it is sent and asks nothing yet.
    const opened = await open(`/v1/public/links/${link.slug}/sessions`, { customer: { phone: PAYER.otherPhone } });
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    const id = opened.body.id;
    for (const [bad, expected] of BAD) {
      const answer = await open(`/v1/public/sessions/${id}/quotes`, { asset: 'ETH', ...GOOD, ...bad });
      assert.equal(answer.status, 400, JSON.stringify(bad));
      assert.deepEqual(failures(answer), expected, JSON.stringify(bad));
    }
    const held = (await api('GET', `/v1/checkout_sessions/${id}`)).body;
    assert.deepEqual([held.quotes.length, held.quantity, held.amount], [0, 1, '9.99']);
    assert.equal(held.customer.phone, PAYER.otherPhone, 'what the open sent is still held');
    const bodyOnly = await open(`/v1/public/sessions/${id}/quotes`, { asset: 'DOGE', quantity: 6 });
    assert.deepEqual(failures(bodyOnly), [['asset', 'asset_unsupported'], ['customer.email', 'email_required'],
      ['custom_fields.size', 'custom_field_required'], ['custom_fields.member_no', 'custom_field_required'],
      ['quantity', 'quantity_above_maximum']]);
  });

  test('good values reach the merchant and the webhook unchanged; three at EUR 9.99 are EUR 29.97', async () => {
    // A typo first; the quote after corrects it and picks the quantity.
    const opened = await open(`/v1/public/links/${link.slug}/sessions`, {
      asset: 'ETH', ...GOOD, customer: { email: PAYER.otherEmail, phone: PAYER.phone }, quantity: 1,
    });
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    assert.equal(opened.body.amount, '9.99');
    const id = opened.body.id;
    const quoted = await open(`/v1/public/sessions/${id}/quotes`, { asset: 'ETH', customer: { email: PAYER.email }, quantity: 3 });
    assert.equal(quoted.status, 201, JSON.stringify(quoted.body));
    contract.check('POST', '/v1/public/sessions/{id}/quotes', quoted);
    assert.deepEqual([quoted.body.amount, quoted.body.unit_amount], ['29.97', '9.99']);
    assert.equal(quoted.body.quote.amount_due, dueUnits('29.97', '2750.00', 18));
    const polled = await call(stack.baseUrl, 'GET', `/v1/public/sessions/${id}`);
    for (const shown of [opened.body, quoted.body, polled.body]) {
      const text = JSON.stringify(shown);
      for (const value of [PAYER.email, PAYER.otherEmail, PAYER.phone, PAYER.memberNo]) {
        assert.ok(!text.includes(value), `the public session never echoes ${value}`);
      }
      assert.equal('customer' in shown || 'quantity' in shown, false);
      assert.deepEqual([shown.collect, shown.custom_fields], [link.collect, link.custom_fields], 'the form, not its answers');
    }
    const expected = {
      customer: { email: PAYER.email, name: null, phone: PAYER.phone, billing_address: null, shipping_address: null },
      custom_fields: [{ key: 'size', label: 'Size', value: 'm' }, { key: 'member_no', label: 'Member number', value: PAYER.memberNo }],
      quantity: 3,
    };
    const merchant = await api('GET', `/v1/checkout_sessions/${id}`);
    contract.check('GET', '/v1/checkout_sessions/{id}', merchant);
    const s = merchant.body;
    assert.deepEqual({ customer: s.customer, custom_fields: s.custom_fields, quantity: s.quantity }, expected);
    assert.deepEqual([s.amount, s.unit_amount, s.customer_email, s.customer_data_redacted_at], ['29.97', '9.99', PAYER.email, null]);
    assert.deepEqual(s.quotes.map((q) => q.amount_due), [dueUnits('9.99', '2750.00', 18), dueUnits('29.97', '2750.00', 18)]);
    const listed = await api('GET', `/v1/checkout_sessions?payment_link=${link.id}&limit=100`);
    const inList = listed.body.data.find((x) => x.id === id);
    assert.deepEqual({ customer: inList.customer, custom_fields: inList.custom_fields, quantity: inList.quantity }, expected);
    const hooks = await until('both quoted events', () => {
      const got = receiver.received('/hooks').map((r) => r.json)
        .filter((e) => e.type === 'checkout_session.quoted' && e.data.id === id);
      return got.length === 2 && got;
    });
    const last = hooks.find((e) => e.data.quotes.length === 2);
    assert.deepEqual({ customer: last.data.customer, custom_fields: last.data.custom_fields, quantity: last.data.quantity }, expected);
    const first = hooks.find((e) => e.data.quotes.length === 1);
    assert.equal(first.data.customer.email, PAYER.otherEmail, 'each event says what the session held then');
  });

  test('a session keeps the form it opened with when the link changes', async () => {
    const opened = await open(`/v1/public/links/${link.slug}/sessions`, {});
    const changed = await api('PATCH', `/v1/payment_links/${link.id}`, { collect: { name: 'required' }, submit_label: null });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.deepEqual([changed.body.collect.name, changed.body.collect.email, changed.body.submit_label], ['required', 'required', 'pay']);
    assert.deepEqual(changed.body.after_completion, FORM.after_completion, 'what the patch left alone stays');
    const old = await open(`/v1/public/sessions/${opened.body.id}/quotes`, { asset: 'ETH', ...GOOD });
    assert.equal(old.status, 201, JSON.stringify(old.body));
    assert.equal(old.body.submit_label, 'book');
    const fresh = await open(`/v1/public/links/${link.slug}/sessions`, { asset: 'ETH', ...GOOD });
    assert.deepEqual(failures(fresh), [['customer.name', 'name_required']]);
    const redirected = await api('PATCH', `/v1/payment_links/${link.id}`, { success_url: 'https://tasting.example/done' });
    assert.deepEqual(redirected.body.after_completion, { type: 'redirect', url: 'https://tasting.example/done' });
    const messaged = await api('PATCH', `/v1/payment_links/${link.id}`, { after_completion: FORM.after_completion });
    assert.deepEqual([messaged.body.success_url, messaged.body.after_completion], [null, FORM.after_completion]);
  });

  test('a checkout takes its link\'s form, overrides parts of it, and starts from the merchant\'s email', async () => {
    const made = await api('POST', '/v1/checkout_sessions', {
      payment_link: link.id, customer_email: PAYER.email, submit_label: 'donate',
      adjustable_quantity: { enabled: true, minimum: 2, maximum: 4 },
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    contract.check('POST', '/v1/checkout_sessions', made);
    const s = made.body;
    assert.deepEqual([s.submit_label, s.collect.name, s.quantity, s.amount, s.unit_amount], ['donate', 'required', 2, '19.98', '9.99']);
    assert.equal(s.customer.email, PAYER.email);
    const quoted = await open(`/v1/public/sessions/${s.id}/quotes`, {
      asset: 'ETH', customer: { name: PAYER.name }, custom_fields: GOOD.custom_fields, quantity: 4,
    });
    assert.equal(quoted.status, 201, JSON.stringify(quoted.body));
    const held = (await api('GET', `/v1/checkout_sessions/${s.id}`)).body;
    assert.deepEqual([held.customer.email, held.customer.name, held.amount], [PAYER.email, PAYER.name, '39.96']);
  });

  test('a form the merchant sends is checked with a code per rule', async () => {
    const refused = await api('POST', '/v1/payment_links', {
      title: 'Tips', type: 'custom', currency: 'EUR', chain: 'anvil', assets: ['ETH'],
      success_url: 'https://tips.example/a',
      collect: { email: 'always', shipping_countries: ['XX'] },
      custom_fields: [
        { key: 'Bad Key', label: '', type: 'dropdown', options: [] },
        { key: 'note', label: 'Note', type: 'text', min_length: 9, max_length: 3, default: 'hi' },
      ],
      adjustable_quantity: { enabled: true },
      submit_label: 'buy',
      after_completion: { type: 'message', message: 'Thanks' },
    });
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
    assert.deepEqual(failures(refused), [
      ['collect.email', 'collect_mode_invalid'],
      ['collect.shipping_countries[0]', 'shipping_countries_invalid'],
      ['custom_fields[0].key', 'custom_field_key_invalid'],
      ['custom_fields[0].label', 'custom_field_label_invalid'],
      ['custom_fields[0].options', 'custom_field_options_invalid'],
      ['custom_fields[1].min_length', 'custom_field_length_invalid'],
      ['adjustable_quantity', 'quantity_needs_fixed_price'],
      ['submit_label', 'submit_label_invalid'],
      ['after_completion', 'after_completion_conflicts_success_url'],
    ]);
    const many = await api('POST', '/v1/payment_links', {
      title: 'Form', amount: '1', chain: 'anvil',
      custom_fields: ['a', 'b', 'c', 'd'].map((key) => ({ key, label: key, type: 'text' })),
    });
    assert.deepEqual(failures(many), [['custom_fields', 'custom_fields_too_many']]);
    const retention = await api('PATCH', '/v1/account', { checkout: { customer_data_retention_days: 3651 } });
    assert.deepEqual(failures(retention), [['checkout.customer_data_retention_days', 'customer_data_retention_days_invalid']]);
  });
});
