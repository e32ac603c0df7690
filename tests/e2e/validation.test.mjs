// Every validation code the payment-link API documents, reached through the real worker.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, createMerchant } from '../harness/api.mjs';
import { startStack } from '../harness/stack.mjs';

const base = {
  title: 'Widget', type: 'fixed', amount: '10', currency: 'USD', assets: ['ETH'], chain: 'anvil',
};
const now = () => Math.floor(Date.now() / 1000);

// [what is sent (merged over `base`; null removes), param, code]
const CASES = [
  [{ slug: 'ab' }, 'slug', 'slug_invalid_length'],
  [{ slug: 'Not_Ok' }, 'slug', 'slug_invalid_character'],
  [{ slug: '-edge-' }, 'slug', 'slug_invalid_hyphen'],
  [{ title: '' }, 'title', 'title_invalid'],
  [{ description: 'd'.repeat(501) }, 'description', 'description_too_long'],
  [{ inactive_message: 'm'.repeat(501) }, 'inactive_message', 'inactive_message_too_long'],
  [{ type: 'donation' }, 'type', 'type_invalid'],
  [{ currency: 'usd' }, 'currency', 'currency_invalid'],
  [{ currency: 'XAU' }, 'currency', 'currency_unsupported'],
  [{ amount: null }, 'amount', 'amount_required'],
  [{ amount: '0.00' }, 'amount', 'amount_not_positive'],
  [{ amount: '1e3' }, 'amount', 'amount_invalid'],
  [{ amount: '1.001' }, 'amount', 'amount_too_many_decimals'],
  [{ currency: 'JPY', amount: '9.5' }, 'amount', 'amount_too_many_decimals'],
  [{ amount: '10000000000000.01' }, 'amount', 'amount_too_large'],
  [{ custom_amount: { minimum: '1' } }, 'custom_amount', 'custom_amount_not_allowed'],
  [{ type: 'custom' }, 'amount', 'amount_not_allowed'],
  [{ type: 'custom', amount: null, custom_amount: { minimum: '9', maximum: '1' } }, 'custom_amount.minimum', 'custom_amount_range_invalid'],
  [{ type: 'custom', amount: null, custom_amount: { maximum: '5', preset: '6' } }, 'custom_amount.preset', 'custom_amount_preset_out_of_range'],
  [{ assets: [] }, 'assets', 'assets_required'],
  [{ assets: ['ETH', 'USDT'] }, 'assets[1]', 'asset_unsupported'],
  [{ assets: ['USDC', 'USDC'] }, 'assets[1]', 'assets_duplicate'],
  [{ chain: 'solana' }, 'chain', 'chain_unsupported'],
  [{ chain: 'ethereum' }, 'chain', 'chain_mode_mismatch'],
  [{ max_payments: 0 }, 'max_payments', 'max_payments_invalid'],
  [{ expires_at: 1 }, 'expires_at', 'expires_at_in_past'],
  [{ success_url: 'ftp://shop.example/' }, 'success_url', 'url_not_https'],
  [{ cancel_url: 'not a url' }, 'cancel_url', 'url_invalid'],
  [{ success_url: 'https://u:p@shop.example/' }, 'success_url', 'url_has_credentials'],
  [{ metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) }, 'metadata', 'metadata_too_many_keys'],
  [{ metadata: { ['k'.repeat(41)]: 'v' } }, `metadata[${'k'.repeat(41)}]`, 'metadata_key_invalid'],
  [{ metadata: { k: 'v'.repeat(501) } }, 'metadata[k]', 'metadata_value_too_long'],
  // Body-level codes.
  [{ colour: 'red' }, 'colour', 'unknown_field'],
  [{ title: null }, 'title', 'missing_field'],
  [{ max_payments: 'three' }, 'max_payments', 'invalid_type'],
];

describe('every payment-link validation code', () => {
  let stack;
  let shop;
  before(async () => {
    stack = await startStack({ name: 'validation' });
    shop = await createMerchant(stack, 'Strict');
  });
  after(async () => {
    await stack?.stop();
  });

  for (const [change, param, code] of CASES) {
    test(`${code} on ${param}`, async () => {
      const body = { ...base, ...change };
      for (const [key, value] of Object.entries(change)) if (value === null) delete body[key];
      const { status, body: answer } = await call(stack.baseUrl, 'POST', '/v1/payment_links', { token: shop.testKey, body });
      assert.equal(status, 400, JSON.stringify(answer));
      assert.equal(answer.error.type, 'invalid_request_error');
      assert.equal(answer.error.code, code, JSON.stringify(answer.error));
      assert.equal(answer.error.param, param);
    });
  }

  test('malformed JSON, another content type and an oversized body have their own codes', async () => {
    const send = (body, headers) => call(stack.baseUrl, 'POST', '/v1/payment_links', { token: shop.testKey, body, headers });
    assert.equal((await send('{"title":')).body.error.code, 'invalid_json');
    assert.equal((await send('title=x', { 'content-type': 'text/plain' })).body.error.code, 'unsupported_content_type');
    const huge = await send({ ...base, description: 'x'.repeat(70 * 1024) });
    assert.equal(huge.status, 400);
    assert.equal(huge.body.error.code, 'body_too_large');
  });

  test('a URL with a Unicode host is refused with the form to send; its xn-- form is taken', async () => {
    // A merchant of its own: the next test counts what the first one stored.
    const idn = await createMerchant(stack, 'IDN');
    const send = (success_url) => call(stack.baseUrl, 'POST', '/v1/payment_links', { token: idn.testKey, body: { ...base, success_url } });
    const unicode = await send('https://bücher.example/danke');
    assert.deepEqual([unicode.status, unicode.body.error.code, unicode.body.error.param], [400, 'url_invalid', 'success_url']);
    assert.match(unicode.body.error.message, /xn--/);
    const ascii = await send('https://xn--bcher-kva.example/danke');
    assert.equal(ascii.status, 201, JSON.stringify(ascii.body));
    assert.equal(ascii.body.success_url, 'https://xn--bcher-kva.example/danke');
  });

  test('a valid link still goes through after all of that', async () => {
    const ok = await call(stack.baseUrl, 'POST', '/v1/payment_links', { token: shop.testKey, body: { ...base, expires_at: now() + 3600 } });
    assert.equal(ok.status, 201);
    const all = await call(stack.baseUrl, 'GET', '/v1/payment_links?status=all', { token: shop.testKey });
    assert.equal(all.body.data.length, 1, 'no refused request stored anything');
  });
});
