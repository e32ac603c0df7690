// The worker's HTTP surface on the real stack: health, the error shape, cron, the pay page route.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../harness/paths.mjs';
import { startStack } from '../harness/stack.mjs';

const cargoVersion = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8').match(/^version = "(.+)"$/m)[1];

describe('worker on wrangler dev', () => {
  let stack;
  before(async () => {
    stack = await startStack({ name: 'api' });
  });
  after(async () => {
    await stack?.stop();
  });

  test('GET /healthz answers 200 with the build version and D1 and KV ok', async () => {
    const response = await fetch(`${stack.baseUrl}/healthz`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /^application\/json/);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const health = await response.json();
    assert.equal(health.status, 'ok');
    assert.ok(health.version.startsWith(cargoVersion), health.version);
    assert.match(health.version, /\+[0-9a-f]{7,}(-dirty)?$/, 'the build names its commit');
    assert.equal(health.checks.d1.status, 'ok');
    assert.equal(health.checks.kv.status, 'ok');
    assert.equal(typeof health.checks.d1.latency_ms, 'number');
  });

  test('HEAD /healthz answers like GET but without a body', async () => {
    const response = await fetch(`${stack.baseUrl}/healthz`, { method: 'HEAD' });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /^application\/json/);
    assert.equal(await response.text(), '');
  });

  test('a cron tick is recorded in D1 and shown by /healthz', async () => {
    const before = await (await fetch(`${stack.baseUrl}/healthz`)).json();
    assert.equal(before.last_scheduled_at, null, 'fresh state has no tick');
    const tick = await fetch(`${stack.baseUrl}/__scheduled?cron=*+*+*+*+*`);
    assert.equal(tick.status, 200);
    const afterTick = await (await fetch(`${stack.baseUrl}/healthz`)).json();
    const now = Math.floor(Date.now() / 1000);
    assert.ok(Math.abs(afterTick.last_scheduled_at - now) < 60, JSON.stringify(afterTick));
  });

  test('an unknown API path answers 404 in the documented error shape', async () => {
    const response = await fetch(`${stack.baseUrl}/v1/no-such-thing`);
    assert.equal(response.status, 404);
    assert.match(response.headers.get('content-type'), /^application\/json/);
    assert.deepEqual(await response.json(), {
      error: {
        type: 'invalid_request_error',
        code: 'route_not_found',
        message: 'No route matches this path.',
      },
    });
  });

  test('a wrong method answers 405 with an Allow header and the error shape', async () => {
    const response = await fetch(`${stack.baseUrl}/healthz`, { method: 'POST', body: '{}' });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'GET, HEAD');
    const body = await response.json();
    assert.equal(body.error.code, 'method_not_allowed');
    assert.equal(body.error.type, 'invalid_request_error');
  });

  test('the pay page route serves the shell, with 404 for a malformed slug', async () => {
    const good = await fetch(`${stack.baseUrl}/l/demo-coffee`);
    assert.equal(good.status, 200);
    assert.match(good.headers.get('content-type'), /^text\/html/);
    const html = await good.text();
    // No link has this slug here: the shell says so in its title.
    assert.match(html, /<title>Payment link not found — Paylink<\/title>/);
    assert.match(html, /\.wasm/, 'the shell loads the widget');

    const bad = await fetch(`${stack.baseUrl}/l/Not_A_Slug`);
    assert.equal(bad.status, 404);
    assert.match(await bad.text(), /<title>Payment link not found — Paylink<\/title>/);
  });

  test('static assets are served without running the worker', async () => {
    const html = await (await fetch(`${stack.baseUrl}/l/demo-coffee`)).text();
    const script = html.match(/src="(\/[^"]+\.js)"|href="(\/[^"]+\.js)"/);
    assert.ok(script, 'the shell references its JS glue');
    const response = await fetch(`${stack.baseUrl}${script[1] ?? script[2]}`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /javascript/);
  });
});
