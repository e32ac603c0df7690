// What one warm request of each hot route costs before its answer, from the worker's own
// count (the `paylink-usage` header of edge/src/platform/meter.rs), the latency that implies at
// the edge (a D1 round trip to the primary ~30 ms, a KV read ~5 ms) and the budget it has.
import { call } from '../harness/api.mjs';
import { readUsage } from '../harness/usage.mjs';

export const D1_MS = 30;
export const KV_MS = 5;


/** Latency the counts imply on Cloudflare: sequential D1 round trips and KV reads. */
export const impliedMs = (u) => (u.d1_sequential ?? 0) * D1_MS + (u.kv_reads ?? 0) * KV_MS;

/**
 * Rows of { route, budget, usage } for `link` (a fixed ETH link of `shop`). Each route is asked
 * once to warm what it caches, then measured.
 */
export async function benchUsage(stack, shop, link) {
  const base = stack.baseUrl;
  const auth = { token: shop.testKey };
  const usageOf = async (ask) => {
    await ask();
    const answer = await ask();
    return readUsage(answer.headers.get('paylink-usage') ?? '');
  };
  const page = () => fetch(`${base}/l/${link.slug}`);
  const publicLink = () => fetch(`${base}/v1/public/links/${link.slug}`);
  let session;
  const open = async () => {
    const answer = await call(base, 'POST', `/v1/public/links/${link.slug}/sessions`, { body: { asset: 'ETH' } });
    session = answer.body;
    return answer;
  };
  const poll = () => call(base, 'GET', `/v1/public/sessions/${session.id}`);
  const quote = () => call(base, 'POST', `/v1/public/sessions/${session.id}/quotes`, { body: { asset: 'ETH' } });
  let n = 0;
  const create = () => call(base, 'POST', '/v1/payment_links', {
    ...auth,
    headers: { 'idempotency-key': `bench-usage-${process.pid}-${(n += 1)}` },
    body: { title: 'Usage', type: 'fixed', amount: '9.99', currency: 'USD', assets: ['ETH'], chain: 'anvil' },
  });
  const list = () => call(base, 'GET', '/v1/payment_links?limit=100', auth);
  const routes = [
    ['GET /l/{slug} (link cached)', 0, page],
    ['GET /v1/public/links/{slug} (link cached)', 0, publicLink],
    ['POST /v1/public/links/{slug}/sessions (with the first quote)', 2, open],
    ['GET /v1/public/sessions/{id} (the status poll)', 1, poll],
    ['POST /v1/public/sessions/{id}/quotes', 2, quote],
    ['POST /v1/payment_links with an Idempotency-Key', 3, create],
    ['GET /v1/payment_links?limit=100', 2, list],
  ];
  const rows = [];
  for (const [route, budget, ask] of routes) rows.push({ route, budget, usage: await usageOf(ask) });
  return rows;
}
