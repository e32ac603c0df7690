// Payout mode end to end: a merchant with only a payout address takes ETH and USDC through
// CREATE2 forwarders, sweeps many sessions in one transaction it sends itself, and detection
// counts what arrived, so a sweep (or an xpub merchant moving funds out) changes no session,
// while a late payment to a swept address is still found and swept again.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { call, createMerchant } from '../harness/api.mjs';
import { DEV_ACCOUNT, rpc, waitForReceipt } from '../harness/chain.mjs';
import { cast, castDepositAddress, ethBalance, predict, xtask } from '../harness/forwarder.mjs';
import { ANVIL_MNEMONIC, accountXpub } from '../harness/hd.mjs';
import { d1, startStack } from '../harness/stack.mjs';
import { balanceOf, mint, transfer } from '../harness/token.mjs';

const sum = (values) => values.reduce((a, b) => a + b, 0n);
const hex = (n) => `0x${n.toString(16)}`;

describe('payout mode', () => {
  let stack;
  let shop;
  let payout;
  const api = (method, path, body, key = shop.testKey) => call(stack.baseUrl, method, path, { token: key, body });
  const tick = async () => assert.equal((await fetch(`${stack.baseUrl}/__scheduled?cron=*+*+*+*+*`)).status, 200);
  const mine = (blocks = 1) => rpc(stack.rpcUrl, 'anvil_mine', [hex(blocks)]);
  const link = async (key = shop.testKey) => {
    const answer = await api('POST', '/v1/payment_links', {
      title: 'Beans', type: 'fixed', amount: '12.5', currency: 'USD', assets: ['ETH', 'USDC'], chain: 'anvil',
    }, key);
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body;
  };
  const open = async (slug, asset) => {
    const answer = await call(stack.baseUrl, 'POST', `/v1/public/links/${slug}/sessions`, { body: { asset } });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body;
  };
  const session = async (id, key = shop.testKey) => (await api('GET', `/v1/checkout_sessions/${id}`, undefined, key)).body;
  const payEth = async (to, wei) => {
    const hash = await rpc(stack.rpcUrl, 'eth_sendTransaction', [{ from: DEV_ACCOUNT, to, value: hex(wei) }]);
    await waitForReceipt(stack.rpcUrl, hash);
    return hash;
  };
  const payUsdc = async (to, units) => (await transfer(stack.rpcUrl, stack.tokens.USDC, DEV_ACCOUNT, to, units)).transactionHash;
  const expireNow = (id) => {
    const past = Math.floor(Date.now() / 1000) - 600;
    return d1(stack.persistDir, `UPDATE checkout_quotes SET expires_at = ${past} WHERE session_id = '${id}'; UPDATE checkout_sessions SET expires_at = ${past} WHERE id = '${id}'`);
  };
  /** What detection shows of a session: a sweep must change none of it. */
  const shown = (s) => ({
    status: s.status,
    amount_received: s.amount_received,
    amount_remaining: s.amount_remaining,
    amount_reversed: s.amount_reversed,
    payments: s.payments,
  });
  /** Sends every transaction POST /v1/sweeps answers, from the dev account (any sender will do). */
  const sweepAll = async () => {
    const plan = await api('POST', '/v1/sweeps', { chain: 'anvil' });
    assert.equal(plan.status, 200, JSON.stringify(plan.body));
    for (const tx of plan.body.transactions) {
      const hash = await rpc(stack.rpcUrl, 'eth_sendTransaction', [{ from: DEV_ACCOUNT, to: tx.to, data: tx.data, gas: hex(BigInt(tx.gas)) }]);
      const receipt = await waitForReceipt(stack.rpcUrl, hash);
      assert.equal(receipt.status, '0x1', `sweep ${hash} reverted`);
    }
    return plan.body;
  };

  const paid = [];

  before(async () => {
    stack = await startStack({ name: 'payout', vars: { LATE_GRACE_SECS: '0' } });
    shop = await createMerchant(stack, 'Payout Shop');
    payout = cast('to-check-sum-address', `0x${randomBytes(20).toString('hex')}`);
    await mint(stack.rpcUrl, stack.tokens.USDC, DEV_ACCOUNT, 1_000_000_000_000n);
  });
  after(async () => {
    await stack?.stop();
  });

  test('a payout address is EIP-55 checked, never zero, a token or together with an xpub', async () => {
    const refused = async (checkout, code) => {
      const answer = await api('PATCH', '/v1/account', { checkout });
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      assert.equal(answer.body.error.code, code);
    };
    const wrongCase = payout.slice(0, 2) + [...payout.slice(2)].map((c) => (/[a-f]/.test(c) ? c.toUpperCase() : /[A-F]/.test(c) ? c.toLowerCase() : c)).join('');
    if (wrongCase !== payout.toLowerCase() && wrongCase !== payout.toUpperCase()) await refused({ payout_address: wrongCase }, 'payout_address_bad_checksum');
    await refused({ payout_address: `0x${'0'.repeat(40)}` }, 'payout_address_zero');
    await refused({ payout_address: stack.tokens.USDC }, 'payout_address_is_contract');
    await refused({ payout_address: stack.factory }, 'payout_address_is_contract');
    await refused({ payout_address: payout, deposit_xpub: accountXpub(ANVIL_MNEMONIC, 5) }, 'deposit_mode_conflict');
    const set = await api('PATCH', '/v1/account', { checkout: { payout_address: payout.toLowerCase() } });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.equal(set.body.checkout.payout_address, payout, 'kept in EIP-55');
    assert.equal(set.body.checkout.deposit_xpub, null);
  });

  test("a quote's deposit address is the factory's predict() and cast create2 of the payout and the quote's salt", async () => {
    const s = await open((await link()).slug, 'ETH');
    const salt = cast('keccak', s.quote.id);
    assert.equal(s.quote.deposit_address, await predict(stack.rpcUrl, stack.factory, payout, salt));
    assert.equal(s.quote.deposit_address, castDepositAddress(stack.factory, payout, salt));
  });

  test('an ETH payment is pending, then paid after the confirmations, with its transaction hash', async () => {
    const s = await open((await link()).slug, 'ETH');
    const hash = await payEth(s.quote.deposit_address, BigInt(s.quote.amount_due));
    await tick();
    assert.equal((await session(s.id)).status, 'pending');
    await mine(1);
    await tick();
    const seen = await session(s.id);
    assert.equal(seen.status, 'paid');
    assert.deepEqual(seen.payments.map((p) => [p.tx_hash, p.amount]), [[hash, s.quote.amount_due]]);
    paid.push(s);
  });

  test('a USDC payment is paid after the confirmations, with its transaction hash', async () => {
    const s = await open((await link()).slug, 'USDC');
    const hash = await payUsdc(s.quote.deposit_address, BigInt(s.quote.amount_due));
    await tick();
    assert.equal((await session(s.id)).status, 'pending');
    await mine(1);
    await tick();
    const seen = await session(s.id);
    assert.equal(seen.status, 'paid');
    assert.deepEqual(seen.payments.map((p) => [p.tx_hash, p.amount]), [[hash, s.quote.amount_due]]);
    paid.push(s);
  });

  let late;

  test('one sweep transaction moves the deposits of 12 sessions to the payout; the sessions stay as they were', async () => {
    const beans = await link();
    for (let i = 0; i < 9; i += 1) {
      const s = await open(beans.slug, i % 3 === 0 ? 'USDC' : 'ETH');
      if (s.quote.asset === 'ETH') await payEth(s.quote.deposit_address, BigInt(s.quote.amount_due));
      else await payUsdc(s.quote.deposit_address, BigInt(s.quote.amount_due));
      paid.push(s);
    }
    // One underpaid at expiry: its half is swept with the rest, and its remainder comes late.
    late = await open(beans.slug, 'ETH');
    await payEth(late.quote.deposit_address, BigInt(late.quote.amount_due) / 2n);
    await mine(2);
    await tick();
    await expireNow(late.id);
    await tick();
    assert.equal((await session(late.id)).status, 'underpaid');
    const before = {};
    for (const s of paid) {
      const seen = await session(s.id);
      assert.equal(seen.status, 'paid', s.id);
      before[s.id] = shown(seen);
    }
    const lateBefore = shown(await session(late.id));

    const listed = await api('GET', '/v1/sweeps');
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    const addresses = [...paid, late].map((s) => s.quote.deposit_address);
    assert.deepEqual(new Set(listed.body.addresses.map((a) => a.deposit_address)), new Set(addresses));
    const eth = [...paid, late].filter((s) => s.quote.asset === 'ETH');
    const usdc = paid.filter((s) => s.quote.asset === 'USDC');
    const ethHeld = sum(await Promise.all(eth.map((s) => ethBalance(stack.rpcUrl, s.quote.deposit_address))));
    const usdcHeld = sum(await Promise.all(usdc.map((s) => balanceOf(stack.rpcUrl, stack.tokens.USDC, s.quote.deposit_address))));
    const total = (asset) => BigInt(listed.body.totals.find((t) => t.asset === asset).total);
    assert.equal(total('ETH'), ethHeld);
    assert.equal(total('USDC'), usdcHeld);
    assert.ok(ethHeld > 0n && usdcHeld > 0n);

    const payoutEth = await ethBalance(stack.rpcUrl, payout);
    const plan = await sweepAll();
    assert.equal(plan.transactions.length, 1, 'one transaction');
    assert.equal(plan.transactions[0].deposit_addresses.length, 12);
    assert.equal(plan.transactions[0].to, stack.factory);
    for (const a of addresses) assert.equal(await ethBalance(stack.rpcUrl, a), 0n, a);
    for (const s of usdc) assert.equal(await balanceOf(stack.rpcUrl, stack.tokens.USDC, s.quote.deposit_address), 0n);
    assert.equal(await ethBalance(stack.rpcUrl, payout), payoutEth + ethHeld);
    assert.equal(await balanceOf(stack.rpcUrl, stack.tokens.USDC, payout), usdcHeld);

    await mine(3);
    for (let i = 0; i < 2; i += 1) await tick();
    for (const s of paid) assert.deepEqual(shown(await session(s.id)), before[s.id], `${s.id} kept its status and amounts`);
    assert.deepEqual(shown(await session(late.id)), lateBefore);
    assert.equal((await api('GET', '/v1/sweeps')).body.addresses.length, 0, 'nothing left to sweep');
    const reversals = (await api('GET', '/v1/events?type=checkout_session.payment_reversed&limit=100')).body.data;
    assert.deepEqual(reversals, [], 'a sweep is not a reversal');
  });

  test('a late payment to a swept address is paid_late and can be swept again', async () => {
    const rest = BigInt(late.quote.amount_due) - BigInt(late.quote.amount_due) / 2n;
    const hash = await payEth(late.quote.deposit_address, rest);
    await mine(1);
    await tick();
    const seen = await session(late.id);
    assert.equal(seen.status, 'paid_late');
    assert.equal(seen.amount_received, late.quote.amount_due, 'both payments, though the first was swept');
    assert.equal(seen.payments.at(-1).tx_hash, hash);
    const payoutEth = await ethBalance(stack.rpcUrl, payout);
    const plan = await sweepAll();
    assert.deepEqual(plan.transactions.map((t) => t.deposit_addresses), [[late.quote.deposit_address]]);
    assert.equal(await ethBalance(stack.rpcUrl, late.quote.deposit_address), 0n);
    assert.equal(await ethBalance(stack.rpcUrl, payout), payoutEth + rest);
    await mine(2);
    await tick();
    assert.deepEqual(shown(await session(late.id)), shown(seen));
  });

  test('existing quotes keep their addresses when the merchant switches to an xpub', async () => {
    const s = paid[0];
    const set = await api('PATCH', '/v1/account', { checkout: { payout_address: null, deposit_xpub: accountXpub(ANVIL_MNEMONIC, 6) } });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const fresh = await open((await link()).slug, 'ETH');
    assert.notEqual(fresh.quote.deposit_address, await predict(stack.rpcUrl, stack.factory, payout, cast('keccak', fresh.quote.id)));
    assert.equal((await session(s.id)).quotes[0].deposit_address, s.quote.deposit_address);
    const back = await api('PATCH', '/v1/account', { checkout: { payout_address: payout, deposit_xpub: null } });
    assert.equal(back.status, 200, JSON.stringify(back.body));
  });

  test('cargo xtask sweep sends what POST /v1/sweeps answers', async () => {
    const s = await open((await link()).slug, 'USDC');
    await payUsdc(s.quote.deposit_address, BigInt(s.quote.amount_due));
    await mine(1);
    await tick();
    const held = await balanceOf(stack.rpcUrl, stack.tokens.USDC, payout);
    const run = xtask(['sweep', '--api', stack.baseUrl, '--rpc-url', stack.rpcUrl, '--from', DEV_ACCOUNT], { PAYLINK_API_KEY: shop.testKey });
    assert.match(run.stdout, /anvil USDC: 12500000 base units at 1 addresses/);
    assert.match(run.stdout, new RegExp(`swept 1 addresses to ${payout}`));
    assert.equal(await balanceOf(stack.rpcUrl, stack.tokens.USDC, payout), held + BigInt(s.quote.amount_due));
    assert.equal(await balanceOf(stack.rpcUrl, stack.tokens.USDC, s.quote.deposit_address), 0n);
  });

  test('funds an xpub merchant moves out of its deposit addresses leave their sessions as they were', async () => {
    const other = await createMerchant(stack, 'Xpub Shop');
    const key = other.testKey;
    const set = await api('PATCH', '/v1/account', { checkout: { deposit_xpub: accountXpub(ANVIL_MNEMONIC, 7) } }, key);
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const slug = (await link(key)).slug;
    const ethSession = await open(slug, 'ETH');
    const usdcSession = await open(slug, 'USDC');
    await payEth(ethSession.quote.deposit_address, BigInt(ethSession.quote.amount_due));
    await payUsdc(usdcSession.quote.deposit_address, BigInt(usdcSession.quote.amount_due));
    await mine(1);
    await tick();
    const before = [shown(await session(ethSession.id, key)), shown(await session(usdcSession.id, key))];
    assert.deepEqual(before.map((s) => s.status), ['paid', 'paid']);
    // The merchant's own wallet moves everything out (anvil signs for the address).
    const from = ethSession.quote.deposit_address;
    const tokenHolder = usdcSession.quote.deposit_address;
    await rpc(stack.rpcUrl, 'anvil_impersonateAccount', [from]);
    await rpc(stack.rpcUrl, 'anvil_impersonateAccount', [tokenHolder]);
    const gasPrice = BigInt(await rpc(stack.rpcUrl, 'eth_gasPrice'));
    const all = await ethBalance(stack.rpcUrl, from);
    const out = await rpc(stack.rpcUrl, 'eth_sendTransaction', [{ from, to: DEV_ACCOUNT, value: hex(all - 21000n * gasPrice), gas: hex(21000), gasPrice: hex(gasPrice) }]);
    await waitForReceipt(stack.rpcUrl, out);
    await rpc(stack.rpcUrl, 'anvil_setBalance', [tokenHolder, hex(10n ** 17n)]);
    await transfer(stack.rpcUrl, stack.tokens.USDC, tokenHolder, DEV_ACCOUNT, BigInt(usdcSession.quote.amount_due));
    assert.ok((await ethBalance(stack.rpcUrl, from)) < 10n ** 12n);
    assert.equal(await balanceOf(stack.rpcUrl, stack.tokens.USDC, tokenHolder), 0n);
    await mine(3);
    for (let i = 0; i < 2; i += 1) await tick();
    const afterwards = [shown(await session(ethSession.id, key)), shown(await session(usdcSession.id, key))];
    assert.deepEqual(afterwards, before);
  });
});
