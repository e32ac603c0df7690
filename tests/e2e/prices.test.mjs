// Live prices from exchange adapters against local stubs that answer in Coinbase's and Kraken's
// real formats: the median, a source down, sources that disagree, and the KV cache.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, createMerchant } from '../harness/api.mjs';
import { dueUnits } from '../harness/money.mjs';
import { ANVIL_MNEMONIC, accountXpub } from '../harness/hd.mjs';
import { startPriceStub } from '../harness/prices.mjs';
import { d1, startStack } from '../harness/stack.mjs';


describe('live prices', () => {
  let stack;
  let stub;
  let shop;
  const links = {};
  const open = (currency) => call(stack.baseUrl, 'POST', `/v1/public/links/${links[currency].slug}/sessions`, { body: { asset: 'ETH' } });
  const sessionCount = async () => (await d1(stack.persistDir, 'SELECT COUNT(*) AS n FROM checkout_sessions'))[0].n;

  before(async () => {
    stub = await startPriceStub();
    stack = await startStack({
      name: 'prices',
      vars: { PRICE_SOURCES: 'coinbase,kraken', COINBASE_API_URL: stub.url, KRAKEN_API_URL: stub.url, PRICE_CACHE_SECS: '30' },
    });
    shop = await createMerchant(stack, 'Price Shop');
    await call(stack.baseUrl, 'PATCH', '/v1/account', { token: shop.testKey, body: { checkout: { deposit_xpub: accountXpub(ANVIL_MNEMONIC, 6) } } });
    for (const currency of ['USD', 'EUR', 'GBP']) {
      links[currency] = (await call(stack.baseUrl, 'POST', '/v1/payment_links', {
        token: shop.testKey,
        body: { title: `In ${currency}`, type: 'fixed', amount: '12.50', currency, assets: ['ETH'], chain: 'anvil' },
      })).body;
    }
  });
  after(async () => {
    await stack?.stop();
    await stub?.stop();
  });

  test('the quote uses the median of both exchanges, and the amount follows it exactly', async () => {
    stub.set('coinbase', 'ETH-USD', '3000.00');
    stub.set('kraken', 'ETH-USD', '3010.00');
    const answer = await open('USD');
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    assert.equal(Number(answer.body.quote.rate), 3005);
    assert.equal(answer.body.quote.amount_due, dueUnits('12.50', answer.body.quote.rate, 18));
    assert.equal(answer.body.quote.amount_due, '4159733777038270');
  });

  test('a second quote within the cache window asks no exchange', async () => {
    const hits = { ...stub.hits };
    const answer = await open('USD');
    assert.equal(answer.status, 201);
    assert.deepEqual(stub.hits, hits);
  });

  test('an exchange down means no quote: 503, nothing stored, no address used', async () => {
    stub.set('coinbase', 'ETH-EUR', '2750.00');
    stub.set('kraken', 'ETH-EUR', '2751.00');
    stub.down('kraken');
    const before = await sessionCount();
    const [{ n: indexBefore }] = await d1(stack.persistDir, 'SELECT next_deposit_index AS n FROM checkout_settings');
    const answer = await open('EUR');
    assert.equal(answer.status, 503);
    assert.equal(answer.body.error.code, 'price_unavailable');
    assert.equal(answer.headers.get('retry-after'), '5');
    assert.equal(await sessionCount(), before);
    const [{ n: indexAfter }] = await d1(stack.persistDir, 'SELECT next_deposit_index AS n FROM checkout_settings');
    assert.equal(indexAfter, indexBefore, 'no deposit index was taken');
    stub.up('kraken');
    const recovered = await open('EUR');
    assert.equal(recovered.status, 201);
    assert.equal(Number(recovered.body.quote.rate), 2750.5);
  });

  test('exchanges that disagree by more than 2%, or know no such pair, give no quote', async () => {
    stub.set('coinbase', 'ETH-GBP', '2400.00');
    stub.set('kraken', 'ETH-GBP', '2600.00');
    const disagree = await open('GBP');
    assert.deepEqual([disagree.status, disagree.body.error.code], [503, 'price_unavailable']);
    stub.set('kraken', 'ETH-GBP', '2410.00');
    const agreed = await open('GBP');
    assert.equal(agreed.status, 201);
    assert.equal(Number(agreed.body.quote.rate), 2405);
  });
});
