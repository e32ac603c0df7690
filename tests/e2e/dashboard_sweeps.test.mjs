// The dashboard's sweeps, in Chromium against the real worker and anvil: a payout-mode
// merchant with nothing to sweep is told what happens next; paid ETH and USDC sessions show
// as funded deposit addresses with their amounts; a wallet that cancels, or that is on a
// chain it cannot switch from, sends nothing and the page says why; one that reverts on chain
// is shown as failed; a sweep sent from the injected EIP-1193 wallet is shown as sent until it
// is mined, then as swept, and the chain holds the funds at the payout address.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { call, createMerchant } from '../harness/api.mjs';
import { launchBrowser } from '../harness/browser.mjs';
import { DEV_ACCOUNT, rpc, waitForReceipt } from '../harness/chain.mjs';
import { PHONE, openDashboard, screenshots, section, signIn, violations } from '../harness/dashboard.mjs';
import { cast, ethBalance } from '../harness/forwarder.mjs';
import { startStack } from '../harness/stack.mjs';
import { balanceOf, mint, transfer } from '../harness/token.mjs';
import { UNKNOWN_CHAIN, USER_REJECTED, injectWallet, walletMethods } from '../harness/wallet.mjs';

/** anvil's second dev account: the merchant's browser wallet, apart from the one that pays. */
const MERCHANT_WALLET = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const hex = (n) => `0x${n.toString(16)}`;

describe('dashboard sweeps', () => {
  let stack;
  let browser;
  let shop;
  let payout;
  /** The sessions paid into, with their quotes' deposit addresses. */
  let eth;
  let usdc;
  const api = (method, path, body) => call(stack.baseUrl, method, path, { token: shop.testKey, body });
  const tick = async () => assert.equal((await fetch(`${stack.baseUrl}/__scheduled?cron=*+*+*+*+*`)).status, 200);
  const nonce = async (who) => BigInt(await rpc(stack.rpcUrl, 'eth_getTransactionCount', [who, 'latest']));
  const usdcOf = (who) => balanceOf(stack.rpcUrl, stack.tokens.USDC, who);
  /** What the deposit addresses and the payout hold now, on chain. */
  const held = async () => ({
    ethDeposit: await ethBalance(stack.rpcUrl, eth.quote.deposit_address),
    usdcDeposit: await usdcOf(usdc.quote.deposit_address),
    ethPayout: await ethBalance(stack.rpcUrl, payout),
    usdcPayout: await usdcOf(payout),
  });

  /** The dashboard's Account page, signed in, with a wallet injected as `wallet` says. */
  async function sweepsPage(wallet) {
    const prepare = wallet ? (page) => injectWallet(page, stack.rpcUrl, { account: MERCHANT_WALLET, ...wallet }) : undefined;
    const dash = await openDashboard(browser, stack.baseUrl, undefined, { prepare });
    await signIn(dash.page, shop.testKey);
    await section(dash.page, 'Account');
    const sweeps = dash.page.getByRole('region', { name: 'Sweeps (payout mode)' });
    await sweeps.waitFor();
    await sweeps.getByText('Loading…').waitFor({ state: 'detached' });
    return { ...dash, sweeps };
  }

  /**
   * Screenshots the page at desktop and phone width as `name`; on the phone nothing may be
   * wider than the screen (an address is one long word that must wrap, not push the page).
   */
  async function shoot(page, name) {
    await screenshots(page, name);
    const size = page.viewportSize();
    await page.setViewportSize(PHONE);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    await page.setViewportSize(size);
    assert.ok(wide <= PHONE.width, `${name}: the page is ${wide}px wide on a ${PHONE.width}px phone`);
  }

  /** Prepares the plan on the page and presses its one transaction's send button. */
  async function prepareAndSend(sweeps) {
    await sweeps.getByRole('button', { name: 'Prepare sweep transactions' }).click();
    const tx = sweeps.locator('.sweep-tx');
    await tx.waitFor();
    assert.equal(await tx.count(), 1, 'one payout, one transaction');
    assert.match(await tx.innerText(), new RegExp(`2 address\\(es\\) on anvil to ${payout}`));
    await tx.getByRole('button', { name: 'Send from browser wallet' }).click();
    return tx;
  }

  before(async () => {
    stack = await startStack({ name: 'dashboard-sweeps' });
    shop = await createMerchant(stack, 'Sweep Roasters');
    payout = cast('to-check-sum-address', `0x${randomBytes(20).toString('hex')}`);
    const set = await api('PATCH', '/v1/account', { checkout: { payout_address: payout } });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    await mint(stack.rpcUrl, stack.tokens.USDC, DEV_ACCOUNT, 1_000_000_000n);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  test('with nothing to sweep, the page says so and what happens next', async () => {
    const { page, sweeps, errors } = await sweepsPage();
    await sweeps.getByText('Nothing to sweep yet.').waitFor();
    assert.match(await sweeps.innerText(), /When a customer pays, the money waits at its deposit address/);
    assert.equal(await sweeps.getByRole('button', { name: 'Prepare sweep transactions' }).count(), 0);
    assert.deepEqual(await violations(page), []);
    await shoot(page, 'sweeps-empty');
    assert.deepEqual(errors, []);
  });

  test('paid sessions show as funded deposit addresses with what each holds', async () => {
    const link = await api('POST', '/v1/payment_links', {
      title: 'Beans', type: 'fixed', amount: '12.5', currency: 'USD', assets: ['ETH', 'USDC'], chain: 'anvil',
    });
    assert.equal(link.status, 201, JSON.stringify(link.body));
    const open = async (asset) => {
      const answer = await call(stack.baseUrl, 'POST', `/v1/public/links/${link.body.slug}/sessions`, { body: { asset } });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      return answer.body;
    };
    eth = await open('ETH');
    usdc = await open('USDC');
    const paid = await rpc(stack.rpcUrl, 'eth_sendTransaction', [{ from: DEV_ACCOUNT, to: eth.quote.deposit_address, value: hex(BigInt(eth.quote.amount_due)) }]);
    await waitForReceipt(stack.rpcUrl, paid);
    await transfer(stack.rpcUrl, stack.tokens.USDC, DEV_ACCOUNT, usdc.quote.deposit_address, BigInt(usdc.quote.amount_due));
    await rpc(stack.rpcUrl, 'anvil_mine', ['0x1']);
    await tick();
    // 12.50 USD at 3000 USD per ETH, rounded up to the wei; 12.5 USDC.
    assert.equal(eth.quote.amount_due, '4166666666666667');
    assert.equal(usdc.quote.amount_due, '12500000');

    const { page, sweeps, errors } = await sweepsPage();
    const totals = sweeps.locator('.totals .row');
    await totals.first().waitFor();
    // One total per asset, in the API's order; each says how much, where and in how many.
    const listed = (await totals.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ')).sort();
    assert.deepEqual(listed, ['0.004166666666666667 ETH on anvil in 1 address(es)', '12.5 USDC on anvil in 1 address(es)']);
    await sweeps.getByText('2 deposit address(es)').click();
    const rows = sweeps.locator('details .row');
    await rows.first().waitFor();
    const shown = await rows.allInnerTexts();
    assert.equal(shown.length, 2);
    for (const [s, amount] of [[eth, '0.004166666666666667 ETH'], [usdc, '12.5 USDC']]) {
      const row = shown.find((text) => text.includes(s.quote.deposit_address));
      assert.ok(row, `${s.quote.deposit_address} is listed: ${shown.join(' | ')}`);
      assert.match(row, new RegExp(`${amount.replace('.', '\\.')} → ${payout}`));
    }
    assert.deepEqual(await violations(page), []);
    await shoot(page, 'sweeps-funded');
    assert.deepEqual(errors, []);
  });

  test('a wallet that cancels sends nothing, and the page says so', async () => {
    const before = await held();
    const sent = await nonce(MERCHANT_WALLET);
    const { page, sweeps, errors } = await sweepsPage({ refuse: { eth_sendTransaction: USER_REJECTED } });
    const tx = await prepareAndSend(sweeps);
    await tx.getByText('You cancelled in your wallet; nothing was sent.').waitFor();
    assert.ok((await walletMethods(page)).includes('eth_sendTransaction'), 'the wallet was asked');
    assert.ok(await tx.getByRole('button', { name: 'Send from browser wallet' }).isEnabled(), 'it may be tried again');
    assert.equal(await nonce(MERCHANT_WALLET), sent, 'no transaction from the wallet');
    assert.deepEqual(await held(), before, 'the funds are where they were');
    assert.deepEqual(await violations(page), []);
    await shoot(page, 'sweeps-cancelled');
    assert.deepEqual(errors, []);
  });

  test('a wallet on another chain that does not know this one sends nothing, and the page says which', async () => {
    const before = await held();
    const sent = await nonce(MERCHANT_WALLET);
    const { page, sweeps, errors } = await sweepsPage({ chainId: '0x1', refuse: { wallet_switchEthereumChain: UNKNOWN_CHAIN } });
    const tx = await prepareAndSend(sweeps);
    await tx.getByText('Your wallet does not know chain 31337: add it there, then retry.').waitFor();
    const methods = await walletMethods(page);
    assert.ok(methods.includes('wallet_switchEthereumChain'), `asked to switch: ${methods}`);
    assert.ok(!methods.includes('eth_sendTransaction'), `never asked to send: ${methods}`);
    assert.equal(await nonce(MERCHANT_WALLET), sent);
    assert.deepEqual(await held(), before);
    assert.deepEqual(errors, []);
  });

  test('a sweep that reverts on chain is shown as failed, moved nothing, and may be sent again', async () => {
    const before = await held();
    // A wallet that sets too low a gas limit: the forwarders run out of gas and the factory
    // call reverts (contracts/ForwarderFactory.sol), mined with status 0.
    const { page, sweeps, errors } = await sweepsPage({ overrides: { gas: hex(100_000n) } });
    const tx = await prepareAndSend(sweeps);
    const failed = tx.getByText(/^This sweep failed in block \d+ and moved nothing, most likely for want of gas: send it again with the gas limit shown\.$/);
    await failed.waitFor({ timeout: 20000 });
    const hash = await tx.locator('.tx-hash').innerText();
    const receipt = await waitForReceipt(stack.rpcUrl, hash);
    assert.equal(receipt.status, '0x0', 'it did revert');
    assert.match(await failed.innerText(), new RegExp(`in block ${BigInt(receipt.blockNumber)} `));
    assert.ok(await tx.getByRole('button', { name: 'Send from browser wallet' }).isEnabled(), 'it may be sent again');
    assert.deepEqual(await held(), before, 'nothing moved');
    assert.equal(await sweeps.getByText('2 deposit address(es)').count(), 1, 'the list still shows the funds');
    await shoot(page, 'sweeps-reverted');
    assert.deepEqual(errors, []);
  });

  test('a sweep sent from the wallet is shown as sent until mined, then swept, and the payout holds the funds', async () => {
    const before = await held();
    assert.equal(before.ethDeposit, BigInt(eth.quote.amount_due));
    assert.equal(before.usdcDeposit, BigInt(usdc.quote.amount_due));
    const { page, sweeps, errors } = await sweepsPage({});
    // As on a real chain, the transaction waits in the mempool until a block is made.
    await rpc(stack.rpcUrl, 'evm_setAutomine', [false]);
    let tx;
    let hash;
    try {
      tx = await prepareAndSend(sweeps);
      await tx.getByText('Sent; waiting for it to be mined…').waitFor({ timeout: 15000 });
      hash = await tx.locator('.tx-hash').innerText();
      assert.match(hash, /^0x[0-9a-f]{64}$/);
      assert.ok(await tx.getByRole('button', { name: 'Send from browser wallet' }).isDisabled(), 'not sent twice while pending');
      assert.deepEqual(await held(), before, 'nothing moved before the block');
      await shoot(page, 'sweeps-pending');
    } finally {
      await rpc(stack.rpcUrl, 'evm_setAutomine', [true]);
    }
    await rpc(stack.rpcUrl, 'anvil_mine', ['0x1']);
    const receipt = await waitForReceipt(stack.rpcUrl, hash);
    assert.equal(receipt.status, '0x1');
    assert.equal(receipt.from.toLowerCase(), MERCHANT_WALLET.toLowerCase(), 'sent from the browser wallet');
    assert.equal(receipt.to.toLowerCase(), stack.factory.toLowerCase(), 'to the factory');

    const block = BigInt(receipt.blockNumber);
    await tx.getByText(`Swept in block ${block}: the funds are at the payout address.`).waitFor({ timeout: 20000 });
    assert.equal(await tx.locator('.tx-hash').innerText(), hash, 'the transaction is shown with its hash');
    assert.equal(await tx.getByRole('button', { name: /Send/ }).count(), 0, 'nothing left to send');
    const after = await held();
    assert.deepEqual(after, {
      ethDeposit: 0n,
      usdcDeposit: 0n,
      ethPayout: before.ethPayout + before.ethDeposit,
      usdcPayout: before.usdcPayout + before.usdcDeposit,
    });
    // The list is read again once the sweep is mined: nothing is left to sweep.
    await sweeps.getByText('Nothing to sweep yet.').waitFor({ timeout: 15000 });
    assert.deepEqual((await api('GET', '/v1/sweeps')).body.addresses, []);
    assert.deepEqual(await violations(page), []);
    await shoot(page, 'sweeps-swept');
    assert.deepEqual(errors, []);
  });
});
