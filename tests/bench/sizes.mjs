// Sizes of what ships, and what the payer fields cost a page: the section "What ships" of
// bench/RESULTS.md. run.mjs writes it with everything else; run alone
// (`node tests/bench/sizes.mjs`, after `cargo xtask build`) it replaces only that section.
import { execSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { call, createMerchant } from '../harness/api.mjs';
import { ROOT } from '../harness/paths.mjs';

export const kb = (bytes) => (bytes / 1024).toFixed(1);
const brotli = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
/** The loaders the worker or a shop links by name; everything else `.js` is the page's glue. */
const NAMED_SCRIPTS = ['embed.js', 'payer.js'];

/**
 * The worker's wasm, gzip, as Cloudflare counts a Worker's size (3 MiB Free, 10 MiB Paid):
 * far below either, kept because every KiB is parsed on each cold start.
 */
export const WORKER_GZIP_BUDGET_KIB = 530;

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

/** Raw, gzip and brotli bytes of each artefact in dist/ and edge/build/. */
export function shippedSizes() {
  const dist = join(ROOT, 'dist');
  const pick = (test) => readdirSync(dist).filter(test).map((f) => join(dist, f));
  const rows = [
    ['pay page wasm', pick((f) => f.endsWith('.wasm'))],
    ['pay page JS glue', pick((f) => f.endsWith('.js') && !NAMED_SCRIPTS.includes(f))],
    ['pay page CSS', pick((f) => f.endsWith('.css'))],
    ['payer fields script (payer.js)', pick((f) => f === 'payer.js')],
    ['embed loader', pick((f) => f === 'embed.js')],
    ['worker wasm', [join(ROOT, 'edge', 'build', 'index_bg.wasm')]],
    ...dashboardRows(),
  ];
  return rows.map(([name, files]) => {
    const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
    return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli: brotli(bytes) };
  });
}

/** The full set of payer fields the bench prices: every detail, three custom fields, a quantity. */
export const FULL_FORM = {
  collect: {
    email: 'required', name: 'required', phone: 'optional',
    billing_address: 'required', shipping_address: 'optional', shipping_countries: ['DE', 'FR', 'NL'],
  },
  custom_fields: [
    { key: 'size', label: 'Size', type: 'dropdown', options: [{ value: 's', label: 'Small' }, { value: 'm', label: 'Medium' }, { value: 'l', label: 'Large' }] },
    { key: 'company', label: 'Company', type: 'text', optional: true, max_length: 80 },
    { key: 'member_no', label: 'Member number', type: 'numeric', min_length: 4, max_length: 10 },
  ],
  adjustable_quantity: { enabled: true, minimum: 1, maximum: 5 },
};

/** Raw and brotli bytes of `/l/{slug}` for a link with no field and one with `FULL_FORM`. */
export async function payerPageSizes(stack) {
  const shop = await createMerchant(stack, 'Size bench');
  const base = { title: 'Bench', type: 'fixed', amount: '9.99', currency: 'EUR', assets: ['ETH'], chain: 'anvil' };
  const page = async (extra) => {
    const link = (await call(stack.baseUrl, 'POST', '/v1/payment_links', { token: shop.testKey, body: { ...base, ...extra } })).body;
    const html = Buffer.from(await (await fetch(`${stack.baseUrl}/l/${link.slug}`)).arrayBuffer());
    return { raw: html.length, brotli: brotli(html) };
  };
  return { none: await page({}), full: await page(FULL_FORM) };
}

/** The lines of the section "What ships", from `shippedSizes()` and `payerPageSizes()`. */
export function sizeSection(shipped, pages) {
  const brotliOf = (name) => shipped.find((s) => s.name === name).brotli;
  const payPage = brotliOf('pay page wasm') + brotliOf('pay page JS glue') + brotliOf('pay page CSS');
  const workerGzip = shipped.find((s) => s.name === 'worker wasm').gzip;
  const lines = [
    '## What ships (KiB)',
    '',
    '| artefact | raw | gzip | brotli |',
    '| --- | ---: | ---: | ---: |',
    ...shipped.map((s) => `| ${s.name} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |`),
    '',
    `Budgets (brotli): pay page wasm + JS + CSS ${kb(payPage)} KiB of 90 KB; embed loader ${kb(brotliOf('embed loader'))} KiB of 3 KB.`,
    `Budget (gzip, as Cloudflare counts a Worker): worker wasm ${kb(workerGzip)} KiB of ${WORKER_GZIP_BUDGET_KIB} KiB${workerGzip > WORKER_GZIP_BUDGET_KIB * 1024 ? ' — OVER BUDGET' : ''}; shipped without its name section (the build keeps a named copy in edge/build/named/ for the profile below and for reading stack traces).`,
    `The merchant dashboard (wasm + JS + CSS, brotli) is ${kb(brotliOf('dashboard wasm') + brotliOf('dashboard JS glue') + brotliOf('dashboard CSS'))} KiB, with no budget: merchants load it once per session, and it is never on a customer's path.`,
  ];
  if (pages) {
    const extra = pages.full.brotli - pages.none.brotli + brotliOf('payer fields script (payer.js)');
    lines.push(
      '',
      'What the payer fields cost (brotli): the page\'s HTML (the shell as the worker answers `/l/{slug}`) '
        + `is ${pages.none.brotli} B with no field and ${pages.full.brotli} B with every detail, three custom fields and a quantity `
        + `(raw ${pages.none.raw} B and ${pages.full.raw} B); payer.js, linked only with fields, is ${brotliOf('payer fields script (payer.js)')} B. `
        + `With its HTML, a page without fields ships ${kb(payPage + pages.none.brotli)} KiB; with the full set ${kb(payPage + pages.none.brotli + extra)} KiB.`,
    );
  }
  return lines;
}

/** `markdown` with the section "What ships" replaced by `lines`. */
export function replaceSizeSection(markdown, lines) {
  const start = markdown.indexOf('## What ships');
  const end = markdown.indexOf('\n## ', start + 1);
  if (start < 0 || end < 0) throw new Error('bench/RESULTS.md has no section "What ships" to replace');
  return `${markdown.slice(0, start)}${lines.join('\n')}\n${markdown.slice(end)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { startStack } = await import('../harness/stack.mjs');
  const stack = await startStack({ name: 'bench-sizes' });
  let pages;
  try {
    pages = await payerPageSizes(stack);
  } finally {
    await stack.stop();
  }
  const path = join(ROOT, 'bench', 'RESULTS.md');
  const commit = execSync('git describe --always --dirty --abbrev=12 --exclude=*', { cwd: ROOT }).toString().trim();
  const lines = sizeSection(shippedSizes(), pages);
  // The header's date and commit are the full run's: say where this section comes from.
  lines.push('', `(This section alone: commit ${commit}, ${new Date().toISOString()}, \`cargo xtask bench --sizes\`.)`);
  writeFileSync(path, replaceSizeSection(readFileSync(path, 'utf8'), lines));
  console.log(lines.join('\n'));
}
