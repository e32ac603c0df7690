// `cargo xtask bench`: sizes of what ships, cold start, and API throughput on loopback.
// Prints a table and writes bench/RESULTS.md. Figures only: nothing here passes or fails.
import { execSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { call, createMerchant } from '../harness/api.mjs';
import { ROOT } from '../harness/paths.mjs';
import { ANVIL_MNEMONIC, accountXpub } from '../harness/hd.mjs';
import { startStack } from '../harness/stack.mjs';
import { benchLists } from './lists.mjs';
import { benchPayPage, removeStaticPage, writeStaticPage } from './pages.mjs';
import { benchSweeps } from './sweeps.mjs';
import { benchWatcher } from './watcher.mjs';
import { wrk } from './wrk.mjs';

const kb = (bytes) => (bytes / 1024).toFixed(1);

/** The merchant dashboard's bundle (dist/dashboard/): reported, without a budget. */
function dashboardRows() {
  const dir = join(ROOT, 'dist', 'dashboard');
  const pick = (suffix) => readdirSync(dir).filter((f) => f.endsWith(suffix)).map((f) => join(dir, f));
  return [
    ['dashboard wasm', pick('.wasm')],
    ['dashboard JS glue', pick('.js')],
    ['dashboard CSS', pick('.css')],
  ];
}

function sizes() {
  const dist = join(ROOT, 'dist');
  const pick = (suffix) => readdirSync(dist).filter((f) => f.endsWith(suffix)).map((f) => join(dist, f));
  const rows = [
    ['pay page wasm', pick('.wasm')],
    ['pay page JS glue', pick('.js').filter((f) => !f.endsWith('embed.js'))],
    ['pay page CSS', pick('.css')],
    ['embed loader', pick('embed.js')],
    ['worker wasm', [join(ROOT, 'edge', 'build', 'index_bg.wasm')]],
    ...dashboardRows(),
  ];
  return rows.map(([name, files]) => {
    const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
    const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli };
  });
}

writeStaticPage();
const started = performance.now();
const stack = await startStack({ name: 'bench', vars: { RATE_LIMIT_PER_MINUTE: '1000000' } });
const coldStartMs = performance.now() - started;
let routes;
let sweeps;
let lists;
let pages;
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
  lists = await benchLists(stack);
  sweeps = await benchSweeps(stack);
} finally {
  await stack.stop();
  removeStaticPage();
}

const watcher = await benchWatcher();

const shipped = sizes();
const brotliOf = (name) => shipped.find((s) => s.name === name).brotli;
const payPageBrotli = brotliOf('pay page wasm') + brotliOf('pay page JS glue') + brotliOf('pay page CSS');
const embedBrotli = brotliOf('embed loader');
const dashboardBrotli = brotliOf('dashboard wasm') + brotliOf('dashboard JS glue') + brotliOf('dashboard CSS');
const baseline = routes[0].rps;
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
  '## What ships (KiB)',
  '',
  '| artefact | raw | gzip | brotli |',
  '| --- | ---: | ---: | ---: |',
  ...shipped.map((s) => `| ${s.name} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |`),
  '',
  `Budgets (brotli): pay page wasm + JS + CSS ${kb(payPageBrotli)} KiB of 90 KB; embed loader ${kb(embedBrotli)} KiB of 3 KB.`,
  `The merchant dashboard (wasm + JS + CSS, brotli) is ${kb(dashboardBrotli)} KiB, with no budget: merchants load it once per session, and it is never on a customer's path.`,
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
  '| open sessions | checked | HTTP requests | JSON-RPC calls | tick ms |',
  '| ---: | ---: | ---: | ---: | ---: |',
  ...watcher.map((w) => `| ${w.open} | ${w.checked} | ${w.requests} | ${w.calls} | ${w.ms.toFixed(0)} |`),
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
