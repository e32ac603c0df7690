// Payout mode's contracts on the local chain: the committed factory and forwarder bytecode
// (contracts/build/), the factory deployed by `cargo xtask deploy-factory`, calldata encoded
// by `cast` (an implementation independent of ours), and the hostile counterparts of
// tests/contracts/PayoutHostile.sol compiled like the test token.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_ACCOUNT, rpc, waitForReceipt } from './chain.mjs';
import { CAST, ROOT } from './paths.mjs';

const require = createRequire(import.meta.url);

export const PROXY = '0x4e59b44847b379578588920cA78FbF26c0B4956C';
/** The factory's address wherever the proxy deploys contracts/build/ForwarderFactory.bin. */
export const FACTORY = '0x3D008ec20519c06B1A04527a09362d18E938CFbD';

const artifact = (name) => readFileSync(join(ROOT, 'contracts', 'build', name), 'utf8').trim();
export const FORWARDER_CREATION = `0x${artifact('Forwarder.bin')}`;
export const FACTORY_RUNTIME = `0x${artifact('ForwarderFactory.runtime.bin')}`;

/** Runs `cast` offline (encoding, hashing, CREATE2) and returns its last line. */
export function cast(...args) {
  return execFileSync(CAST, args, { encoding: 'utf8' }).trim().split('\n').pop().trim();
}

/** Runs `cargo xtask <args>`; resolves to `{ stdout, stderr }`, throws on a non-zero exit. */
export function xtask(args, env = {}) {
  try {
    const stdout = execFileSync('cargo', ['xtask', ...args], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { stdout, stderr: '' };
  } catch (error) {
    throw new Error(`cargo xtask ${args[0]} failed: ${error.stderr}${error.stdout}`);
  }
}

/** The Rust computation (`shared::payout`), through `cargo xtask create2`. */
export function rustDepositAddresses(factory, payout, salts) {
  const args = ['create2', '--factory', factory, '--payout', payout, ...salts.flatMap((s) => ['--salt', s])];
  return xtask(args).stdout.trim().split('\n');
}

/** `cast create2` of the forwarder's init code for `payout`, hashed by `cast keccak`. */
export function castDepositAddress(factory, payout, salt) {
  const init = FORWARDER_CREATION + cast('abi-encode', 'f(address)', payout).slice(2);
  return cast('create2', '--deployer', factory, '--salt', salt, '--init-code-hash', cast('keccak', init));
}

/** `factory.predict(payout, salt)` by eth_call, EIP-55 (by cast) so it compares by string. */
export async function predict(url, factory, payout, salt) {
  const data = cast('calldata', 'predict(address,bytes32)', payout, salt);
  const word = await rpc(url, 'eth_call', [{ to: factory, data }, 'latest']);
  return cast('to-check-sum-address', `0x${word.slice(-40)}`);
}

/**
 * Sends a transaction anvil signs for `tx.from` and waits for its receipt, which is returned
 * whether it succeeded or reverted: the hostile tests look at reverts too.
 */
export async function sendRaw(url, tx) {
  const hash = await rpc(url, 'eth_sendTransaction', [{ from: DEV_ACCOUNT, ...tx }]);
  return waitForReceipt(url, hash);
}

/** Like `sendRaw`, but a revert throws. */
export async function send(url, tx) {
  const receipt = await sendRaw(url, tx);
  if (receipt.status !== '0x1') throw new Error(`transaction ${receipt.transactionHash} reverted`);
  return receipt;
}

const array = (items) => `[${items.join(',')}]`;

/** The calldata of `deployAndFlush(payout, salts, tokens)`. */
export function deployAndFlushData(payout, salts, tokens = []) {
  return cast('calldata', 'deployAndFlush(address,bytes32[],address[])', payout, array(salts), array(tokens));
}

/** One sweep transaction; `gas` may be set to test a limit, otherwise the node estimates. */
export async function deployAndFlush(url, payout, salts, tokens = [], { gas, raw = false } = {}) {
  const tx = { to: FACTORY, data: deployAndFlushData(payout, salts, tokens) };
  if (gas !== undefined) tx.gas = `0x${gas.toString(16)}`;
  return raw ? sendRaw(url, tx) : send(url, tx);
}

export async function ethBalance(url, who) {
  return BigInt(await rpc(url, 'eth_getBalance', [who, 'latest']));
}

export async function codeAt(url, who) {
  return rpc(url, 'eth_getCode', [who, 'latest']);
}

/** Sends `value` wei (BigInt) from the dev account. */
export async function pay(url, to, value, extra = {}) {
  return send(url, { to, value: `0x${value.toString(16)}`, ...extra });
}

let hostile;

/** Bytecode of each contract in tests/contracts/PayoutHostile.sol, compiled once. */
export function hostileBytecode(name) {
  if (!hostile) {
    const solc = require('solc');
    const source = readFileSync(join(ROOT, 'tests', 'contracts', 'PayoutHostile.sol'), 'utf8');
    const input = {
      language: 'Solidity',
      sources: { 'PayoutHostile.sol': { content: source } },
      settings: {
        optimizer: { enabled: true, runs: 200 },
        evmVersion: 'cancun',
        outputSelection: { '*': { '*': ['evm.bytecode.object'] } },
      },
    };
    const output = JSON.parse(solc.compile(JSON.stringify(input)));
    const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
    if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
    hostile = output.contracts['PayoutHostile.sol'];
  }
  return `0x${hostile[name].evm.bytecode.object}`;
}

/** Deploys one of the hostile contracts; resolves to its address. */
export async function deployHostile(url, name) {
  const receipt = await send(url, { data: hostileBytecode(name) });
  return receipt.contractAddress;
}

/**
 * The opcodes of `code` (hex), with PUSH data skipped, so a test can say which instructions a
 * contract can never execute.
 */
export function opcodes(code) {
  const bytes = Buffer.from(code.replace(/^0x/, ''), 'hex');
  const ops = new Set();
  for (let i = 0; i < bytes.length; i += 1) {
    const op = bytes[i];
    ops.add(op);
    if (op >= 0x60 && op <= 0x7f) i += op - 0x5f;
  }
  return ops;
}
