// Payout mode's contracts on anvil: deposit addresses computed three independent ways (the
// factory's predict, cast, shared::payout through cargo xtask), counterfactual deposits swept
// in batches, late payments, and hostile payouts and tokens. Prints the gas per swept address
// and writes it to tests/artifacts/forwarder-gas.json for the benchmarks.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_ACCOUNT, rpc, startAnvil } from '../harness/chain.mjs';
import { ARTIFACTS } from '../harness/paths.mjs';
import { USDC, balanceOf, deployToken, mint } from '../harness/token.mjs';
import {
  FACTORY, FACTORY_RUNTIME, cast, castDepositAddress, codeAt, deployAndFlush, deployAndFlushData, deployHostile,
  ethBalance, opcodes, pay, predict, rustDepositAddresses, send, sendRaw, xtask,
} from '../harness/forwarder.mjs';

const freshAddress = () => cast('to-check-sum-address', `0x${randomBytes(20).toString('hex')}`);
const freshSalt = () => `0x${randomBytes(32).toString('hex')}`;
const sum = (values) => values.reduce((a, b) => a + b, 0n);
/** anvil's third account and its well-known test key (public test data). */
const ACCOUNT_2 = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const ACCOUNT_2_KEY = '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a';

describe('payout forwarders', () => {
  let anvil;
  let usdc;
  const gas = {};
  const logDir = join(ARTIFACTS, 'logs', `forwarder-${process.pid}`);

  /** `n` counterfactual deposits of `payout`: their salts, addresses, and varied amounts. */
  async function deposits(payout, n) {
    const salts = Array.from({ length: n }, freshSalt);
    const addresses = await Promise.all(salts.map((s) => predict(anvil.url, FACTORY, payout, s)));
    const amounts = salts.map((_, i) => 1_000_000_000_000_000n + BigInt(i) * 123_456_789n);
    return { salts, addresses, amounts };
  }

  before(async () => {
    anvil = await startAnvil({ logDir });
    usdc = (await deployToken(anvil.url, USDC)).address;
    const first = xtask(['deploy-factory', '--rpc-url', anvil.url, '--from', DEV_ACCOUNT]);
    assert.match(first.stdout, new RegExp(`deployed the factory at ${FACTORY}`));
  });
  after(async () => {
    await anvil?.stop();
    if (Object.keys(gas).length > 0) {
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(join(ARTIFACTS, 'forwarder-gas.json'), `${JSON.stringify(gas, null, 2)}\n`);
    }
  });

  test('deploy-factory put the committed factory at its canonical address; again, it leaves it', async () => {
    assert.equal(await codeAt(anvil.url, FACTORY), FACTORY_RUNTIME);
    const again = xtask(['deploy-factory', '--rpc-url', anvil.url, '--from', DEV_ACCOUNT]);
    assert.match(again.stdout, new RegExp(`already deployed at ${FACTORY}`));
  });

  test('predict() == cast create2 == shared::payout for several payouts and salts', async () => {
    const payouts = [freshAddress(), freshAddress(), DEV_ACCOUNT];
    const quote = 'qt_0123456789abcdef01234567';
    const salts = [freshSalt(), freshSalt(), cast('keccak', quote), `0x${'00'.repeat(32)}`];
    for (const payout of payouts) {
      const rust = rustDepositAddresses(FACTORY, payout, salts);
      for (const [i, salt] of salts.entries()) {
        const onChain = await predict(anvil.url, FACTORY, payout, salt);
        assert.equal(onChain, castDepositAddress(FACTORY, payout, salt), `${payout} ${salt}`);
        assert.equal(rust[i], onChain, `${payout} ${salt}`);
      }
      // A quote id gives the same address as its keccak, the salt rule shared documents.
      const [byQuote] = xtask(['create2', '--factory', FACTORY, '--payout', payout, '--quote', quote])
        .stdout.trim().split('\n');
      assert.equal(byQuote, rust[2]);
    }
  });

  test('other chains (ids 1 and 8453) get the factory and every deposit address at the same place', async () => {
    const payout = freshAddress();
    const salts = [freshSalt(), freshSalt()];
    const here = await Promise.all(salts.map((s) => predict(anvil.url, FACTORY, payout, s)));
    for (const chainId of [1, 8453]) {
      const other = await startAnvil({ logDir, chainId });
      try {
        // A private key from the environment this time: signed by xtask, never logged.
        const run = xtask(
          ['deploy-factory', '--rpc-url', other.url, '--from', ACCOUNT_2, '--key-env', 'PAYLINK_TEST_DEPLOYER_KEY'],
          { PAYLINK_TEST_DEPLOYER_KEY: ACCOUNT_2_KEY },
        );
        assert.match(run.stdout, new RegExp(`deployed the factory at ${FACTORY}`));
        assert.ok(!run.stdout.includes(ACCOUNT_2_KEY.slice(2)), 'the key must never be printed');
        assert.equal(await rpc(other.url, 'eth_getTransactionCount', [ACCOUNT_2, 'latest']), '0x1');
        for (const [i, salt] of salts.entries()) {
          assert.equal(await predict(other.url, FACTORY, payout, salt), here[i]);
        }
      } finally {
        await other.stop();
      }
    }
  });

  test('a wrong key for --from is refused before anything is sent', () => {
    assert.throws(
      () => xtask(
        ['deploy-factory', '--rpc-url', anvil.url, '--from', DEV_ACCOUNT, '--key-env', 'PAYLINK_TEST_DEPLOYER_KEY'],
        { PAYLINK_TEST_DEPLOYER_KEY: ACCOUNT_2_KEY },
      ),
      (error) => /is not the key of/.test(error.message) && !error.message.includes(ACCOUNT_2_KEY.slice(2)),
    );
  });

  test('one transaction deploys and sweeps 10 ETH deposits paid before deployment', async () => {
    const payout = freshAddress();
    const { salts, addresses, amounts } = await deposits(payout, 10);
    for (const [i, address] of addresses.entries()) {
      await pay(anvil.url, address, amounts[i]);
      assert.equal(await codeAt(anvil.url, address), '0x', 'counterfactual: nothing deployed yet');
    }
    const receipt = await deployAndFlush(anvil.url, payout, salts);
    assert.equal(await ethBalance(anvil.url, payout), sum(amounts));
    for (const address of addresses) {
      assert.equal(await ethBalance(anvil.url, address), 0n);
      assert.notEqual(await codeAt(anvil.url, address), '0x');
    }
    gas.eth_deploy_and_flush_10 = { total: Number(receipt.gasUsed), per_address: Number(receipt.gasUsed) / 10 };

    // Swept again with nothing new: harmless, and cheaper (no deployment).
    const again = await deployAndFlush(anvil.url, payout, salts);
    assert.equal(await ethBalance(anvil.url, payout), sum(amounts));
    gas.eth_flush_again_10 = { total: Number(again.gasUsed), per_address: Number(again.gasUsed) / 10 };

    // Late payments to two swept addresses arrive (cheaply) and are swept by the next call.
    const late = await pay(anvil.url, addresses[3], 7n);
    gas.eth_payment_to_swept_address = Number(late.gasUsed);
    assert.ok(Number(late.gasUsed) < 21_000 + 2_300, 'a payment runs within the 2300-gas stipend');
    await pay(anvil.url, addresses[8], 11n);
    const lateSweep = await deployAndFlush(anvil.url, payout, salts);
    assert.equal(await ethBalance(anvil.url, payout), sum(amounts) + 18n);
    gas.eth_late_flush_10 = { total: Number(lateSweep.gasUsed), per_address: Number(lateSweep.gasUsed) / 10 };
  });

  test('one transaction deploys and sweeps 10 USDC deposits; a late one is swept again', async () => {
    const payout = freshAddress();
    const { salts, addresses } = await deposits(payout, 10);
    const amounts = addresses.map((_, i) => 12_345_678n + BigInt(i));
    for (const [i, address] of addresses.entries()) await mint(anvil.url, usdc, address, amounts[i]);
    const receipt = await deployAndFlush(anvil.url, payout, salts, [usdc]);
    assert.equal(await balanceOf(anvil.url, usdc, payout), sum(amounts));
    for (const address of addresses) assert.equal(await balanceOf(anvil.url, usdc, address), 0n);
    gas.erc20_deploy_and_flush_10 = { total: Number(receipt.gasUsed), per_address: Number(receipt.gasUsed) / 10 };

    await mint(anvil.url, usdc, addresses[0], 5n);
    const late = await deployAndFlush(anvil.url, payout, salts.slice(0, 1), [usdc]);
    assert.equal(await balanceOf(anvil.url, usdc, payout), sum(amounts) + 5n);
    gas.erc20_late_flush_1 = Number(late.gasUsed);

    const single = await deposits(payout, 1);
    await mint(anvil.url, usdc, single.addresses[0], 1n);
    const one = await deployAndFlush(anvil.url, payout, single.salts, [usdc]);
    gas.erc20_deploy_and_flush_1 = Number(one.gasUsed);
    console.log(`# gas per swept address: ${JSON.stringify(gas)}`);
  });

  test('unknown tokens (a fresh ERC-20, a USDT-style one returning nothing) are flushed', async () => {
    const payout = freshAddress();
    const { salts, addresses } = await deposits(payout, 2);
    const unknown = (await deployToken(anvil.url, { name: 'Unknown', symbol: 'UNK', decimals: 18 })).address;
    const usdtLike = await deployHostile(anvil.url, 'NoReturnToken');
    await mint(anvil.url, unknown, addresses[0], 10n ** 18n);
    await mint(anvil.url, usdtLike, addresses[1], 42n);
    await deployAndFlush(anvil.url, payout, salts, [unknown, usdtLike]);
    assert.equal(await balanceOf(anvil.url, unknown, payout), 10n ** 18n);
    assert.equal(await balanceOf(anvil.url, usdtLike, payout), 42n);
  });

  test('a reverting token and an address without code do not block ETH or the other tokens', async () => {
    const payout = freshAddress();
    const { salts, addresses } = await deposits(payout, 2);
    const reverting = await deployHostile(anvil.url, 'RevertingToken');
    await pay(anvil.url, addresses[0], 1000n);
    await mint(anvil.url, usdc, addresses[1], 77n);
    const receipt = await deployAndFlush(anvil.url, payout, salts, [reverting, freshAddress(), usdc]);
    assert.equal(receipt.status, '0x1');
    assert.equal(await ethBalance(anvil.url, payout), 1000n);
    assert.equal(await balanceOf(anvil.url, usdc, payout), 77n);
  });

  test('a token that burns all its gas fails its own sweep, which then moves nothing', async () => {
    const payout = freshAddress();
    const { salts, addresses } = await deposits(payout, 1);
    const burner = await deployHostile(anvil.url, 'GasBurningToken');
    await mint(anvil.url, usdc, addresses[0], 9n);
    const receipt = await deployAndFlush(anvil.url, payout, salts, [usdc, burner], { gas: 3_000_000, raw: true });
    assert.equal(receipt.status, '0x0');
    assert.equal(await balanceOf(anvil.url, usdc, addresses[0]), 9n);
    await deployAndFlush(anvil.url, payout, salts, [usdc]);
    assert.equal(await balanceOf(anvil.url, usdc, payout), 9n);
  });

  test('at any gas limit a sweep to a Safe-like payout either moves everything or reverts', async () => {
    const payout = await deployHostile(anvil.url, 'HungryPayout');
    const { salts, addresses } = await deposits(payout, 2);
    for (const address of addresses) await pay(anvil.url, address, 500n);
    await mint(anvil.url, usdc, addresses[1], 3n);
    const data = deployAndFlushData(payout, salts, [usdc]);
    const estimate = Number(await rpc(anvil.url, 'eth_estimateGas', [{ from: DEV_ACCOUNT, to: FACTORY, data }]));
    let reverted = 0;
    for (let limit = estimate - 40_000; limit <= estimate; limit += 2_500) {
      const snapshot = await rpc(anvil.url, 'evm_snapshot');
      const receipt = await deployAndFlush(anvil.url, payout, salts, [usdc], { gas: limit, raw: true });
      const moved = [await ethBalance(anvil.url, payout), await balanceOf(anvil.url, usdc, payout)];
      if (receipt.status === '0x1') assert.deepEqual(moved, [1000n, 3n], `limit ${limit}`);
      else assert.deepEqual(moved, [0n, 0n], `limit ${limit}`);
      reverted += receipt.status === '0x1' ? 0 : 1;
      await rpc(anvil.url, 'evm_revert', [snapshot]);
    }
    assert.ok(reverted > 0, 'the lowest limits tried must be too small');
    await deployAndFlush(anvil.url, payout, salts, [usdc]);
    assert.equal(await ethBalance(anvil.url, payout), 1000n);
  });

  test('a payout refusing ETH keeps it in the forwarder, and its tokens still move', async () => {
    const payout = await deployHostile(anvil.url, 'RefusingPayout');
    const { salts, addresses } = await deposits(payout, 1);
    await pay(anvil.url, addresses[0], 1234n);
    await mint(anvil.url, usdc, addresses[0], 56n);
    await deployAndFlush(anvil.url, payout, salts, [usdc]);
    assert.equal(await ethBalance(anvil.url, addresses[0]), 1234n);
    assert.equal(await balanceOf(anvil.url, usdc, payout), 56n);
  });

  test('a payout re-entering the factory and the forwarder gets each deposit exactly once', async () => {
    const payout = await deployHostile(anvil.url, 'ReentrantPayout');
    const { salts, addresses } = await deposits(payout, 3);
    const arm = cast('calldata', 'arm(address,bytes32[],address[],address)', FACTORY, `[${salts}]`, `[${usdc}]`, addresses[2]);
    await send(anvil.url, { to: payout, data: arm });
    for (const address of addresses) {
      await pay(anvil.url, address, 100n);
      await mint(anvil.url, usdc, address, 10n);
    }
    await deployAndFlush(anvil.url, payout, salts, [usdc]);
    const reentries = BigInt(await rpc(anvil.url, 'eth_call', [{ to: payout, data: cast('sig', 'reentries()') }, 'latest']));
    assert.ok(reentries > 0n, 're-entry must actually have happened');
    assert.equal(await ethBalance(anvil.url, payout), 300n);
    assert.equal(await balanceOf(anvil.url, usdc, payout), 30n);
    for (const address of addresses) {
      assert.equal(await ethBalance(anvil.url, address), 0n);
      assert.equal(await balanceOf(anvil.url, usdc, address), 0n);
    }
  });

  test('nobody can redirect: another payout, or any calldata to a forwarder, reaches only the payout', async () => {
    const payout = freshAddress();
    const attacker = freshAddress();
    const { salts, addresses } = await deposits(payout, 1);
    await pay(anvil.url, addresses[0], 999n);
    // The same salts for the attacker's payout are other addresses: these deposits stay.
    await deployAndFlush(anvil.url, attacker, salts);
    assert.equal(await ethBalance(anvil.url, addresses[0]), 999n);
    assert.equal(await ethBalance(anvil.url, attacker), 0n);
    await deployAndFlush(anvil.url, payout, salts);
    // A call shaped like transfer(attacker, amount) is just a flush to the payout.
    await pay(anvil.url, addresses[0], 5n);
    await mint(anvil.url, usdc, addresses[0], 8n);
    const data = cast('calldata', 'transfer(address,uint256)', attacker, '5');
    await send(anvil.url, { to: addresses[0], data });
    assert.equal(await ethBalance(anvil.url, attacker), 0n);
    assert.equal(await ethBalance(anvil.url, payout), 1004n);
    assert.equal(await balanceOf(anvil.url, usdc, addresses[0]), 8n, 'tokens move only when listed');
    // And the runtime can never write storage, delegate, or self-destruct.
    const ops = opcodes(await codeAt(anvil.url, addresses[0]));
    for (const [name, op] of [['SSTORE', 0x55], ['DELEGATECALL', 0xf4], ['CALLCODE', 0xf2], ['SELFDESTRUCT', 0xff], ['CREATE', 0xf0], ['CREATE2', 0xf5]]) {
      assert.ok(!ops.has(op), `the forwarder has ${name}`);
    }
  });
});
