// Checkout sessions end to end: a merchant's deposit xpub, links resolved by slug, sessions
// for ETH and USDC priced digit for digit at the configured rates, every refusal, and the
// merchant's list, retrieve and expire.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { call, createMerchant } from '../harness/api.mjs';
import { dueUnits } from '../harness/money.mjs';
import { ANVIL_MNEMONIC, HARDENED, accountXpub, xpubAt } from '../harness/hd.mjs';
import { loadContract } from '../harness/openapi.mjs';
import { CAST } from '../harness/paths.mjs';
import { d1, startStack } from '../harness/stack.mjs';

/** Account 1' of anvil's mnemonic: derivable by cast, and holding no anvil dev funds. */
const ACCOUNT = 1;
const XPUB = accountXpub(ANVIL_MNEMONIC, ACCOUNT);

/** The address cast derives at m/44'/60'/1'/0/index: an implementation independent of ours. */
function castAddress(index) {
  return execFileSync(CAST, [
    'wallet', 'address', '--mnemonic', ANVIL_MNEMONIC,
    '--mnemonic-derivation-path', `m/44'/60'/${ACCOUNT}'/0/${index}`,
  ]).toString().trim();
}


describe('checkout sessions', () => {
  let stack;
  let shop;
  let contract;
  const api = (method, path, body, token = shop.testKey) => call(stack.baseUrl, method, path, { token, body });
  const link = async (extra = {}) => {
    const answer = await api('POST', '/v1/payment_links', {
      title: 'Beans', type: 'fixed', amount: '12.5', currency: 'USD', assets: ['ETH', 'USDC'], chain: 'anvil',
      success_url: 'https://shop.example/thanks', ...extra,
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body;
  };
  const open = (slug, body) => call(stack.baseUrl, 'POST', `/v1/public/links/${slug}/sessions`, { body });

  before(async () => {
    stack = await startStack({ name: 'sessions' });
    shop = await createMerchant(stack, 'Bean Shop');
    contract = await loadContract(stack.baseUrl);
    const set = await api('PATCH', '/v1/account', { checkout: { deposit_xpub: XPUB } });
    assert.equal(set.status, 200, JSON.stringify(set.body));
  });
  after(async () => {
    await stack?.stop();
  });

  test('the account shows its checkout settings, and PATCH checks them', async () => {
    const account = await api('GET', '/v1/account');
    contract.check('GET', '/v1/account', account);
    assert.deepEqual(account.body.checkout, { deposit_xpub: XPUB, quote_lock_seconds: 900, frame_ancestors: [], default_chain: 'anvil', payout_address: null, customer_data_retention_days: 90 });
    const cases = [
      [{ checkout: { deposit_xpub: 'xpub-not-base58-0OIl' } }, 'xpub_not_base58'],
      [{ checkout: { deposit_xpub: XPUB.slice(0, -1) + (XPUB.endsWith('a') ? 'b' : 'a') } }, 'xpub_bad_checksum'],
      [{ checkout: { deposit_xpub: xpubAt(ANVIL_MNEMONIC, [44 + HARDENED, 60 + HARDENED]) } }, 'xpub_not_account_level'],
      [{ checkout: { quote_lock_seconds: 30 } }, 'quote_lock_seconds_invalid'],
      [{ checkout: { quote_lock_seconds: '900' } }, 'invalid_type'],
      [{ checkout: { xprv: 'x' } }, 'unknown_field'],
      // `null` removes a member in a merge patch: a misspelt one must not pass unseen.
      [{ checkout: { xprv: null } }, 'unknown_field'],
      [{ '': null }, 'unknown_field'],
    ];
    for (const [body, code] of cases) {
      const answer = await api('PATCH', '/v1/account', body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      contract.check('PATCH', '/v1/account', answer);
      assert.equal(answer.body.error.code, code, JSON.stringify(answer.body));
    }
    // Nothing changed by the refused patches.
    assert.deepEqual((await api('GET', '/v1/account')).body.checkout, { deposit_xpub: XPUB, quote_lock_seconds: 900, frame_ancestors: [], default_chain: 'anvil', payout_address: null, customer_data_retention_days: 90 });
    // The live mode has its own settings.
    assert.equal((await api('GET', '/v1/account', undefined, shop.liveKey)).body.checkout.deposit_xpub, null);
  });

  test('the pay page may be framed by any https origin, or only by the ones the merchant lists', async () => {
    const page = await link();
    const csp = async () => (await fetch(`${stack.baseUrl}/l/${page.slug}`)).headers.get('content-security-policy');
    assert.equal(await csp(), "frame-ancestors 'self' https: http://localhost:* http://127.0.0.1:*");
    const set = await api('PATCH', '/v1/account', { checkout: { frame_ancestors: ['https://Shop.Example/', 'http://localhost:3000'] } });
    assert.deepEqual(set.body.checkout.frame_ancestors, ['https://shop.example', 'http://localhost:3000']);
    assert.equal(await csp(), "frame-ancestors 'self' https://shop.example http://localhost:3000");
    const bad = await api('PATCH', '/v1/account', { checkout: { frame_ancestors: ['https://shop.example/checkout'] } });
    assert.deepEqual([bad.status, bad.body.error.code, bad.body.error.param], [400, 'frame_ancestor_invalid', 'checkout.frame_ancestors[0]']);
    const live = await call(stack.baseUrl, 'PATCH', '/v1/account', { token: shop.liveKey, body: { checkout: { frame_ancestors: ['http://localhost:3000'] } } });
    assert.equal(live.body.error.code, 'frame_ancestor_invalid', 'live mode frames over https only');
    await api('PATCH', '/v1/account', { checkout: { frame_ancestors: null } });
    assert.equal((await fetch(`${stack.baseUrl}/l/no-such-link`)).headers.get('content-security-policy'), "frame-ancestors 'self' https:");
  });

  test('an ETH session on a fixed link: amount, address, quote lock and EIP-681 URI', async () => {
    const fixed = await link();
    const page = await call(stack.baseUrl, 'GET', `/v1/public/links/${fixed.slug}`);
    assert.equal(page.body.state, 'payable');
    const before = Math.floor(Date.now() / 1000);
    const answer = await open(fixed.slug, { asset: 'ETH' });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    contract.check('POST', '/v1/public/links/{slug}/sessions', answer);
    const s = answer.body;
    assert.match(s.id, /^cs_[0-9a-f]{24}$/);
    assert.equal(s.status, 'open');
    assert.deepEqual([s.amount, s.currency], ['12.50', 'USD']);
    assert.equal(s.quote.rate, '3000.00');
    assert.equal(s.quote.amount_due, dueUnits('12.50', '3000.00', 18));
    assert.equal(s.quote.amount_due, '4166666666666667');
    assert.equal(s.quote.amount_due_decimal, '0.004166666666666667');
    assert.equal(s.quote.amount_due_shown, '0.004167', 'rounded up for reading');
    assert.equal(s.quote.chain_name, 'Local test chain');
    assert.equal(s.quote.decimals, 18);
    assert.equal(s.quote.token_address, null);
    assert.equal(s.quote.chain_id, 31337);
    assert.ok(s.quote.expires_at >= before + 900 && s.quote.expires_at <= before + 905, `${s.quote.expires_at}`);
    assert.equal(s.quote.payment_uri, `ethereum:${s.quote.deposit_address}@31337?value=4166666666666667`);
    assert.equal(s.success_url, null, 'the redirect is withheld until paid');
    const polled = await call(stack.baseUrl, 'GET', `/v1/public/sessions/${s.id}`);
    contract.check('GET', '/v1/public/sessions/{id}', polled);
    assert.deepEqual(polled.body, s);
  });

  test('a session opened without an asset has no quote until one is asked for', async () => {
    const fixed = await link();
    const answer = await open(fixed.slug, {});
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    contract.check('POST', '/v1/public/links/{slug}/sessions', answer);
    assert.deepEqual([answer.body.quote, answer.body.amount, answer.body.assets], [null, '12.50', ['ETH', 'USDC']]);
    const quoted = await call(stack.baseUrl, 'POST', `/v1/public/sessions/${answer.body.id}/quotes`, { body: { asset: 'USDC' } });
    assert.equal(quoted.status, 201, JSON.stringify(quoted.body));
    contract.check('POST', '/v1/public/sessions/{id}/quotes', quoted);
    assert.deepEqual([quoted.body.id, quoted.body.quote.asset], [answer.body.id, 'USDC']);
  });

  test('a USDC session pays through the token contract, exactly', async () => {
    const fixed = await link();
    const s = (await open(fixed.slug, { asset: 'USDC' })).body;
    assert.equal(s.quote.rate, '1');
    assert.equal(s.quote.amount_due, '12500000');
    assert.equal(s.quote.amount_due_decimal, '12.5');
    assert.equal(s.quote.amount_due_shown, '12.50');
    assert.equal(s.quote.token_address.toLowerCase(), stack.tokens.USDC.toLowerCase());
    assert.equal(
      s.quote.payment_uri,
      `ethereum:${s.quote.token_address}@31337/transfer?address=${s.quote.deposit_address}&uint256=12500000`,
    );
  });

  test('a custom link charges the amount the customer entered, in its currency', async () => {
    const custom = await link({ type: 'custom', amount: undefined, currency: 'EUR', custom_amount: { minimum: '5', maximum: '500' } });
    const s = (await open(custom.slug, { asset: 'ETH', amount: '20' })).body;
    assert.deepEqual([s.amount, s.currency, s.quote.rate], ['20.00', 'EUR', '2750.00']);
    assert.equal(s.quote.amount_due, dueUnits('20.00', '2750.00', 18));
    assert.equal(s.quote.amount_due, '7272727272727273');
  });

  test('deposit addresses are fresh per session and match cast, index by index', async () => {
    const fixed = await link();
    const sessions = [];
    for (let i = 0; i < 3; i += 1) sessions.push((await open(fixed.slug, { asset: 'ETH' })).body);
    const all = await api('GET', '/v1/checkout_sessions?limit=100');
    const addresses = all.body.data.map((s) => s.quote.deposit_address);
    assert.equal(new Set(addresses).size, addresses.length, 'no address is handed out twice');
    const indexes = await d1(stack.persistDir, "SELECT deposit_index, deposit_address FROM checkout_quotes ORDER BY deposit_index");
    assert.deepEqual(indexes.map((r) => r.deposit_index), indexes.map((_, i) => i));
    for (const row of indexes) assert.equal(row.deposit_address, castAddress(row.deposit_index));
  });

  test('50 concurrent checkouts each get their own index and address', async () => {
    const limited = await link({ max_payments: 3 });
    const answers = await Promise.all(Array.from({ length: 50 }, () => open(limited.slug, { asset: 'ETH' })));
    assert.deepEqual([...new Set(answers.map((a) => a.status))], [201]);
    const addresses = answers.map((a) => a.body.quote.deposit_address);
    assert.equal(new Set(addresses).size, 50);
    const [{ n }] = await d1(stack.persistDir, `SELECT COUNT(DISTINCT q.deposit_index) AS n FROM checkout_quotes q JOIN checkout_sessions s ON s.id = q.session_id WHERE s.link_id = '${limited.id}'`);
    assert.equal(n, 50);
  });

  test('every invalid request is refused with its code, and stores nothing', async () => {
    const fixed = await link();
    const custom = await link({ type: 'custom', amount: undefined, custom_amount: { minimum: '5', maximum: '500' } });
    const countBefore = (await d1(stack.persistDir, 'SELECT COUNT(*) AS n FROM checkout_sessions'))[0].n;
    const cases = [
      [fixed.slug, { asset: 'ETH', amount: '3' }, 400, 'amount_not_allowed'],
      [fixed.slug, { asset: 'EURC' }, 400, 'asset_not_accepted'],
      [fixed.slug, { asset: 'eth' }, 400, 'asset_unsupported'],
      [fixed.slug, { asset: 5 }, 400, 'invalid_type'],
      [fixed.slug, { asset: 'ETH', tip: '1' }, 400, 'unknown_field'],
      [fixed.slug, 'not json', 400, 'invalid_json'],
      [custom.slug, { asset: 'ETH' }, 400, 'amount_required'],
      [custom.slug, { asset: 'ETH', amount: '4.99' }, 400, 'amount_below_minimum'],
      [custom.slug, { asset: 'ETH', amount: '500.01' }, 400, 'amount_above_maximum'],
      [custom.slug, { asset: 'ETH', amount: '1.234' }, 400, 'amount_too_many_decimals'],
      [custom.slug, { asset: 'ETH', amount: '1e3' }, 400, 'amount_invalid'],
      [custom.slug, { asset: 'ETH', amount: '0' }, 400, 'amount_not_positive'],
      [custom.slug, { asset: 'ETH', amount: 20 }, 400, 'invalid_type'],
      ['no-such-link', { asset: 'ETH' }, 404, 'resource_missing'],
      ['Not_A_Slug', { asset: 'ETH' }, 404, 'resource_missing'],
    ];
    for (const [slug, body, status, code] of cases) {
      const answer = await open(slug, body);
      assert.equal(answer.status, status, `${JSON.stringify(body)}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.error.code, code, JSON.stringify(body));
      contract.check('POST', '/v1/public/links/{slug}/sessions', answer);
    }
    const countAfter = (await d1(stack.persistDir, 'SELECT COUNT(*) AS n FROM checkout_sessions'))[0].n;
    assert.equal(countAfter, countBefore);
  });

  test('links that cannot be paid: archived 404, expired and sold out 410, paused 409', async () => {
    const archived = await link();
    await api('DELETE', `/v1/payment_links/${archived.id}`);
    assert.equal((await open(archived.slug, { asset: 'ETH' })).status, 404);
    const ending = await link({ expires_at: Math.floor(Date.now() / 1000) + 3600 });
    await d1(stack.persistDir, `UPDATE payment_links SET expires_at = 1 WHERE id = '${ending.id}'`);
    const expired = await open(ending.slug, { asset: 'ETH' });
    assert.deepEqual([expired.status, expired.body.error.code], [410, 'link_expired']);
    const limited = await link({ max_payments: 1 });
    await d1(stack.persistDir, `UPDATE payment_links SET payments_count = 1 WHERE id = '${limited.id}'`);
    const soldOut = await open(limited.slug, { asset: 'ETH' });
    assert.deepEqual([soldOut.status, soldOut.body.error.code], [410, 'link_sold_out']);
    const paused = await link({ active: false });
    const inactive = await open(paused.slug, { asset: 'ETH' });
    assert.deepEqual([inactive.status, inactive.body.error.code], [409, 'link_inactive']);
    contract.check('POST', '/v1/public/links/{slug}/sessions', inactive);
  });

  test('an asset with no contract on the chain, or a merchant without a wallet, is 409', async () => {
    const eurc = await link({ assets: ['EURC'], currency: 'EUR' });
    const unavailable = await open(eurc.slug, { asset: 'EURC' });
    assert.deepEqual([unavailable.status, unavailable.body.error.code], [409, 'asset_unavailable']);
    const other = await createMerchant(stack, 'No wallet yet');
    const theirs = await call(stack.baseUrl, 'POST', '/v1/payment_links', {
      token: other.testKey,
      body: { title: 'Tea', type: 'fixed', amount: '3', currency: 'USD', assets: ['ETH'], chain: 'anvil' },
    });
    const notReady = await open(theirs.body.slug, { asset: 'ETH' });
    assert.deepEqual([notReady.status, notReady.body.error.code], [409, 'merchant_not_ready']);
  });

  test('merchants list, filter, page, retrieve and expire their sessions', async () => {
    const a = await link();
    const b = await link();
    const mine = [];
    for (let i = 0; i < 3; i += 1) mine.push((await open(a.slug, { asset: 'ETH' })).body);
    await open(b.slug, { asset: 'USDC' });
    const listed = await api('GET', `/v1/checkout_sessions?payment_link=${a.id}&limit=2`);
    contract.check('GET', '/v1/checkout_sessions', listed);
    // Newest first; sessions of the same second are ordered by id, also descending.
    const order = (x, y) => (y.created_at - x.created_at) || (y.id < x.id ? -1 : 1);
    const expected = [...mine].sort(order).map((s) => s.id);
    assert.deepEqual(listed.body.data.map((s) => s.id), expected.slice(0, 2));
    assert.equal(listed.body.has_more, true);
    const next = await api('GET', `/v1/checkout_sessions?payment_link=${a.id}&limit=2&starting_after=${expected[1]}`);
    assert.deepEqual(next.body.data.map((s) => s.id), expected.slice(2));
    assert.equal(next.body.has_more, false);
    const back = await api('GET', `/v1/checkout_sessions?payment_link=${a.id}&limit=2&ending_before=${expected[2]}`);
    assert.deepEqual(back.body.data.map((s) => s.id), expected.slice(0, 2));

    const one = await api('GET', `/v1/checkout_sessions/${mine[0].id}`);
    contract.check('GET', '/v1/checkout_sessions/{id}', one);
    assert.deepEqual([one.body.payment_link, one.body.status, one.body.amount_remaining], [a.id, 'open', one.body.quote.amount_due]);

    const expired = await api('POST', `/v1/checkout_sessions/${mine[0].id}/expire`);
    contract.check('POST', '/v1/checkout_sessions/{id}/expire', expired);
    assert.equal(expired.body.status, 'canceled');
    assert.ok(expired.body.canceled_at > 0);
    const again = await api('POST', `/v1/checkout_sessions/${mine[0].id}/expire`);
    assert.deepEqual([again.status, again.body.error.code], [409, 'session_not_open']);
    assert.equal((await call(stack.baseUrl, 'GET', `/v1/public/sessions/${mine[0].id}`)).body.status, 'canceled');
    const canceled = await api('GET', `/v1/checkout_sessions?payment_link=${a.id}&status=canceled`);
    assert.deepEqual(canceled.body.data.map((s) => s.id), [mine[0].id]);
    const badFilter = await api('GET', '/v1/checkout_sessions?status=done');
    assert.deepEqual([badFilter.status, badFilter.body.error.code], [400, 'invalid_filter']);

    // Another merchant, or the other mode, sees none of it.
    const other = await createMerchant(stack, 'Nosy');
    assert.equal((await api('GET', `/v1/checkout_sessions/${mine[1].id}`, undefined, other.testKey)).status, 404);
    assert.equal((await api('GET', `/v1/checkout_sessions/${mine[1].id}`, undefined, shop.liveKey)).status, 404);
    assert.equal((await api('POST', `/v1/checkout_sessions/${mine[1].id}/expire`, undefined, other.testKey)).status, 404);
    assert.equal((await call(stack.baseUrl, 'GET', '/v1/public/sessions/cs_000000000000000000000000')).status, 404);
  });

  test('restricted keys need sessions:read to list and sessions:write to expire', async () => {
    const key = await call(stack.baseUrl, 'POST', `/v1/admin/merchants/${shop.merchant.id}/keys`, {
      token: stack.adminToken,
      body: { kind: 'restricted', livemode: false, scopes: ['sessions:read'] },
    });
    const token = key.body.secret;
    assert.equal((await api('GET', '/v1/checkout_sessions', undefined, token)).status, 200);
    const first = (await api('GET', '/v1/checkout_sessions?limit=1', undefined, token)).body.data[0];
    const denied = await api('POST', `/v1/checkout_sessions/${first.id}/expire`, undefined, token);
    assert.deepEqual([denied.status, denied.body.error.param], [403, 'sessions:write']);
    const patch = await api('PATCH', '/v1/account', { checkout: { quote_lock_seconds: 600 } }, token);
    assert.deepEqual([patch.status, patch.body.error.param], [403, 'account:write']);
  });
});
