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
import { benchPayPage } from './pages.mjs';
import { benchWatcher } from './watcher.mjs';

const kb = (bytes) => (bytes / 1024).toFixed(1);

function sizes() {
  const dist = join(ROOT, 'dist');
  const pick = (suffix) => readdirSync(dist).filter((f) => f.endsWith(suffix)).map((f) => join(dist, f));
  const rows = [
    ['pay page wasm', pick('.wasm')],
    ['pay page JS glue', pick('.js')],
    ['pay page CSS', pick('.css')],
    ['worker wasm', [join(ROOT, 'edge', 'build', 'index_bg.wasm')]],
  ];
  return rows.map(([name, files]) => {
    const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
    const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli };
  });
}

/** Sends `total` requests with `concurrency` in flight; returns requests/s and latency quantiles. */
async function load(send, { total = 600, concurrency = 8 } = {}) {
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) {
      next += 1;
      const t0 = performance.now();
      const response = await send();
      await response.arrayBuffer();
      if (response.status >= 500) throw new Error(`bench request answered ${response.status}`);
      latencies.push(performance.now() - t0);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return { rps: latencies.length / seconds, p50: q(0.5), p99: q(0.99) };
}

const started = performance.now();
const stack = await startStack({ name: 'bench', vars: { RATE_LIMIT_PER_MINUTE: '1000000' } });
const coldStartMs = performance.now() - started;
let routes;
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
  const targets = [
    ['no-op (404, no I/O)', () => fetch(`${stack.baseUrl}/v1/no-such-route`)],
    ['GET /v1/public/links/{slug}', () => fetch(`${stack.baseUrl}/v1/public/links/${link.slug}`)],
    ['POST /v1/public/links/{slug}/sessions', () => fetch(`${stack.baseUrl}/v1/public/links/${link.slug}/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"asset":"ETH"}' })],
    ['POST /v1/payment_links', () => fetch(`${stack.baseUrl}/v1/payment_links`, { method: 'POST', headers: post, body: JSON.stringify(body) })],
    ['GET /v1/payment_links?limit=100', () => fetch(`${stack.baseUrl}/v1/payment_links?limit=100`, { headers: auth })],
  ];
  await load(targets[0][1], { total: 100 }); // warm-up
  routes = [];
  for (const [name, send] of targets) routes.push({ name, ...(await load(send)) });
  pages = await benchPayPage(stack);
  lists = await benchLists(stack);
} finally {
  await stack.stop();
}

const watcher = await benchWatcher();

const baseline = routes[0].rps;
const commit = execSync('git describe --always --dirty --abbrev=12 --exclude=*', { cwd: ROOT }).toString().trim();
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`;
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
  ...sizes().map((s) => `| ${s.name} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |`),
  '',
  '## Local stack',
  '',
  `Cold start (anvil + migrations + wrangler dev to first 200 on /healthz): ${(coldStartMs / 1000).toFixed(1)} s`,
  '',
  '## API on loopback (600 requests, 8 in flight, wrangler dev)',
  '',
  '| route | req/s | p50 ms | p99 ms | req/s vs no-op |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...routes.map((r) => `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${(r.rps / baseline).toFixed(2)} |`),
  '',
  '## Lists: first page and a deep cursor page (limit=100, median of 30)',
  '',
  '| links of the merchant | first page ms | page from the middle ms |',
  '| ---: | ---: | ---: |',
  ...lists.map((l) => `| ${l.links} | ${l.firstMs.toFixed(1)} | ${l.deepMs.toFixed(1)} |`),
  '',
  '## Pay page: navigation to an interactive amount field (headless Chromium, median of 20)',
  '',
  `Pay page (Leptos, link fetched from the API): ${pages.payPageMs.toFixed(0)} ms; the same content as static HTML: ${pages.staticMs.toFixed(0)} ms; ratio ${(pages.payPageMs / pages.staticMs).toFixed(2)}.`,
  '',
  '## Chain watcher (one cron tick against anvil; half ETH, half USDC sessions)',
  '',
  'Requests are HTTP requests to the node; calls are JSON-RPC calls inside them (batched).',
  '',
  '| open sessions | checked | HTTP requests | JSON-RPC calls | tick ms |',
  '| ---: | ---: | ---: | ---: | ---: |',
  ...watcher.map((w) => `| ${w.open} | ${w.checked} | ${w.requests} | ${w.calls} | ${w.ms.toFixed(0)} |`),
  '',
  'Not measured yet: a load tool other than this bounded Node loop (wrk or oha).',
  '',
];
writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), lines.join('\n'));
console.log(lines.join('\n'));
