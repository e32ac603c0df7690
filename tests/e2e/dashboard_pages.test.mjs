// Every page of the dashboard, empty and filled: axe finds no serious or critical violation,
// each is screenshotted at desktop and phone width, the main flow (sign in, create a link,
// create a checkout, open it, sign out) works with the keyboard alone, long lists (links,
// a delivery log, endpoints) are paged older and newer, and the link form's payer controls
// make the link the API stores and the pay page shows, and an edit saves twice.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, createMerchant } from '../harness/api.mjs';
import { bounded } from '../harness/bounded.mjs';
import { launchBrowser } from '../harness/browser.mjs';
import { PHONE, openDashboard, screenshots, section, signIn, tabTo, violations } from '../harness/dashboard.mjs';
import { ANVIL_MNEMONIC, accountXpub } from '../harness/hd.mjs';
import { startStack } from '../harness/stack.mjs';

describe('dashboard pages: accessibility, screenshots, keyboard', () => {
  let stack;
  let browser;
  let shop;
  const api = (method, path, body) => call(stack.baseUrl, method, path, { token: shop.testKey, body });

  before(async () => {
    stack = await startStack({ name: 'dashboard-pages' });
    shop = await createMerchant(stack, 'Page Roasters');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** Checks the page with axe and screenshots it as `name`. */
  async function check(page, name) {
    assert.deepEqual(await violations(page), [], name);
    await screenshots(page, name);
  }

  test('empty pages say what to do next, with no violation', async () => {
    const { page, errors } = await openDashboard(browser, stack.baseUrl);
    await page.getByLabel('API key').waitFor({ timeout: 15000 });
    await check(page, 'signin');
    await page.getByLabel('API key').fill('sk_test_nope');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('That is not an API key').waitFor();
    await page.getByLabel('API key').fill(`sk_test_${'0'.repeat(48)}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('api_key_invalid').waitFor();
    await check(page, 'signin-refused');
    await signIn(page, shop.testKey);
    for (const [tab, text, name] of [
      ['Payment links', 'Create your first link', 'links-empty'],
      ['Checkout sessions', 'Create a checkout', 'sessions-empty'],
      ['Webhooks', 'No webhook endpoints yet.', 'webhooks-empty'],
      ['Account', 'No deposit wallet yet', 'account-empty'],
      ['API keys', 'New restricted key', 'keys'],
    ]) {
      await section(page, tab);
      await page.getByText(text).first().waitFor();
      await check(page, name);
    }
    assert.deepEqual(errors, []);
  });

  test('filled pages: links, a link, sessions, a session, a checkout, endpoints, an endpoint, account', async () => {
    await api('PATCH', '/v1/account', { checkout: { deposit_xpub: accountXpub(ANVIL_MNEMONIC, 22) } });
    const link = (await api('POST', '/v1/payment_links', {
      title: 'Espresso beans', amount: '18.00', currency: 'EUR', chain: 'anvil', max_payments: 50,
      description: 'Dark roast', metadata: { sku: 'esp-1' },
    })).body;
    await api('POST', '/v1/payment_links', { title: 'Tip jar', type: 'custom', custom_amount: { minimum: '1' }, chain: 'anvil' });
    const order = (await api('POST', '/v1/checkout_sessions', {
      amount: '42.00', currency: 'EUR', chain: 'anvil', client_reference_id: 'A-1001', customer_email: 'ana@example.com',
    })).body;
    await call(stack.baseUrl, 'POST', `/v1/public/sessions/${order.id}/quotes`, { body: { asset: 'ETH' } });
    const hook = (await api('POST', '/v1/webhook_endpoints', { url: 'http://127.0.0.1:9/hooks', enabled_events: ['checkout_session.paid'] })).body;
    await api('POST', `/v1/webhook_endpoints/${hook.id}/test`);

    const { page, errors } = await openDashboard(browser, stack.baseUrl);
    await signIn(page, shop.testKey);
    await page.locator('.link-row').first().waitFor();
    await check(page, 'links');
    await page.getByLabel('Search title or slug').fill('espresso');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.link-row').length === 1);
    await page.getByLabel('Status').selectOption('archived');
    await page.getByText('No link matches.').waitFor();
    await page.getByLabel('Status').selectOption('');
    await page.getByRole('link', { name: 'Espresso beans' }).click();
    await page.getByRole('heading', { name: 'Edit “Espresso beans”' }).waitFor();
    assert.equal(await page.getByLabel('Most payments (optional)').inputValue(), '50');
    await check(page, 'link-edit');
    await page.getByLabel('Description (optional)').fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.').waitFor();
    assert.equal((await api('GET', `/v1/payment_links/${link.id}`)).body.description, null);
    await page.goto(`${stack.baseUrl}/dashboard/#/links/new`);
    await page.getByRole('heading', { name: 'New payment link' }).waitFor();
    await page.getByRole('button', { name: 'Create link' }).click();
    await page.getByRole('alert').waitFor();
    await check(page, 'link-new-refused');

    await section(page, 'Checkout sessions');
    await page.locator('.session-row').first().waitFor();
    await check(page, 'sessions');
    await page.getByRole('link', { name: /42\.00 EUR/ }).click();
    await page.getByText('Waiting for the customer to pay').waitFor();
    await page.getByText('ana@example.com').waitFor();
    await check(page, 'session-open');
    await page.goto(`${stack.baseUrl}/dashboard/#/sessions/new`);
    await page.getByLabel('Order reference').fill('A-1002');
    await page.getByLabel('Amount').fill('9.99');
    await page.getByRole('button', { name: 'Create checkout' }).click();
    await page.locator('#checkout-url').waitFor();
    await check(page, 'checkout-created');

    await section(page, 'Webhooks');
    await page.locator('.endpoint-row').waitFor();
    await check(page, 'webhooks');
    await page.getByRole('link', { name: 'http://127.0.0.1:9/hooks' }).click();
    await page.locator('.delivery').first().waitFor();
    await check(page, 'endpoint');

    await section(page, 'Account');
    await page.getByLabel(/Account xpub/).waitFor();
    await check(page, 'account');
    assert.deepEqual(errors, []);
  });

  test('the main flow with the keyboard alone, on a phone-sized screen', async () => {
    const { page, errors } = await openDashboard(browser, stack.baseUrl, PHONE);
    await page.getByLabel('API key').waitFor({ timeout: 15000 });
    await tabTo(page, 'API key');
    await page.keyboard.type(shop.testKey);
    await page.keyboard.press('Enter');
    await page.locator('#mode-badge').waitFor({ timeout: 15000 });

    await tabTo(page, 'Payment links');
    await page.keyboard.press('Enter');
    await tabTo(page, 'New link');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'New payment link' }).waitFor();
    await tabTo(page, /^ ?Title/);
    await page.keyboard.type('Keyboard blend');
    await tabTo(page, /^ ?Amount/);
    await page.keyboard.type('7.00');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Edit “Keyboard blend”' }).waitFor();

    await tabTo(page, 'Checkout sessions');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Checkout sessions' }).waitFor();
    await tabTo(page, 'New checkout');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'New one-time checkout' }).waitFor();
    await tabTo(page, 'Order reference');
    await page.keyboard.type('K-1');
    await tabTo(page, /^ ?Amount/);
    await page.keyboard.type('3.50');
    await page.keyboard.press('Enter');
    await page.locator('#checkout-url').waitFor();
    await tabTo(page, 'View the session');
    await page.keyboard.press('Enter');
    await page.getByText('Waiting for the customer to pay').waitFor();

    await tabTo(page, 'Sign out');
    await page.keyboard.press('Enter');
    await page.getByLabel('API key').waitFor();
    const made = (await api('GET', '/v1/checkout_sessions?client_reference_id=K-1')).body.data;
    assert.equal(made.length, 1);
    assert.equal(made[0].amount, '3.50');
    assert.deepEqual(errors, []);
  });
  test('the payer controls: a link asking details and a dropdown, its pay page, an edit saved twice', async () => {
    const { page, errors } = await openDashboard(browser, stack.baseUrl);
    await signIn(page, shop.testKey);
    await page.goto(`${stack.baseUrl}/dashboard/#/links/new`);
    await page.getByRole('heading', { name: 'New payment link' }).waitFor();
    await page.getByLabel('Title', { exact: true }).fill('Roast club');
    await page.getByLabel('Amount', { exact: true }).fill('15.00');
    await page.getByRole('combobox', { name: 'Chain' }).selectOption('anvil');
    await page.getByLabel('Metadata (optional)').fill('batch=42\nroaster=ana');
    assert.equal(await page.getByLabel('Ship only to (optional)').count(), 0, 'no countries while shipping is not asked');
    await page.getByRole('combobox', { name: 'Email', exact: true }).selectOption('required');
    await page.getByRole('combobox', { name: 'Shipping address', exact: true }).selectOption('optional');
    await page.getByLabel('Ship only to (optional)').fill('de, at');

    await page.getByRole('button', { name: 'Add a question' }).click();
    const question = page.getByRole('group', { name: 'Question 1' });
    // Focus lands on the new question's label, so typing goes on from the keyboard.
    await page.waitForFunction(() => document.activeElement?.id?.endsWith('-label'));
    await page.keyboard.type('Grind');
    assert.equal(await question.getByLabel('Key').inputValue(), 'grind', 'the key follows the label');
    await question.getByLabel('Type').selectOption('dropdown');
    await question.getByLabel('Option 1', { exact: true }).fill('Whole beans');
    await question.getByLabel('Value of option 1 (optional)').fill('whole');
    await question.getByRole('button', { name: 'Add option' }).click();
    await page.keyboard.type('Ground');
    await question.getByRole('button', { name: 'Move up: option 2' }).click();
    await page.getByRole('status').filter({ hasText: 'Moved option to position 1.' }).waitFor();
    assert.equal(await question.getByLabel('Option 1', { exact: true }).inputValue(), 'Ground');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Move down: option 1',
      'at the top, focus goes to the button that still moves it');
    await check(page, 'link-payer-form');

    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/v1/payment_links') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Create link' }).click(),
    ]);
    assert.equal(created.status(), 201, await created.text());
    const id = (await created.json()).id;
    await page.getByRole('heading', { name: 'Edit “Roast club”' }).waitFor();
    const made = (await api('GET', `/v1/payment_links/${id}`)).body;
    assert.deepEqual(made.collect, {
      email: 'required', name: 'off', phone: 'off', billing_address: 'off', shipping_address: 'optional',
      shipping_countries: ['AT', 'DE'],
    });
    assert.deepEqual(made.custom_fields, [{
      key: 'grind', label: 'Grind', type: 'dropdown', optional: false,
      options: [{ value: 'Ground', label: 'Ground' }, { value: 'whole', label: 'Whole beans' }],
      min_length: null, max_length: null, default: null,
    }]);
    assert.deepEqual(made.adjustable_quantity, { enabled: false, minimum: 1, maximum: 99 });
    assert.equal(made.submit_label, 'pay');
    assert.equal(made.after_completion, null);

    const payer = await browser.newPage();
    await payer.goto(made.url);
    await payer.locator('#payer-email').waitFor({ timeout: 15000 });
    assert.equal(await payer.locator('#payer-email').getAttribute('required'), '');
    await payer.getByRole('group', { name: 'Shipping address (optional)' }).waitFor();
    const grind = payer.getByLabel('Grind');
    assert.deepEqual(await grind.locator('option').evaluateAll((os) => os.map((o) => [o.value, o.textContent])),
      [['', 'Choose…'], ['Ground', 'Ground'], ['whole', 'Whole beans']]);
    assert.equal(await grind.getAttribute('required'), '');
    assert.equal(await payer.locator('#payer-name, #payer-phone').count(), 0, 'nothing else is asked');
    await payer.close();

    /** Saves the editor and answers the merge patch it sent. */
    const save = async () => {
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith(`/v1/payment_links/${id}`) && r.request().method() === 'PATCH'),
        page.getByRole('button', { name: 'Save changes' }).click(),
      ]);
      assert.equal(answer.status(), 200, await answer.text());
      return answer.request().postDataJSON();
    };
    await page.getByRole('combobox', { name: 'Email', exact: true }).selectOption('optional');
    await page.getByLabel('Metadata (optional)').fill('roaster=ana');
    assert.deepEqual(await save(), { collect: { email: 'optional' }, metadata: { batch: null } });
    await page.getByText('Saved.').waitFor();
    // The second save is measured against the first: measured against the link as opened it
    // would remove `batch` again, which the API refuses as an unknown member.
    await page.getByRole('button', { name: 'Remove question 1' }).click();
    await page.getByRole('status').filter({ hasText: 'Removed “Grind”.' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'add-question');
    await page.getByLabel('The customer picks a quantity').check();
    await page.getByLabel('Most', { exact: true }).fill('5');
    await page.getByLabel('Show the receipt and a message of yours').check();
    await page.getByLabel('Message on the paid page').fill('See you at the roastery.');
    await check(page, 'link-payer-edit');
    assert.deepEqual(await save(), {
      custom_fields: [],
      adjustable_quantity: { enabled: true, minimum: 1, maximum: 5 },
      after_completion: { type: 'message', message: 'See you at the roastery.' },
    });
    await page.getByText('Saved.').waitFor();
    const edited = (await api('GET', `/v1/payment_links/${id}`)).body;
    assert.deepEqual(edited.collect, {
      email: 'optional', name: 'off', phone: 'off', billing_address: 'off', shipping_address: 'optional',
      shipping_countries: ['AT', 'DE'],
    });
    assert.deepEqual(edited.custom_fields, []);
    assert.deepEqual(edited.adjustable_quantity, { enabled: true, minimum: 1, maximum: 5 });
    assert.deepEqual(edited.after_completion, { type: 'message', message: 'See you at the roastery.' });
    assert.deepEqual(edited.metadata, { roaster: 'ana' });
    assert.deepEqual(errors, []);
  });

  test('a long list is paged older and newer by its cursors', async () => {
    for (let i = 0; i < 21; i += 1) {
      const made = await api('POST', '/v1/payment_links', { title: `Bulk ${String(i).padStart(2, '0')}`, amount: '1.00', chain: 'anvil' });
      assert.equal(made.status, 201);
    }
    const { page } = await openDashboard(browser, stack.baseUrl);
    await signIn(page, shop.testKey);
    await page.locator('.link-row').nth(19).waitFor();
    const firstPage = await page.locator('.link-row .title').allInnerTexts();
    assert.equal(firstPage.length, 20);
    // Links of one second are ordered by id: compare with the API's own first page.
    assert.deepEqual(firstPage, (await api('GET', '/v1/payment_links?limit=20')).body.data.map((l) => l.title));
    assert.ok(await page.getByRole('button', { name: '← Newer' }).isDisabled());
    await page.getByRole('button', { name: 'Older →' }).click();
    await page.getByRole('button', { name: '← Newer' }).and(page.locator(':enabled')).waitFor();
    const older = await page.locator('.link-row .title').allInnerTexts();
    assert.ok(older.length > 0 && !older.some((t) => firstPage.includes(t)), 'the rest, no row twice');
    await screenshots(page, 'links-older-page');
    await page.getByRole('button', { name: '← Newer' }).click();
    await page.locator('.link-row .title', { hasText: firstPage[0] }).waitFor();
    assert.deepEqual(await page.locator('.link-row .title').allInnerTexts(), firstPage);
  });

  test('a long delivery log and endpoint list are paged older and newer; a test ping shows on top', async () => {
    const hook = (await api('POST', '/v1/webhook_endpoints', { url: 'http://127.0.0.1:9/paged', enabled_events: ['checkout_session.paid'] })).body;
    const log = `/v1/webhook_endpoints/${hook.id}/deliveries`;
    await bounded(22, 3, async () => assert.equal((await api('POST', `/v1/webhook_endpoints/${hook.id}/test`)).status, 202));
    const pingedAt = Date.now();
    const { page, errors } = await openDashboard(browser, stack.baseUrl);
    await signIn(page, shop.testKey);
    await page.goto(`${stack.baseUrl}/dashboard/#/webhooks/${hook.id}`);
    const rows = page.locator('.delivery');
    const events = () => page.locator('.delivery .sub code').allInnerTexts();
    const newer = page.getByRole('button', { name: '← Newer' });
    const older = page.getByRole('button', { name: 'Older →' });
    await rows.nth(19).waitFor();
    const firstPage = await events();
    // Deliveries of one second are ordered by id: compare with the API's own first page.
    assert.deepEqual(firstPage, (await api('GET', `${log}?limit=20`)).body.data.map((d) => d.event));
    assert.ok(await newer.isDisabled());
    await older.click();
    await newer.and(page.locator(':enabled')).waitFor();
    const rest = await events();
    assert.equal(rest.length, 2);
    assert.ok(!rest.some((e) => firstPage.includes(e)), 'the rest, no row twice');
    assert.ok(await older.isDisabled());
    await check(page, 'endpoint-log-older');
    await newer.click();
    await rows.nth(19).waitFor();
    assert.deepEqual(await events(), firstPage);

    // From an older page, a test event brings the log back to its newest page, the ping on top
    // (sent a second after the others, so no delivery of its second sorts above it).
    await older.click();
    await newer.and(page.locator(':enabled')).waitFor();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, pingedAt + 1100 - Date.now())));
    await page.getByRole('button', { name: 'Send a test event' }).click();
    await page.getByText('Test event sent').waitFor();
    await rows.nth(19).waitFor();
    const ping = (await api('GET', `${log}?limit=1`)).body.data[0];
    assert.equal(ping.event_type, 'test.ping');
    await page.locator('.delivery .sub code').first().filter({ hasText: ping.event }).waitFor();
    assert.ok(await newer.isDisabled());

    await bounded(19, 3, (i) => api('POST', '/v1/webhook_endpoints', { url: `http://127.0.0.1:9/more/${i}`, enabled_events: ['checkout_session.paid'] }));
    await section(page, 'Webhooks');
    const endpoints = page.locator('.endpoint-row .title');
    await endpoints.nth(19).waitFor();
    const top = await endpoints.allInnerTexts();
    assert.deepEqual(top, (await api('GET', '/v1/webhook_endpoints?limit=20')).body.data.map((e) => e.url));
    await older.click();
    await newer.and(page.locator(':enabled')).waitFor();
    const others = await endpoints.allInnerTexts();
    assert.ok(others.length > 0 && !others.some((url) => top.includes(url)), 'the rest, no row twice');
    await newer.click();
    await endpoints.nth(19).waitFor();
    assert.deepEqual(await endpoints.allInnerTexts(), top);
    assert.deepEqual(errors, []);
  });
});
