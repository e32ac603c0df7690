// The test ERC-20 on the local chain: deployed by our own harness, minted, moved, and its
// Transfer events read back over eth_getLogs the way payment detection will read them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DEV_ACCOUNT, rpc, startAnvil } from '../harness/chain.mjs';
import { ARTIFACTS } from '../harness/paths.mjs';
import {
  EURC, TRANSFER_TOPIC, USDC, addressWord, approve, balanceOf, decimalsOf, deployToken, mint,
  totalSupply, transfer, transferFrom,
} from '../harness/token.mjs';

const freshAddress = () => `0x${randomBytes(20).toString('hex')}`;
const usdc = (whole) => whole * 1_000_000n; // 6 decimals, in base units.

/** anvil's second default account: unlocked like the first, so anvil signs for it. */
const SECOND_ACCOUNT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

/** Calls a view function returning one ABI `string`: offset word, length word, bytes. */
async function readString(url, token, selector) {
  const hex = (await rpc(url, 'eth_call', [{ to: token, data: selector }, 'latest'])).slice(2);
  const length = Number(BigInt(`0x${hex.slice(64, 128)}`));
  return Buffer.from(hex.slice(128, 128 + 2 * length), 'hex').toString('utf8');
}

describe('test token', () => {
  let anvil;
  let token;
  const logDir = join(ARTIFACTS, 'logs', `token-${process.pid}`);
  before(async () => {
    anvil = await startAnvil({ logDir });
    token = (await deployToken(anvil.url, USDC)).address;
  });
  after(async () => {
    await anvil?.stop();
  });

  test('deploys with the name, symbol and decimals given to the constructor', async () => {
    assert.match(token, /^0x[0-9a-fA-F]{40}$/);
    assert.notEqual(await rpc(anvil.url, 'eth_getCode', [token, 'latest']), '0x');
    assert.equal(await decimalsOf(anvil.url, token), 6);
    assert.equal(await readString(anvil.url, token, '0x06fdde03'), 'USD Coin (test)'); // name()
    assert.equal(await readString(anvil.url, token, '0x95d89b41'), 'USDC'); // symbol()
  });

  test('a second token deploys at its own address', async () => {
    const eurc = (await deployToken(anvil.url, EURC)).address;
    assert.notEqual(eurc.toLowerCase(), token.toLowerCase());
    assert.equal(await totalSupply(anvil.url, eurc), 0n);
  });

  test('mint credits the holder and the total supply', async () => {
    const holder = freshAddress();
    const supplyBefore = await totalSupply(anvil.url, token);
    await mint(anvil.url, token, holder, usdc(250n));
    assert.equal(await balanceOf(anvil.url, token, holder), usdc(250n));
    assert.equal(await totalSupply(anvil.url, token), supplyBefore + usdc(250n));
  });

  test('a transfer moves the amount and emits a Transfer log found by eth_getLogs', async () => {
    const deposit = freshAddress();
    const amount = 12_345_678n; // 12.345678 USDC: every base unit must arrive exactly.
    await mint(anvil.url, token, DEV_ACCOUNT, usdc(100n));
    const before = await balanceOf(anvil.url, token, DEV_ACCOUNT);
    const receipt = await transfer(anvil.url, token, DEV_ACCOUNT, deposit, amount);

    assert.equal(await balanceOf(anvil.url, token, deposit), amount);
    assert.equal(await balanceOf(anvil.url, token, DEV_ACCOUNT), before - amount);

    // The query payment detection makes: this token, Transfer, any sender, to our address.
    const logs = await rpc(anvil.url, 'eth_getLogs', [{
      fromBlock: receipt.blockNumber,
      toBlock: 'latest',
      address: token,
      topics: [TRANSFER_TOPIC, null, [`0x${addressWord(deposit)}`]],
    }]);
    assert.equal(logs.length, 1);
    const [log] = logs;
    assert.equal(log.address.toLowerCase(), token.toLowerCase());
    assert.deepEqual(log.topics, [TRANSFER_TOPIC, `0x${addressWord(DEV_ACCOUNT)}`, `0x${addressWord(deposit)}`]);
    assert.equal(BigInt(log.data), amount);
    assert.equal(log.transactionHash, receipt.transactionHash);
    assert.equal(log.blockNumber, receipt.blockNumber);
    assert.equal(log.removed, false);
  });

  test('eth_getLogs does not return transfers to other addresses', async () => {
    const watched = freshAddress();
    const other = freshAddress();
    const { blockNumber } = await mint(anvil.url, token, other, usdc(1n));
    const logs = await rpc(anvil.url, 'eth_getLogs', [{
      fromBlock: blockNumber,
      toBlock: 'latest',
      address: token,
      topics: [TRANSFER_TOPIC, null, `0x${addressWord(watched)}`],
    }]);
    assert.deepEqual(logs, []);
  });

  test('a transfer above the balance reverts and changes nothing', async () => {
    const poor = SECOND_ACCOUNT;
    const to = freshAddress();
    await mint(anvil.url, token, poor, usdc(5n));
    await assert.rejects(
      transfer(anvil.url, token, poor, to, usdc(5n) + 1n),
      /exceeds balance/,
    );
    assert.equal(await balanceOf(anvil.url, token, poor), usdc(5n));
    assert.equal(await balanceOf(anvil.url, token, to), 0n);
  });

  test('an approved spender moves funds with transferFrom, and no more than allowed', async () => {
    const owner = DEV_ACCOUNT;
    const to = freshAddress();
    await mint(anvil.url, token, owner, usdc(10n));
    await approve(anvil.url, token, owner, SECOND_ACCOUNT, usdc(3n));
    await transferFrom(anvil.url, token, SECOND_ACCOUNT, owner, to, usdc(2n));
    await assert.rejects(
      transferFrom(anvil.url, token, SECOND_ACCOUNT, owner, to, usdc(2n)),
      /allowance exceeded/,
    );
    assert.equal(await balanceOf(anvil.url, token, to), usdc(2n));
  });

  test('amounts must be BigInt, so none passes through a float', async () => {
    await assert.rejects(mint(anvil.url, token, freshAddress(), 1000000), TypeError);
  });

  test('reading a balance from an address without code is an error, not zero', async () => {
    await assert.rejects(balanceOf(anvil.url, freshAddress(), DEV_ACCOUNT), /no contract/);
  });
});
