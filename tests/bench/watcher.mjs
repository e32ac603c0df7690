// The chain watcher under growing numbers of open sessions: one cron tick each time, counting
// the JSON-RPC HTTP requests and calls that reach anvil through a counting proxy.
import { call, createMerchant } from '../harness/api.mjs';
import { rpc } from '../harness/chain.mjs';
import { ANVIL_MNEMONIC, accountXpub } from '../harness/hd.mjs';
import { freePort } from '../harness/processes.mjs';
import { startRpcProxy } from '../harness/rpc_proxy.mjs';
import { d1, startStack } from '../harness/stack.mjs';
import { readUsage } from '../harness/usage.mjs';

/**
 * Rows of { open, checked, requests, calls, ms, usage } for each size in `sizes`; `blocks` new blocks
 * are mined before each tick, for the block scan to read (30 is a minute of Base).
 */
export async function benchWatcher(sizes = [10, 100, 400], { blocks = 30 } = {}) {
  const anvilPort = await freePort();
  const proxy = await startRpcProxy(`http://127.0.0.1:${anvilPort}`);
  const stack = await startStack({ name: 'bench-watcher', anvilPort, vars: { RPC_URL_ANVIL: proxy.url } });
  const rows = [];
  try {
    const shop = await createMerchant(stack, 'Watcher bench');
    await call(stack.baseUrl, 'PATCH', '/v1/account', {
      token: shop.testKey,
      body: { checkout: { deposit_xpub: accountXpub(ANVIL_MNEMONIC, 3) } },
    });
    const link = (await call(stack.baseUrl, 'POST', '/v1/payment_links', {
      token: shop.testKey,
      body: { title: 'Bench', type: 'fixed', amount: '9.99', currency: 'USD', assets: ['ETH', 'USDC'], chain: 'anvil' },
    })).body;
    let open = 0;
    for (const size of sizes) {
      while (open < size) {
        const asset = open % 2 === 0 ? 'ETH' : 'USDC';
        const answer = await call(stack.baseUrl, 'POST', `/v1/public/links/${link.slug}/sessions`, { body: { asset } });
        if (answer.status !== 201) throw new Error(`opening a session answered ${answer.status}`);
        open += 1;
      }
      // Sessions are stamped with the time of their check; the clock moves on first, so this
      // tick's stamps are told from the last one's.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      if (blocks > 0) await rpc(stack.rpcUrl, 'anvil_mine', [`0x${blocks.toString(16)}`]);
      const since = Math.floor(Date.now() / 1000);
      proxy.reset();
      const t0 = performance.now();
      const tick = await fetch(`${stack.baseUrl}/__scheduled?cron=*+*+*+*+*`);
      if (tick.status !== 200) throw new Error(`cron tick answered ${tick.status}`);
      const ms = performance.now() - t0;
      const [{ n: checked }] = await d1(stack.persistDir, `SELECT COUNT(*) AS n FROM checkout_sessions WHERE checked_at >= ${since}`);
      // The tick's own count of D1 round trips and fetches, as the worker logged it.
      const logged = [...stack.workerOutput().matchAll(/cron tick used ([^\n]*)/g)].at(-1)?.[1] ?? '';
      rows.push({ open, checked, requests: proxy.stats.requests, calls: proxy.stats.calls, ms, usage: readUsage(logged) });
    }
  } finally {
    await stack.stop();
    await proxy.stop();
  }
  return rows;
}
