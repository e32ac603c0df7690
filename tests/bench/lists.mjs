// List latency with 1k vs 100k links: first pages and deep cursor pages must cost the same.
import { call, createMerchant } from '../harness/api.mjs';
import { d1 } from '../harness/stack.mjs';

/** Inserts `count` links for `merchantId` straight into D1, one statement, a second apart. */
async function seed(stack, merchantId, count) {
  await d1(stack.persistDir, `INSERT INTO payment_links (id, merchant_id, livemode, slug, title, kind, amount, currency,
    assets, chain, active, metadata, created_at, updated_at)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count})
    SELECT 'pl_' || substr('${merchantId}', 5, 8) || printf('%016x', i), '${merchantId}', 0,
      'bench-' || substr('${merchantId}', 5, 8) || '-' || i, 'Bench ' || i, 'fixed', '9.99', 'USD', 'ETH', 'anvil', 1, '{}',
      1700000000 + i, 1700000000 + i FROM n`);
}

async function median(send, runs) {
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    const response = await send();
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`list answered ${response.status}`);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Rows of { links, firstMs, deepMs } for 1k and 100k links. */
export async function benchLists(stack, runs = 30) {
  const rows = [];
  for (const count of [1000, 100000]) {
    const shop = await createMerchant(stack, `List bench ${count}`);
    await seed(stack, shop.merchant.id, count);
    const auth = { authorization: `Bearer ${shop.testKey}` };
    const page = (query) => () => fetch(`${stack.baseUrl}/v1/payment_links?limit=100${query}`, { headers: auth });
    const middle = (await call(stack.baseUrl, 'GET', `/v1/payment_links?limit=1&created[lte]=${1700000000 + count / 2}`, { token: shop.testKey })).body.data[0].id;
    rows.push({
      links: count,
      firstMs: await median(page(''), runs),
      deepMs: await median(page(`&starting_after=${middle}`), runs),
    });
  }
  return rows;
}
