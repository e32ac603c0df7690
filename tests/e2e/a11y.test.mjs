// Accessibility: axe-core (through @axe-core/playwright) over the pay page's states and the open
// embed modal, in Chromium against the real worker and anvil. No serious or critical violation.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import AxeBuilder from '@axe-core/playwright';
import { call, createMerchant } from '../harness/api.mjs';
import { launchBrowser, screenshot } from '../harness/browser.mjs';
import { DEV_ACCOUNT, rpc, waitForReceipt } from '../harness/chain.mjs';
import { ANVIL_MNEMONIC, accountXpub } from '../harness/hd.mjs';
import { startStack } from '../harness/stack.mjs';

/** The serious and critical violations axe finds on `page` (its frames included), summarised. */
async function violations(page) {
  const { violations: found } = await new AxeBuilder({ page }).analyze();
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('accessibility of the pay page and the embed', () => {
  let stack;
  let browser;
  let shop;
  const api = (method, path, body) => call(stack.baseUrl, method, path, { token: shop.testKey, body });

  before(async () => {
    stack = await startStack({ name: 'a11y' });
    shop = await createMerchant(stack, 'Demo Roasters');
    await api('PATCH', '/v1/account', { checkout: { deposit_xpub: accountXpub(ANVIL_MNEMONIC, 9) } });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** A fresh context's page (axe needs one made by `newContext`) at `path`. */
  async function open(path, viewport = { width: 1280, height: 900 }) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}${path}`);
    return { page, context };
  }

  test('a link not found, an inactive link and a custom amount refused', async () => {
    const { page, context } = await open('/l/no-such-link');
    await page.getByRole('heading', { name: 'Payment link not found' }).waitFor({ timeout: 15000 });
    assert.deepEqual(await violations(page), [], 'not found');
    const inactive = (await api('POST', '/v1/payment_links', {
      title: 'Gift card', type: 'custom', currency: 'EUR', assets: ['EURC'], chain: 'anvil',
      active: false, inactive_message: 'Closed for the holidays',
    })).body;
    await page.goto(`${stack.baseUrl}/l/${inactive.slug}`);
    await page.getByRole('alert').waitFor({ timeout: 15000 });
    assert.deepEqual(await violations(page), [], 'inactive');
    const custom = (await api('POST', '/v1/payment_links', {
      title: 'Leave a tip', type: 'custom', currency: 'EUR', assets: ['ETH', 'EURC'], chain: 'anvil',
      custom_amount: { minimum: '1', maximum: '200' }, cancel_url: 'https://shop.example/cart',
    })).body;
    await page.goto(`${stack.baseUrl}/l/${custom.slug}`);
    const field = page.getByLabel('Amount in EUR');
    await field.waitFor({ timeout: 15000 });
    await field.fill('250');
    await page.locator('#amount-help').filter({ hasText: 'The maximum is 200.00 EUR.' }).waitFor({ timeout: 5000 });
    assert.deepEqual(await violations(page), [], 'custom amount refused');
    await context.close();
  });

  test('choosing, the quote, and paid, on a desktop and on a phone', async () => {
    const link = (await api('POST', '/v1/payment_links', {
      title: 'House blend', type: 'fixed', amount: '12.5', currency: 'USD', assets: ['ETH', 'USDC'],
      chain: 'anvil', cancel_url: 'https://shop.example/cart',
    })).body;
    for (const viewport of [{ width: 1280, height: 900 }, { width: 375, height: 667 }]) {
      const { page, context } = await open(`/l/${link.slug}`, viewport);
      await page.getByRole('button', { name: 'Continue' }).waitFor({ timeout: 15000 });
      assert.deepEqual(await violations(page), [], `choose at ${viewport.width}`);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.locator('#quote-shown').waitFor({ timeout: 15000 });
      await page.getByText('Exact amount').click();
      assert.deepEqual(await violations(page), [], `quote at ${viewport.width}`);
      if (viewport.width === 375) {
        const address = await page.locator('#deposit-address').innerText();
        const hash = await rpc(stack.rpcUrl, 'eth_sendTransaction', [{ from: DEV_ACCOUNT, to: address, value: `0x${(4166666666666667n).toString(16)}` }]);
        await waitForReceipt(stack.rpcUrl, hash);
        await rpc(stack.rpcUrl, 'anvil_mine', ['0x2']);
        await page.locator('#session-status').filter({ hasText: 'Payment received' }).waitFor({ timeout: 20000 });
        assert.deepEqual(await violations(page), [], 'paid');
        await screenshot(page, 'a11y-paid-phone');
      }
      await context.close();
    }
  });

  test('the open embed modal on a shop page', async () => {
    const made = await api('POST', '/v1/payment_links', {
      title: 'Beans', type: 'fixed', amount: '12.5', currency: 'USD', assets: ['ETH'], chain: 'anvil',
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const link = made.body;
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head>
<body><main><h1>Bean Shop</h1><script src="${stack.baseUrl}/embed.js" data-link="${link.slug}" data-show-price></script></main></body></html>`;
    const server = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`http://127.0.0.1:${server.address().port}/`);
      await page.getByRole('button', { name: /Pay with crypto/ }).click();
      await page.frameLocator('iframe').getByRole('button', { name: 'Continue' }).waitFor({ timeout: 15000 })
        .catch(async (e) => {
          // What the frame showed instead, so a failure in CI says more than a timeout.
          const framed = page.frames().find((f) => f !== page.mainFrame());
          const text = framed ? await framed.locator('body').innerText().catch((r) => `unreadable: ${r}`) : 'no frame';
          await screenshot(page, 'a11y-embed-modal-failed');
          throw new Error(`${e.message}\nframe ${framed?.url()}: ${text}`);
        });
      assert.deepEqual(await violations(page), [], 'open modal');
      await screenshot(page, 'a11y-embed-modal');
    } finally {
      await context.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
