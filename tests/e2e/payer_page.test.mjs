// Who paid, on the pay page: the fields the worker renders for a link's `collect`,
// `custom_fields` and `adjustable_quantity`, checked as the customer types with the API's own
// codes and sentences, blocking the quote while invalid; what is sent reaching the merchant's
// webhook unchanged; the quantity priced exactly; keyboard only; axe; the embed; screenshots.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import AxeBuilder from '@axe-core/playwright';
import { call, createMerchant } from '../harness/api.mjs';
import { launchBrowser, screenshot } from '../harness/browser.mjs';
import { PAYER } from '../harness/payer.mjs';
import { DEV_ACCOUNT, rpc, waitForReceipt } from '../harness/chain.mjs';
import { ANVIL_MNEMONIC, accountXpub } from '../harness/hd.mjs';
import { startReceiver } from '../harness/receiver.mjs';
import { verify } from '../harness/signature.mjs';
import { startStack } from '../harness/stack.mjs';
import { until } from '../harness/wait.mjs';

const FORM = {
  collect: { email: 'required', phone: 'optional' },
  custom_fields: [
    { key: 'size', label: 'Size', type: 'dropdown', options: [{ value: 's', label: 'Small' }, { value: 'm', label: 'Medium' }] },
    { key: 'member_no', label: 'Member number', type: 'numeric', min_length: 4, max_length: 8 },
    { key: 'note', label: 'Note', type: 'text', optional: true, max_length: 40 },
  ],
  adjustable_quantity: { enabled: true, minimum: 1, maximum: 5 },
  after_completion: { type: 'message', message: 'Thank you! We ship on Mondays.' },
};

/** The serious and critical violations axe finds on `page` (its frames included), summarised. */
async function violations(page) {
  const { violations: found } = await new AxeBuilder({ page }).analyze();
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** What the page shows at the field with DOM id `id`: { text, code, invalid }. */
async function shown(page, id) {
  const error = page.locator(`#${id}-error`);
  return {
    text: (await error.isVisible()) ? await error.innerText() : '',
    code: await error.getAttribute('data-code'),
    invalid: await page.locator(`#${id}`).getAttribute('aria-invalid'),
  };
}

describe('payer fields on the pay page', () => {
  let stack;
  let receiver;
  let browser;
  let shop;
  let hook;
  let link;
  const api = (method, path, body) => call(stack.baseUrl, method, path, { token: shop.testKey, body });
  /** What the API answers for this body on the link: [{ param, code, message }]. */
  const refusal = async (body) => {
    const answer = await call(stack.baseUrl, 'POST', `/v1/public/links/${link.slug}/sessions`, { body: { asset: 'ETH', ...body } });
    assert.equal(answer.status, 400, JSON.stringify(answer.body));
    return answer.body.error.errors;
  };

  before(async () => {
    receiver = await startReceiver();
    stack = await startStack({ name: 'payer-page' });
    shop = await createMerchant(stack, 'Demo Roasters');
    await api('PATCH', '/v1/account', { checkout: { deposit_xpub: accountXpub(ANVIL_MNEMONIC, 11) } });
    const made = await api('POST', '/v1/webhook_endpoints', { url: `${receiver.url}/hooks`, enabled_events: ['checkout_session.quoted', 'checkout_session.paid'] });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    hook = made.body;
    const created = await api('POST', '/v1/payment_links', {
      title: 'Beans', type: 'fixed', amount: '9.99', currency: 'EUR', assets: ['ETH', 'USDC'], chain: 'anvil', ...FORM,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    link = created.body;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
    await receiver?.stop();
  });

  /** A fresh page at `path`, recording the public API requests it makes and its errors. */
  async function open(path, { viewport = { width: 1280, height: 900 }, colorScheme = 'light' } = {}) {
    const context = await browser.newContext({ viewport, colorScheme });
    const page = await context.newPage();
    const posts = [];
    const errors = [];
    page.on('request', (r) => { if (r.method() === 'POST' && r.url().includes('/v1/public/')) posts.push(r); });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${stack.baseUrl}${path}`);
    await page.locator('#payer-email').waitFor({ timeout: 15000 });
    return { page, context, posts, errors };
  }

  test('a link without fields gets no script and no template', async () => {
    const plain = (await api('POST', '/v1/payment_links', { title: 'Plain', type: 'fixed', amount: '1', currency: 'EUR', assets: ['ETH'], chain: 'anvil' })).body;
    const html = await (await fetch(`${stack.baseUrl}/l/${plain.slug}`)).text();
    assert.ok(!html.includes('payer.js') && !html.includes('<template'), html);
    const withFields = await (await fetch(`${stack.baseUrl}/l/${link.slug}`)).text();
    assert.match(withFields, /<script src="\/payer.js" defer><\/script>/);
    const script = await fetch(`${stack.baseUrl}/payer.js`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type'), /javascript/);
  });

  test('every bad input shows the API\'s code and sentence at its field and blocks the quote', async () => {
    const { page, context, posts, errors } = await open(`/l/${link.slug}`);
    const cont = page.getByRole('button', { name: 'Continue' });
    await cont.click();
    // Nothing sent; every required field says so, and the first one has the focus.
    const required = await refusal({});
    for (const [id, param] of [['payer-email', 'customer.email'], ['payer-custom-size', 'custom_fields.size'], ['payer-custom-member-no', 'custom_fields.member_no']]) {
      const api = required.find((e) => e.param === param);
      assert.ok(api, `the API refuses a missing ${param}: ${JSON.stringify(required)}`);
      assert.deepEqual(await shown(page, id), { text: api.message, code: api.code, invalid: 'true' }, id);
    }
    assert.equal(await page.evaluate(() => document.activeElement.id), 'payer-email');
    assert.equal((await shown(page, 'payer-phone')).code, null, 'an optional field left empty is fine');
    assert.equal(await page.locator('#payer-live').innerText(), '3 fields need your attention.');
    await screenshot(page, 'payer-errors-light');

    // Each rule the browser can check, as the customer types, in the API's words.
    const cases = [
      ['payer-email', 'ada@example', { customer: { email: 'ada@example' } }, 'customer.email'],
      ['payer-phone', '12ab', { customer: { phone: '12ab' } }, 'customer.phone'],
      ['payer-custom-member-no', '12a4', { custom_fields: { member_no: '12a4' } }, 'custom_fields.member_no'],
      ['payer-custom-member-no', '123', { custom_fields: { member_no: '123' } }, 'custom_fields.member_no'],
      ['payer-quantity', '6', { quantity: 6 }, 'quantity'],
      ['payer-quantity', '0', { quantity: 0 }, 'quantity'],
    ];
    for (const [id, typed, body, param] of cases) {
      const api = (await refusal(body)).find((e) => e.param === param);
      await page.locator(`#${id}`).fill(typed);
      await page.locator(`#${id}`).blur();
      assert.deepEqual(await shown(page, id), { text: api.message, code: api.code, invalid: 'true' }, `${id} = ${typed}`);
      await cont.click();
      assert.equal(posts.length, 0, `no request while ${id} is ${typed}`);
    }
    assert.equal(await page.locator('#payer-total').innerText(), 'EUR 9.99 each');
    // Fixed, the message goes at once.
    await page.locator('#payer-email').fill(PAYER.email);
    assert.deepEqual(await shown(page, 'payer-email'), { text: '', code: null, invalid: 'false' });
    assert.equal(posts.length, 0);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('valid input reaches the webhook unchanged; quantity 3 is quoted as 29.97', async () => {
    const { page, context, posts, errors } = await open(`/l/${link.slug}?quantity=2`);
    assert.equal(await page.locator('#payer-quantity').inputValue(), '2', 'the query pre-fills the quantity');
    await page.getByLabel('Email').fill(PAYER.email);
    await page.getByLabel('Phone (optional)').fill(PAYER.otherPhone);
    await page.getByLabel('Size').selectOption('m');
    await page.getByLabel('Member number').fill(PAYER.memberNo);
    await page.getByLabel('Quantity').fill('3');
    assert.equal(await page.locator('#payer-total').innerText(), '3 × EUR 9.99 = EUR 29.97');
    await screenshot(page, 'payer-filled-light');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('#quote-shown').waitFor({ timeout: 15000 });
    assert.equal(posts.length, 1);
    const sent = JSON.parse(posts[0].postData());
    assert.deepEqual(sent.customer, { email: PAYER.email, phone: PAYER.otherPhone });
    assert.deepEqual(sent.custom_fields, { size: 'm', member_no: PAYER.memberNo });
    assert.equal(sent.quantity, 3);

    const [quoted] = await until('the quoted delivery', () => receiver.received('/hooks').find((r) => r.json?.type === 'checkout_session.quoted') && receiver.received('/hooks'));
    assert.ok(verify(hook.secret, quoted.headers, quoted.body), 'signature verifies');
    const s = quoted.json.data;
    assert.equal(s.amount, '29.97');
    assert.equal(s.unit_amount, '9.99');
    assert.equal(s.quantity, 3);
    assert.equal(s.customer.email, PAYER.email);
    assert.equal(s.customer.phone, PAYER.otherPhone);
    assert.deepEqual(s.custom_fields, [
      { key: 'size', label: 'Size', value: 'm' },
      { key: 'member_no', label: 'Member number', value: PAYER.memberNo },
    ]);
    // 29.97 EUR at 2750 EUR per ETH, rounded up to the wei.
    const due = (2997n * 10n ** 16n + 2749n) / 2750n;
    assert.equal(s.quote.amount_due, due.toString());

    // Paying another way shows the fields as the customer left them.
    await page.getByRole('button', { name: 'Change how you pay' }).click();
    assert.equal(await page.locator('#payer-email').inputValue(), PAYER.email);
    assert.equal(await page.locator('#payer-quantity').inputValue(), '3');
    assert.equal(await page.locator('#payer-custom-size').inputValue(), 'm');
    await page.getByRole('radio', { name: /ETH/ }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('#quote-shown').waitFor({ timeout: 15000 });
    assert.equal(JSON.parse(posts.at(-1).postData()).quantity, 3);
    assert.ok(posts.at(-1).url().endsWith('/quotes'), 'the same session, a new quote');

    // Paid: the merchant's message shows under the receipt.
    const address = await page.locator('#deposit-address').innerText();
    // The same rate, the same amount due for the new quote.
    const hash = await rpc(stack.rpcUrl, 'eth_sendTransaction', [{ from: DEV_ACCOUNT, to: address, value: `0x${due.toString(16)}` }]);
    await waitForReceipt(stack.rpcUrl, hash);
    await rpc(stack.rpcUrl, 'anvil_mine', ['0x2']);
    await page.locator('#session-status').filter({ hasText: 'Payment received' }).waitFor({ timeout: 20000 });
    const message = page.getByRole('region', { name: 'A message from Demo Roasters' });
    assert.equal(await message.locator('p').last().innerText(), 'Thank you! We ship on Mondays.');
    assert.ok(await message.isVisible());
    await screenshot(page, 'payer-paid-message');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('an error only the API finds is shown at its field, without the generic problem', async () => {
    const { page, context, posts } = await open(`/l/${link.slug}`);
    await page.getByLabel('Email').fill(PAYER.otherEmail);
    await page.getByLabel('Size').selectOption('s');
    await page.getByLabel('Member number').fill('1234');
    // A control character: no HTML attribute can refuse it, the API does.
    await page.getByLabel('Note (optional)').fill('ring\u0007bell');
    await page.getByRole('button', { name: 'Continue' }).click();
    await until('the refusal', () => posts.length === 1);
    const api = (await refusal({ customer: { email: PAYER.otherEmail }, custom_fields: { size: 's', member_no: '1234', note: 'ring\u0007bell' } }))
      .find((e) => e.param === 'custom_fields.note');
    await page.locator('#payer-custom-note-error').filter({ hasText: api.message }).waitFor({ timeout: 10000 });
    assert.equal((await shown(page, 'payer-custom-note')).code, api.code);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'payer-custom-note');
    assert.equal(await page.locator('.problem').count(), 0, 'no second copy of the message');
    // Corrected, it goes through.
    await page.getByLabel('Note (optional)').fill('ring the bell');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('#quote-shown').waitFor({ timeout: 15000 });
    await context.close();
  });

  test('keyboard only: Tab through the fields, Enter for the quote', async () => {
    const { page, context, posts } = await open(`/l/${link.slug}`);
    const focused = () => page.evaluate(() => document.activeElement.id || document.activeElement.tagName);
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'payer-email');
    // Enter with the fields empty: nothing is sent and the focus stays on the first problem.
    await page.keyboard.press('Enter');
    assert.equal(await focused(), 'payer-email');
    assert.equal((await shown(page, 'payer-email')).code, 'email_required');
    await page.keyboard.type(PAYER.email);
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'payer-phone');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'payer-custom-size');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.locator('#payer-custom-size').inputValue(), 'm');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'payer-custom-member-no');
    await page.keyboard.type('98765');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'payer-quantity');
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.locator('#payer-total').innerText(), '2 × EUR 9.99 = EUR 19.98');
    await page.keyboard.press('Enter');
    await page.locator('#quote-shown').waitFor({ timeout: 15000 });
    assert.equal(posts.length, 1);
    assert.deepEqual(JSON.parse(posts[0].postData()).custom_fields, { size: 'm', member_no: '98765' });
    await context.close();
  });

  test('axe finds nothing serious, in light and dark and on a phone; screenshots', async () => {
    for (const [name, options] of [
      ['light', {}],
      ['dark', { colorScheme: 'dark' }],
      ['phone', { viewport: { width: 375, height: 667 } }],
      ['phone-dark', { viewport: { width: 375, height: 667 }, colorScheme: 'dark' }],
    ]) {
      const { page, context } = await open(`/l/${link.slug}`, options);
      assert.deepEqual(await violations(page), [], `${name}, fresh`);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByLabel('Phone (optional)').fill('12ab');
      await page.getByLabel('Phone (optional)').blur();
      assert.deepEqual(await violations(page), [], `${name}, with messages`);
      if (name !== 'light') await screenshot(page, `payer-errors-${name}`);
      await context.close();
    }
  });

  test('addresses: an optional one needs its parts once a line is filled; countries by name', async () => {
    const made = await api('POST', '/v1/payment_links', {
      title: 'Parcel', type: 'fixed', amount: '20', currency: 'EUR', assets: ['ETH'], chain: 'anvil',
      collect: { email: 'required', name: 'required', billing_address: 'required', shipping_address: 'optional', shipping_countries: ['DE', 'HK'] },
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    for (const [name, options] of [['light', {}], ['phone', { viewport: { width: 375, height: 667 } }]]) {
      const { page, context, posts } = await open(`/l/${made.body.slug}`, options);
      // Named and sorted in the page's language by the browser.
      const countries = await page.locator('#payer-shipping-country option').allInnerTexts();
      assert.deepEqual(countries, ['Choose a country', 'Germany', 'Hong Kong']);
      assert.equal(await page.locator('#payer-billing-country option').count(), 251);
      await page.getByLabel('Email').fill(PAYER.email);
      await page.getByLabel('Name').fill(PAYER.name);
      await page.locator('#payer-billing-line1').fill('Hauptstr. 1');
      await page.locator('#payer-billing-postal-code').fill('10115');
      await page.locator('#payer-billing-city').fill('Berlin');
      await page.locator('#payer-billing-country').selectOption('DE');
      // One line of the optional shipping address: now it needs the rest.
      await page.locator('#payer-shipping-line1').fill('1 Queen\'s Road');
      await page.getByRole('button', { name: 'Continue' }).click();
      assert.equal(posts.length, 0);
      assert.equal((await shown(page, 'payer-shipping-city')).code, 'address_city_required');
      assert.equal((await shown(page, 'payer-shipping-country')).code, 'country_invalid');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'payer-shipping-country', 'the first in the page');
      if (name === 'phone') await screenshot(page, 'payer-addresses-phone');
      assert.deepEqual(await violations(page), [], `addresses, ${name}`);
      // Hong Kong uses no postal codes: without one, the address is complete.
      await page.locator('#payer-shipping-city').fill('Hong Kong');
      await page.locator('#payer-shipping-country').selectOption('HK');
      assert.equal((await shown(page, 'payer-shipping-postal-code')).code, null);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.locator('#quote-shown').waitFor({ timeout: 15000 });
      const sent = JSON.parse(posts[0].postData()).customer;
      assert.deepEqual(sent.shipping_address, { line1: '1 Queen\'s Road', city: 'Hong Kong', country: 'HK' });
      assert.deepEqual(sent.billing_address, { country: 'DE', line1: 'Hauptstr. 1', postal_code: '10115', city: 'Berlin' });
      if (name === 'light') await screenshot(page, 'payer-addresses-quote');
      await context.close();
    }
  });

  test('the embed shows the fields, with the shop\'s pre-filled email', async () => {
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head>
<body><main><h1>Bean Shop</h1><script src="${stack.baseUrl}/embed.js" data-link="${link.slug}" data-prefilled-email="${PAYER.otherEmail}"></script></main></body></html>`;
    const server = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`http://127.0.0.1:${server.address().port}/`);
      await page.getByRole('button', { name: /Pay with crypto/ }).click();
      const frame = page.frameLocator('iframe');
      await frame.locator('#payer-email').waitFor({ timeout: 15000 });
      assert.equal(await frame.locator('#payer-email').inputValue(), PAYER.otherEmail);
      await frame.getByRole('button', { name: 'Continue' }).click();
      await frame.locator('#payer-custom-size-error').filter({ hasText: 'Size is required.' }).waitFor({ timeout: 5000 });
      assert.deepEqual(await violations(page), [], 'the open modal with messages');
      await screenshot(page, 'payer-embed-modal');
    } finally {
      await context.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('a checkout page asks what its session collects, with the merchant\'s email', async () => {
    const made = await api('POST', '/v1/checkout_sessions', {
      amount: '12.00', currency: 'EUR', assets: ['ETH'], chain: 'anvil', customer_email: PAYER.otherEmail,
      collect: { email: 'required', name: 'required' }, submit_label: 'book',
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const { page, context, posts } = await open(`/c/${made.body.id}`);
    assert.equal(await page.locator('#payer-email').inputValue(), PAYER.otherEmail);
    assert.match(await page.title(), /^Book with Demo Roasters/);
    await page.getByRole('button', { name: 'Book' }).click();
    assert.equal((await shown(page, 'payer-name')).code, 'name_required');
    assert.equal(posts.length, 0);
    await page.getByLabel('Name').fill(PAYER.name);
    await page.getByRole('button', { name: 'Book' }).click();
    await page.locator('#quote-shown').waitFor({ timeout: 15000 });
    const session = (await api('GET', `/v1/checkout_sessions/${made.body.id}`)).body;
    assert.equal(session.customer.name, PAYER.name);
    assert.equal(session.customer.email, PAYER.otherEmail);
    await context.close();
  });
});
