// Sequential D1 round trips before each hot route's answer, from the worker's own count (the
// `paylink-usage` header), against the budgets of tests/bench/usage.mjs; and what the fewer
// round trips must not cost: an answer written without reading back equals the stored session,
// quotes racing for one merchant's deposit indexes never share one, and the poll that finds a
// payment still shows it in its own answer.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, createMerchant } from '../harness/api.mjs';
import { DEV_ACCOUNT, rpc, waitForReceipt } from '../harness/chain.mjs';
import { ANVIL_MNEMONIC, accountXpub } from '../harness/hd.mjs';
import { d1, startStack } from '../harness/stack.mjs';
import { readUsage } from '../harness/usage.mjs';
import { until } from '../harness/wait.mjs';
import { benchUsage } from '../bench/usage.mjs';

const RACERS = 12;

describe('round trips on the hot paths', () => {
  let stack;
  let shop;
  let link;
  const api = (method, path, body) => call(stack.baseUrl, method, path, { token: shop.testKey, body });
  const open = (body = { asset: 'ETH' }) => call(stack.baseUrl, 'POST', `/v1/public/links/${link.slug}/sessions`, { body });
  const poll = (id) => call(stack.baseUrl, 'GET', `/v1/public/sessions/${id}`);
  const usage = (answer) => readUsage(answer.headers.get('paylink-usage') ?? '');

  before(async () => {
    stack = await startStack({ name: 'round-trips' });
    shop = await createMerchant(stack, 'Quick Shop');
    const set = await api('PATCH', '/v1/account', { checkout: { deposit_xpub: accountXpub(ANVIL_MNEMONIC, 12) } });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const made = await api('POST', '/v1/payment_links', {
      title: 'Espresso', type: 'fixed', amount: '2.40', currency: 'EUR', assets: ['ETH'], chain: 'anvil',
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    link = made.body;
  });
  after(async () => {
    await stack?.stop();
  });

  test('every hot route stays within its budget of sequential D1 round trips', async () => {
    const rows = await benchUsage(stack, shop, link);
    assert.equal(rows.length, 7);
    for (const { route, budget, usage: counted } of rows) {
      assert.ok(Number.isInteger(counted.d1_sequential), `${route}: no count in ${JSON.stringify(counted)}`);
      assert.ok(counted.d1_sequential <= budget, `${route}: ${counted.d1_sequential} sequential D1 round trips, budget ${budget}`);
    }
  });

  test('the answers of an opening and of a quote are the session as stored', async () => {
    const opened = await open();
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    assert.ok(opened.body.quote?.deposit_address, JSON.stringify(opened.body));
    assert.deepEqual((await poll(opened.body.id)).body, opened.body);
    const quoted = await call(stack.baseUrl, 'POST', `/v1/public/sessions/${opened.body.id}/quotes`, { body: { asset: 'ETH' } });
    assert.equal(quoted.status, 201, JSON.stringify(quoted.body));
    assert.notEqual(quoted.body.quote.id, opened.body.quote.id);
    assert.deepEqual((await poll(opened.body.id)).body, quoted.body);
    const bare = await open({});
    assert.equal(bare.status, 201, JSON.stringify(bare.body));
    assert.equal(bare.body.quote ?? null, null);
    assert.deepEqual((await poll(bare.body.id)).body, bare.body);
  });

  test(`${RACERS} openings at once for one merchant each get a deposit address of their own`, async () => {
    const [{ next: before }] = await d1(stack.persistDir,
      `SELECT next_deposit_index AS next FROM checkout_settings WHERE merchant_id = '${shop.merchant.id}' AND livemode = 0`);
    const answers = await Promise.all(Array.from({ length: RACERS }, () => open()));
    for (const answer of answers) assert.equal(answer.status, 201, JSON.stringify(answer.body));
    const addresses = new Set(answers.map((a) => a.body.quote.deposit_address.toLowerCase()));
    assert.equal(addresses.size, RACERS);
    const ids = answers.map((a) => `'${a.body.id}'`).join(', ');
    const indexes = await d1(stack.persistDir,
      `SELECT DISTINCT deposit_index AS i FROM checkout_quotes WHERE session_id IN (${ids})`);
    assert.equal(indexes.length, RACERS);
    assert.ok(indexes.every(({ i }) => i >= before), JSON.stringify({ before, indexes }));
    // An index is handed out once: none of the racers took one an earlier quote had.
    const reused = await d1(stack.persistDir,
      `SELECT deposit_index, count(*) AS n FROM checkout_quotes WHERE merchant_id = '${shop.merchant.id}' \
       AND deposit_index IS NOT NULL GROUP BY deposit_index HAVING n > 1`);
    assert.deepEqual(reused, []);
  });

  test('a poll that finds nothing takes one round trip; the one that finds the payment shows it at once', async () => {
    const opened = await open();
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    // Never checked yet: this poll asks the chain, finds nothing, and writes that after.
    const quiet = await poll(opened.body.id);
    assert.equal(quiet.body.status, 'open');
    assert.equal(usage(quiet).d1_sequential, 1, JSON.stringify(usage(quiet)));
    assert.ok(usage(quiet).fetches >= 1, `the chain was asked: ${JSON.stringify(usage(quiet))}`);
    const { deposit_address: to, amount_due: wei } = opened.body.quote;
    const hash = await rpc(stack.rpcUrl, 'eth_sendTransaction', [{ from: DEV_ACCOUNT, to, value: `0x${BigInt(wei).toString(16)}` }]);
    await waitForReceipt(stack.rpcUrl, hash);
    await rpc(stack.rpcUrl, 'anvil_mine', ['0x3']);
    // Past the poll's check interval (2 s), so the next poll asks the chain again.
    await until('the quiet check to be written and to age', async () => {
      const [{ checked }] = await d1(stack.persistDir, `SELECT checked_at AS checked FROM checkout_sessions WHERE id = '${opened.body.id}'`);
      return checked !== null && Date.now() / 1000 - checked >= 2.2;
    });
    const found = await poll(opened.body.id);
    assert.equal(found.body.status, 'paid', 'the poll that checks shows the payment itself');
    // The change is written before that answer: read, write, read again.
    assert.ok(usage(found).d1_sequential <= 3, JSON.stringify(usage(found)));
    const after = await poll(opened.body.id);
    assert.equal(after.body.status, 'paid');
    assert.equal(usage(after).d1_sequential, 1, JSON.stringify(usage(after)));
  });
});
