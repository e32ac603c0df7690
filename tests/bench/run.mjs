// `cargo xtask bench`: sizes of what ships, cold start, and API throughput on loopback.
// Prints a table and writes bench/RESULTS.md. Figures only: nothing here passes or fails.
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { call, createMerchant } from '../harness/api.mjs';
import { ROOT } from '../harness/paths.mjs';
import { ANVIL_MNEMONIC, accountXpub } from '../harness/hd.mjs';
import { startStack } from '../harness/stack.mjs';
import { benchLists } from './lists.mjs';
import { benchPayPage, removeStaticPage, writeStaticPage } from './pages.mjs';
import { kb, payerPageSizes, shippedSizes, sizeSection } from './sizes.mjs';
import { benchSweeps } from './sweeps.mjs';
import { D1_MS, KV_MS, benchUsage, impliedMs } from './usage.mjs';
import { benchWatcher } from './watcher.mjs';
import { wrk } from './wrk.mjs';

writeStaticPage();
const started = performance.now();
const stack = await startStack({ name: 'bench', vars: { RATE_LIMIT_PER_MINUTE: '1000000' } });
const coldStartMs = performance.now() - started;
let routes;
let sweeps;
let lists;
let pages;
let usage;
let payerPages;
try {
  const shop = await createMerchant(stack, 'Bench');
  const body = { title: 'Bench', type: 'fixed', amount: '9.99', currency: 'USD', assets: ['ETH'], chain: 'anvil' };
  const link = (await call(stack.baseUrl, 'POST', '/v1/payment_links', { token: shop.testKey, body })).body;
  for (let i = 0; i < 150; i += 1) {
    await call(stack.baseUrl, 'POST', '/v1/payment_links', { token: shop.testKey, body });
  }
  await call(stack.baseUrl, 'PATCH', '/v1/account', {
    token: shop.testKey,
    body: { checkout: { deposit_xpub: accountXpub(ANVIL_MNEMONIC, 3) } },
  });
  usage = await benchUsage(stack, shop, link);
  const auth = { authorization: `Bearer ${shop.testKey}` };
  const post = { ...auth, 'content-type': 'application/json' };
  const json = { 'content-type': 'application/json' };
  const targets = [
    ['no-op (404, no I/O)', `${stack.baseUrl}/v1/no-such-route`, {}],
    ['GET /v1/public/links/{slug}', `${stack.baseUrl}/v1/public/links/${link.slug}`, {}],
    ['POST /v1/public/links/{slug}/sessions', `${stack.baseUrl}/v1/public/links/${link.slug}/sessions`, { method: 'POST', headers: json, body: '{"asset":"ETH"}' }],
    ['POST /v1/payment_links', `${stack.baseUrl}/v1/payment_links`, { method: 'POST', headers: { ...auth, ...json }, body: JSON.stringify(body) }],
    ['GET /v1/payment_links?limit=100', `${stack.baseUrl}/v1/payment_links?limit=100`, { headers: auth }],
  ];
  await wrk(targets[0][1], { seconds: 2 }); // warm-up
  routes = [];
  for (const [name, url, options] of targets) routes.push({ name, ...(await wrk(url, options)) });
  pages = await benchPayPage(stack);
  payerPages = await payerPageSizes(stack);
  lists = await benchLists(stack);
  sweeps = await benchSweeps(stack);
} finally {
  await stack.stop();
  removeStaticPage();
}

const watcher = await benchWatcher();

const baseline = routes[0].rps;
/** The worker's size profile, read by `cargo xtask bench` from the wasm's sections and names. */
const profile = JSON.parse(process.env.PAYLINK_WORKER_PROFILE ?? '{"sections":[],"crates":[]}');
const codeBytes = profile.crates.reduce((sum, [, n]) => sum + n, 0);
const commit = execSync('git describe --always --dirty --abbrev=12 --exclude=*', { cwd: ROOT }).toString().trim();
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`;
/** The forwarder test's measured gas per swept address, if it ran (it writes the file). */
const lines = [
  '# Benchmark results',
  '',
  `Machine: ${machine}  `,
  `Date: ${new Date().toISOString()}  `,
  `Commit: ${commit}`,
  '',
  ...sizeSection(shippedSizes(), payerPages),
  '',
  '## The worker wasm, raw (KiB): sections as shipped, and code by crate (named by the copy in edge/build/named/)',
  '',
  '| section | raw |',
  '| --- | ---: |',
  ...profile.sections.filter(([, n]) => n >= 1024).map(([name, n]) => `| ${name} | ${kb(n)} |`),
  '',
  '| crate | code | share of code |',
  '| --- | ---: | ---: |',
  ...profile.crates.slice(0, 15).map(([name, n]) => `| ${name} | ${kb(n)} | ${((100 * n) / codeBytes).toFixed(1)} % |`),
  '',
  '## Local stack',
  '',
  `Cold start (anvil + migrations + wrangler dev to first 200 on /healthz): ${(coldStartMs / 1000).toFixed(1)} s`,
  '',
  '## API on loopback (wrk: 2 threads, 8 connections, 5 s per route, wrangler dev)',
  '',
  '| route | req/s | p50 ms | p99 ms | req/s vs no-op | non-2xx |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...routes.map((r) => `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${(r.rps / baseline).toFixed(2)} | ${r.non2xx} |`),
  '',
  `## What a request waits for (one warm request; implied latency at ${D1_MS} ms per sequential D1 round trip and ${KV_MS} ms per KV read)`,
  '',
  'Counted by the worker itself (`paylink-usage`, edge/src/platform/meter.rs), up to the answer; what runs after it (webhook deliveries, cache writes) is not waited for.',
  '',
  '| route | D1 round trips (sequential) | budget | D1 calls | statements | KV reads | KV writes | fetches | implied ms |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...usage.map(({ route, budget, usage: u }) => `| ${route} | ${u.d1_sequential}${u.d1_sequential > budget ? ' (over)' : ''} | ≤ ${budget} | ${u.d1} | ${u.statements} | ${u.kv_reads} | ${u.kv_writes} | ${u.fetches} | ${impliedMs(u)} |`),
  '',
  '## Lists: first page and a deep cursor page (limit=100, median of 30)',
  '',
  '| links of the merchant | first page ms | page from the middle ms |',
  '| ---: | ---: | ---: |',
  ...lists.map((l) => `| ${l.links} | ${l.firstMs.toFixed(1)} | ${l.deepMs.toFixed(1)} |`),
  '',
  '## Pay page: navigation to an interactive amount field (headless Chromium, median of 20)',
  '',
  `Pay page (Leptos, link inlined in the HTML by the worker): ${pages.payPageMs.toFixed(0)} ms; the same content as static HTML: ${pages.staticMs.toFixed(0)} ms; ratio ${(pages.payPageMs / pages.staticMs).toFixed(2)}.`,
  '',
  '## Chain watcher (one cron tick against anvil; half ETH, half USDC sessions; 30 new blocks before each tick, a minute of Base, for the block scan)',
  '',
  'Requests are HTTP requests to the node; calls are JSON-RPC calls inside them (batched).',
  '',
  'D1 and RPC rounds are the tick\'s own count (its log line): round trips that waited for the one before. Budget at 400 sessions: ≤ 4 D1 round trips, ≤ 2 RPC rounds.',
  '',
  '| open sessions | checked | HTTP requests | JSON-RPC calls | RPC rounds | D1 round trips (sequential) | D1 calls | tick ms |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...watcher.map((w) => `| ${w.open} | ${w.checked} | ${w.requests} | ${w.calls} | ${w.usage.fetch_sequential} | ${w.usage.d1_sequential} | ${w.usage.d1} | ${w.ms.toFixed(0)} |`),
  '',
  `## Payout sweeps (gas per swept address: one deployAndFlush of ${sweeps.batch} counterfactual forwarders, anvil)`,
  '',
  '| asset | gas per address |',
  '| --- | ---: |',
  `| ETH | ${sweeps.eth.toFixed(0)} |`,
  `| USDC (ERC-20) | ${sweeps.usdc.toFixed(0)} |`,
  '',
  '',
];
writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), lines.join('\n'));
console.log(lines.join('\n'));
