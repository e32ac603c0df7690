// JSON-RPC to the local chain, and anvil itself.
import { join } from 'node:path';
import { ANVIL } from './paths.mjs';
import { freePort, start, waitFor } from './processes.mjs';

/** anvil's first default account (mnemonic "test test ... junk"); anvil signs for it. */
export const DEV_ACCOUNT = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
export const CHAIN_ID = 31337;

let nextId = 1;

/** Calls `method` on `url`; throws on a JSON-RPC error, returns `result`. */
export async function rpc(url, method, params = []) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }),
  });
  const body = await response.json();
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

/**
 * The receipt of `hash`, polled until the node has it: even with automine, a receipt can lag
 * the send by a moment on a loaded machine.
 */
export async function waitForReceipt(url, hash, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const receipt = await rpc(url, 'eth_getTransactionReceipt', [hash]);
    if (receipt) return receipt;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no receipt for ${hash} after ${timeoutMs} ms`);
}

/**
 * Starts anvil on a free loopback port; logs go to `logDir/anvil.log` (`anvil-<id>.log` for
 * another `chainId`, which tests use to show that something does not depend on the chain).
 */
export async function startAnvil({ logDir, port, chainId = CHAIN_ID } = {}) {
  const chosen = port ?? (await freePort());
  const url = `http://127.0.0.1:${chosen}`;
  const proc = start(
    ANVIL,
    ['--host', '127.0.0.1', '--port', String(chosen), '--chain-id', String(chainId)],
    { logFile: join(logDir, chainId === CHAIN_ID ? 'anvil.log' : `anvil-${chainId}.log`) },
  );
  await waitFor('anvil', async () => (await rpc(url, 'eth_chainId')) === `0x${chainId.toString(16)}`, {
    timeoutMs: 20000,
    alive: () => proc.child.exitCode === null,
  });
  return { url, port: chosen, stop: proc.stop, output: proc.output };
}
