// A test ERC-20 on the local chain: compiled from tests/contracts/TestToken.sol with the
// solc-js of package.json (its bundled soljson, nothing downloaded), deployed and driven over
// JSON-RPC with anvil signing for its unlocked accounts. Amounts are BigInt, never Number.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_ACCOUNT, rpc, waitForReceipt } from './chain.mjs';
import { ROOT } from './paths.mjs';

const require = createRequire(import.meta.url);

export const SOURCE = join(ROOT, 'tests', 'contracts', 'TestToken.sol');

/** The presets the payment tests use: both stablecoins have 6 decimals on mainnet too. */
export const USDC = Object.freeze({ name: 'USD Coin (test)', symbol: 'USDC', decimals: 6 });
export const EURC = Object.freeze({ name: 'Euro Coin (test)', symbol: 'EURC', decimals: 6 });

// Function selectors: the first 4 bytes of keccak256 of the signature, from `cast sig '...'`.
export const SELECTORS = Object.freeze({
  transfer: '0xa9059cbb', // transfer(address,uint256)
  transferFrom: '0x23b872dd', // transferFrom(address,address,uint256)
  approve: '0x095ea7b3', // approve(address,uint256)
  allowance: '0xdd62ed3e', // allowance(address,address)
  balanceOf: '0x70a08231', // balanceOf(address)
  totalSupply: '0x18160ddd', // totalSupply()
  mint: '0x40c10f19', // mint(address,uint256)
  decimals: '0x313ce567', // decimals()
});

/** topic0 of `Transfer(address,address,uint256)`, from `cast keccak '...'`. */
export const TRANSFER_TOPIC = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef';

const UINT256_MAX = (1n << 256n) - 1n;

/** One ABI word (32 bytes, 64 hex digits) for an address, left-padded with zeros. */
export function addressWord(address) {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) throw new Error(`not an address: ${address}`);
  return address.slice(2).toLowerCase().padStart(64, '0');
}

/** One ABI word for a uint256; refuses Numbers so no amount passes through a float. */
export function uintWord(value) {
  if (typeof value !== 'bigint') throw new TypeError(`amounts are BigInt, got ${typeof value}`);
  if (value < 0n || value > UINT256_MAX) throw new RangeError(`not a uint256: ${value}`);
  return value.toString(16).padStart(64, '0');
}

/** A dynamic `string` argument's tail: its byte length, then its UTF-8 bytes padded to words. */
function stringTail(text) {
  const hex = Buffer.from(text, 'utf8').toString('hex');
  const padded = hex.padEnd(Math.ceil(hex.length / 64) * 64, '0');
  return uintWord(BigInt(hex.length / 2)) + padded;
}

/** ABI-encoded constructor arguments `(string name, string symbol, uint8 decimals)`. */
function constructorArgs({ name, symbol, decimals }) {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 255) {
    throw new RangeError(`decimals must fit a uint8: ${decimals}`);
  }
  const nameTail = stringTail(name);
  // Head: two offsets (in bytes from the start of the arguments) and the static uint8.
  const headBytes = 3n * 32n;
  const symbolOffset = headBytes + BigInt(nameTail.length / 2);
  return uintWord(headBytes) + uintWord(symbolOffset) + uintWord(BigInt(decimals)) + nameTail + stringTail(symbol);
}

let compiled;

/**
 * `{ abi, bytecode }` of TestToken, compiled once per process: solc-js takes about a second,
 * and every test file deploys several tokens.
 */
export function compileTestToken() {
  if (compiled) return compiled;
  const solc = require('solc');
  const input = {
    language: 'Solidity',
    sources: { 'TestToken.sol': { content: readFileSync(SOURCE, 'utf8') } },
    settings: {
      optimizer: { enabled: true, runs: 200 },
      // Pinned rather than solc's newest default, so the bytecode runs on anvil's hardfork.
      evmVersion: 'cancun',
      outputSelection: { '*': { TestToken: ['abi', 'evm.bytecode.object'] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) {
    throw new Error(`TestToken.sol does not compile:\n${errors.map((e) => e.formattedMessage).join('\n')}`);
  }
  const contract = output.contracts['TestToken.sol'].TestToken;
  compiled = Object.freeze({ abi: contract.abi, bytecode: `0x${contract.evm.bytecode.object}` });
  return compiled;
}

/**
 * Sends a transaction that anvil signs for `from` (an unlocked account) and waits for it to
 * be mined. anvil mines a reverting transaction (status 0x0) rather than refusing it, so on a
 * revert the call is replayed on the parent block's state to put the revert reason in the error
 * (automine puts one transaction in each block, so that state is the one it ran on).
 */
async function send(rpcUrl, tx) {
  const hash = await rpc(rpcUrl, 'eth_sendTransaction', [tx]);
  const receipt = await waitForReceipt(rpcUrl, hash);
  if (receipt.status === '0x1') return receipt;
  const parent = `0x${(BigInt(receipt.blockNumber) - 1n).toString(16)}`;
  let reason = 'no reason given';
  try {
    await rpc(rpcUrl, 'eth_call', [tx, parent]);
  } catch (error) {
    reason = error.message;
  }
  throw new Error(`transaction ${hash} reverted: ${reason}`);
}

/** Deploys a TestToken from anvil's dev account; resolves to `{ address, receipt }`. */
export async function deployToken(rpcUrl, { name, symbol, decimals }) {
  const { bytecode } = compileTestToken();
  const data = bytecode + constructorArgs({ name, symbol, decimals });
  const receipt = await send(rpcUrl, { from: DEV_ACCOUNT, data });
  if (!receipt.contractAddress) throw new Error('deployment receipt has no contract address');
  return { address: receipt.contractAddress, receipt };
}

/** Mints `amount` base units (BigInt) of `token` to `to`; the mint is open to anyone. */
export async function mint(rpcUrl, token, to, amount, { from = DEV_ACCOUNT } = {}) {
  const data = SELECTORS.mint + addressWord(to) + uintWord(amount);
  return send(rpcUrl, { from, to: token, data });
}

/** Moves `amount` base units (BigInt) of `token` from `from` (an anvil-unlocked account) to `to`. */
export async function transfer(rpcUrl, token, from, to, amount) {
  const data = SELECTORS.transfer + addressWord(to) + uintWord(amount);
  return send(rpcUrl, { from, to: token, data });
}

/** Lets `spender` move up to `amount` of `owner`'s `token` (owner must be unlocked). */
export async function approve(rpcUrl, token, owner, spender, amount) {
  const data = SELECTORS.approve + addressWord(spender) + uintWord(amount);
  return send(rpcUrl, { from: owner, to: token, data });
}

/** `spender` (unlocked) moves `amount` of `from`'s `token` to `to`, within its allowance. */
export async function transferFrom(rpcUrl, token, spender, from, to, amount) {
  const data = SELECTORS.transferFrom + addressWord(from) + addressWord(to) + uintWord(amount);
  return send(rpcUrl, { from: spender, to: token, data });
}

/** Calls a view function and decodes its single uint256 word as a BigInt. */
async function callUint(rpcUrl, token, data, block) {
  const result = await rpc(rpcUrl, 'eth_call', [{ to: token, data }, block]);
  // An account without code answers "0x" instead of reverting: say so rather than read 0.
  if (result === '0x') throw new Error(`no contract at ${token}`);
  return BigInt(result);
}

/** `token.balanceOf(who)` at `block` (default "latest"), as a BigInt of base units. */
export async function balanceOf(rpcUrl, token, who, block = 'latest') {
  return callUint(rpcUrl, token, SELECTORS.balanceOf + addressWord(who), block);
}

/** `token.totalSupply()` at `block`, as a BigInt. */
export async function totalSupply(rpcUrl, token, block = 'latest') {
  return callUint(rpcUrl, token, SELECTORS.totalSupply, block);
}

/** `token.decimals()`, as a Number (a uint8, so exact). */
export async function decimalsOf(rpcUrl, token) {
  return Number(await callUint(rpcUrl, token, SELECTORS.decimals, 'latest'));
}
