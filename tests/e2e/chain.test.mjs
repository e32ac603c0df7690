// The local chain the harness runs: funding an address and reading it back over JSON-RPC.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { CHAIN_ID, DEV_ACCOUNT, rpc, startAnvil, waitForReceipt } from '../harness/chain.mjs';
import { ARTIFACTS, CAST } from '../harness/paths.mjs';
import { runToEnd } from '../harness/processes.mjs';

const freshAddress = () => `0x${randomBytes(20).toString('hex')}`;

describe('anvil', () => {
  let anvil;
  const logDir = join(ARTIFACTS, 'logs', `chain-${process.pid}`);
  before(async () => {
    anvil = await startAnvil({ logDir });
  });
  after(async () => {
    await anvil?.stop();
  });

  test('runs the local chain id', async () => {
    assert.equal(BigInt(await rpc(anvil.url, 'eth_chainId')), BigInt(CHAIN_ID));
  });

  test('a transfer from a dev account shows up in the balance read over JSON-RPC', async () => {
    const to = freshAddress();
    assert.equal(BigInt(await rpc(anvil.url, 'eth_getBalance', [to, 'latest'])), 0n);
    const value = 1_500_000_000_000_000_000n; // 1.5 ETH in wei: exact, never a float.
    const hash = await rpc(anvil.url, 'eth_sendTransaction', [
      { from: DEV_ACCOUNT, to, value: `0x${value.toString(16)}` },
    ]);
    const receipt = await waitForReceipt(anvil.url, hash);
    assert.equal(receipt.status, '0x1');
    assert.equal(BigInt(await rpc(anvil.url, 'eth_getBalance', [to, 'latest'])), value);
  });

  test('cast pays an address and the balance is read before and after mined blocks', async () => {
    const to = freshAddress();
    await runToEnd(CAST, [
      'send', '--rpc-url', anvil.url, '--unlocked', '--from', DEV_ACCOUNT, to, '--value', '123456789wei',
    ], { logFile: join(logDir, 'cast.log') });
    const paidAt = BigInt(await rpc(anvil.url, 'eth_blockNumber'));
    await rpc(anvil.url, 'anvil_mine', ['0x3']);
    assert.equal(BigInt(await rpc(anvil.url, 'eth_blockNumber')), paidAt + 3n);
    const before = `0x${(paidAt - 1n).toString(16)}`;
    assert.equal(BigInt(await rpc(anvil.url, 'eth_getBalance', [to, before])), 0n);
    assert.equal(BigInt(await rpc(anvil.url, 'eth_getBalance', [to, 'latest'])), 123456789n);
  });
});
