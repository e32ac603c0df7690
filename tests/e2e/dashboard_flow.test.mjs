// The merchant dashboard against the real stack, as a merchant uses it: sign in with the test
// key, set the deposit wallet, add a webhook endpoint (its secret shown once), create a link,
// pay it on anvil from its pay page, see the session paid with its payment and events, find
// the delivery in the endpoint's log, redeliver it, send a signed test event, then mint a
// restricted key and watch it refused where it lacks the scope. Throughout, the key is never
// in a URL, localStorage or a cookie, and sign-out forgets it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, createMerchant } from '../harness/api.mjs';
import { launchBrowser } from '../harness/browser.mjs';
import { DEV_ACCOUNT, rpc, waitForReceipt } from '../harness/chain.mjs';
import { keyLeaks, openDashboard, screenshots, section, signIn } from '../harness/dashboard.mjs';
import { ANVIL_MNEMONIC, accountXpub } from '../harness/hd.mjs';
import { startReceiver } from '../harness/receiver.mjs';
import { verify } from '../harness/signature.mjs';
import { startStack } from '../harness/stack.mjs';
import { until } from '../harness/wait.mjs';

describe('the dashboard, end to end', () => {
  let stack;
  let receiver;
  let browser;
  let shop;
  let dash;
  let secret;
  let restricted;
  const api = (method, path, body) => call(stack.baseUrl, method, path, { token: shop.testKey, body });
  const hooks = () => receiver.received('/hooks');

  before(async () => {
    receiver = await startReceiver();
    stack = await startStack({ name: 'dashboard-flow' });
    shop = await createMerchant(stack, 'Dash Roasters');
    browser = await launchBrowser();
    dash = await openDashboard(browser, stack.baseUrl);
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
    await receiver?.stop();
  });

  test('the served page carries a strict policy and no key comes in a URL', async () => {
    const shell = await fetch(`${stack.baseUrl}/dashboard/`);
    assert.equal(shell.status, 200);
    const policy = shell.headers.get('content-security-policy') ?? '';
    assert.match(policy, /default-src 'none'/);
    assert.match(policy, /frame-ancestors 'none'/);
    assert.doesNotMatch(policy, /unsafe-inline/);
    const bare = await fetch(`${stack.baseUrl}/dashboard`, { redirect: 'manual' });
    assert.ok([200, 307, 308].includes(bare.status), `${bare.status}`);
  });

  test('sign in with the test key: test mode shown, the wallet set on the account page', async () => {
    const { page } = dash;
    await page.getByRole('heading', { name: 'Paylink dashboard' }).waitFor({ timeout: 15000 });
    await signIn(page, shop.testKey);
    assert.equal(await page.locator('#mode-badge').innerText(), 'Test mode');
    await page.getByText('No payment links yet.').waitFor();
    await section(page, 'Account');
    await page.getByText('No deposit wallet yet').waitFor();
    await page.getByLabel(/An account xpub/).check();
    await page.getByLabel(/Account xpub/).fill(accountXpub(ANVIL_MNEMONIC, 21));
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved: new quotes use these settings.').waitFor();
    assert.equal((await api('GET', '/v1/account')).body.checkout.deposit_xpub, accountXpub(ANVIL_MNEMONIC, 21));
  });

  test('a webhook endpoint is added and its secret shown once', async () => {
    const { page } = dash;
    await section(page, 'Webhooks');
    await page.getByText('No webhook endpoints yet.').waitFor();
    await page.getByLabel('URL').fill(`${receiver.url}/hooks`);
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    secret = await page.locator('.secret-value').innerText();
    assert.match(secret, /^whsec_/);
    await page.getByRole('link', { name: `${receiver.url}/hooks` }).waitFor();
  });

  test('a link created in the dashboard is paid on anvil from its pay page', async () => {
    const { page } = dash;
    await section(page, 'Payment links');
    await page.getByRole('link', { name: 'New link' }).click();
    await page.getByLabel('Title', { exact: true }).fill('House blend');
    await page.getByLabel('Amount', { exact: true }).fill('12.50');
    await page.getByRole('combobox', { name: 'Chain' }).selectOption('anvil');
    await page.getByRole('checkbox', { name: 'ETH' }).check();
    await page.getByRole('button', { name: 'Create link' }).click();
    await page.getByRole('heading', { name: 'Edit “House blend”' }).waitFor();
    const link = (await api('GET', '/v1/payment_links')).body.data[0];
    assert.deepEqual([link.title, link.amount, link.assets, link.chain], ['House blend', '12.50', ['ETH'], 'anvil']);

    const payer = await browser.newPage();
    let quote;
    payer.on('response', async (r) => {
      if (r.request().method() === 'POST' && /\/(sessions|quotes)$/.test(new URL(r.url()).pathname)) quote = (await r.json()).quote;
    });
    const opened = page.waitForEvent('popup');
    await page.getByRole('link', { name: link.url }).click();
    const popup = await opened;
    assert.equal(new URL(popup.url()).pathname, `/l/${link.slug}`, 'the pay page of the link opens');
    await popup.close();
    await payer.goto(link.url);
    await payer.getByRole('button', { name: 'Continue' }).click();
    await until('a quote', () => quote);
    const hash = await rpc(stack.rpcUrl, 'eth_sendTransaction', [
      { from: DEV_ACCOUNT, to: quote.deposit_address, value: `0x${BigInt(quote.amount_due).toString(16)}` },
    ]);
    await waitForReceipt(stack.rpcUrl, hash);
    await rpc(stack.rpcUrl, 'anvil_mine', ['0x2']);
    await payer.locator('#session-status').filter({ hasText: 'Payment received' }).waitFor({ timeout: 30000 });
    await payer.close();

    await section(page, 'Checkout sessions');
    const row = page.locator('.session-row').first();
    await row.getByText('paid').waitFor();
    await row.getByRole('link').click();
    await page.getByText('Paid: fulfil the order.').waitFor();
    await page.locator('.payment').getByText(hash).waitFor();
    assert.match(await page.locator('.payment').innerText(), /0\.004166666666666667 ETH/);
    await page.locator('.events').getByText('checkout_session.paid').waitFor();
    await screenshots(page, 'session-paid');
  });

  test('the paid event is in the delivery log; a redelivery and a test event reach the receiver, signed', async () => {
    const { page } = dash;
    await until('the paid webhook', () => hooks().some((h) => h.json?.type === 'checkout_session.paid'));
    await section(page, 'Webhooks');
    await page.getByRole('link', { name: `${receiver.url}/hooks` }).click();
    const paid = page.locator('.delivery[data-event-type="checkout_session.paid"]');
    await paid.getByText('answered 200').first().waitFor({ timeout: 15000 });
    const before_ = hooks().length;
    await paid.getByRole('button', { name: 'Redeliver' }).click();
    await until('the redelivery', () => hooks().length > before_);
    const again = hooks().at(-1);
    assert.equal(again.json.type, 'checkout_session.paid');
    assert.ok(verify(secret, again.headers, again.body), 'the redelivery verifies');
    await page.getByRole('button', { name: 'Refresh' }).click();
    await paid.locator('.attempt').nth(1).waitFor({ timeout: 15000 });

    await page.getByRole('button', { name: 'Send a test event' }).click();
    await page.getByText('Test event sent').waitFor();
    const ping = await until('test.ping', () => hooks().find((h) => h.json?.type === 'test.ping'));
    assert.ok(verify(secret, ping.headers, ping.body), 'the test event verifies with the secret shown');
    await page.locator('.delivery[data-event-type="test.ping"]').first().waitFor({ timeout: 15000 });
    await screenshots(page, 'endpoint-log');
  });

  test('a restricted key made in the dashboard is refused for a scope it lacks', async () => {
    const { page } = dash;
    await section(page, 'API keys');
    await page.getByRole('checkbox', { name: 'links:read' }).check();
    await page.getByRole('button', { name: 'Create restricted key' }).click();
    restricted = await page.locator('.secret-value').innerText();
    assert.match(restricted, /^rk_test_[0-9a-f]{48}$/);
    await page.locator('.key-row').getByText(`rk_test_…${restricted.slice(-4)}`).waitFor();
    await screenshots(page, 'keys-created');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'sign-out forgets the key');
    await signIn(page, restricted);
    assert.match(await page.locator('.key-kind').innerText(), /restricted/);
    await section(page, 'Payment links');
    await page.locator('.link-row').getByText('House blend').waitFor();
    await page.getByRole('link', { name: 'New link' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Not allowed');
    await page.getByLabel('Amount', { exact: true }).fill('1.00');
    await page.getByRole('button', { name: 'Create link' }).click();
    const refusal = page.getByRole('alert');
    await refusal.getByText('missing_scope').waitFor();
    assert.match(await refusal.innerText(), /links:write/);
    await screenshots(page, 'restricted-refused');
    await section(page, 'API keys');
    await page.getByRole('alert').getByText('secret_key_required').waitFor();
    assert.equal((await api('GET', '/v1/payment_links?q=not-allowed')).body.data.length, 0);
  });

  test('the key was never in a URL, localStorage or a cookie, and a reload keeps the tab signed in', async () => {
    const { context, page, urls, errors } = dash;
    assert.deepEqual(await keyLeaks(context, page, urls, shop.testKey), []);
    assert.deepEqual(await keyLeaks(context, page, urls, restricted), []);
    assert.ok(urls.some((u) => u.includes('/v1/checkout_sessions')), 'the API was called');
    await page.reload();
    await page.locator('#mode-badge').waitFor({ timeout: 15000 });
    const stored = await page.evaluate(() => Object.values({ ...sessionStorage }).join(' '));
    assert.match(stored, /^rk_test_/, 'the tab keeps its key in sessionStorage');
    const other = await context.newPage();
    await other.goto(`${stack.baseUrl}/dashboard/`);
    await other.getByLabel('API key').waitFor({ timeout: 15000 });
    await other.close();
    assert.deepEqual(errors, []);
  });
});
