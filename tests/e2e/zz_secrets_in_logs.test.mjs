// Runs last (files run in name order): no API key, webhook secret or payer data in any log of
// the run. Request lines are logged, so a key or an email would show up here the day someone
// logs a header, a body or an answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS } from '../harness/paths.mjs';
import { EMAIL_SHAPE, PAYER, PHONE_SHAPE, withoutLinkQueries } from '../harness/payer.mjs';

const SECRET_SHAPES = [
  /\b[sr]k_(test|live)_[0-9a-f]{48}\b/, // API keys
  /\bwhsec_[A-Za-z0-9+/]{32,}={0,2}/, // webhook signing secrets (24+ key bytes)
];

/** Payer data: emails and phone numbers as customers type them (see tests/harness/payer.mjs). */
const PAYER_SHAPES = [EMAIL_SHAPE, PHONE_SHAPE];

function logFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? logFiles(path) : path.endsWith('.log') ? [path] : [];
  });
}

/** The first line of `text` matching `shape`, or null. */
function firstMatch(text, shape) {
  return text.split('\n').map(withoutLinkQueries).find((line) => shape.test(line)) ?? null;
}

test('no log of the e2e run holds an API key, a webhook secret, an email or a phone number', () => {
  const files = logFiles(join(ARTIFACTS, 'logs'));
  const wrangler = files.filter((f) => f.endsWith('wrangler.log'));
  assert.ok(wrangler.length >= 5, `the run's worker logs are there (${wrangler.length})`);
  assert.ok(wrangler.some((f) => readFileSync(f, 'utf8').includes('/v1/payment_links')), 'requests were logged');
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const shape of SECRET_SHAPES) {
      const found = text.match(shape);
      assert.equal(found, null, `${file} holds a secret-shaped string (${shape})`);
    }
    for (const shape of PAYER_SHAPES) {
      const line = firstMatch(text, shape);
      assert.equal(line, null, `${file} holds payer data (${shape}): ${line}`);
    }
  }
});

test('the secret shapes do match real keys and secrets', () => {
  assert.match(`Bearer sk_test_${'ab'.repeat(24)}`, SECRET_SHAPES[0]);
  assert.match('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', SECRET_SHAPES[1]);
});

test('the payer shapes match every email and phone number the run sends, as typed and in a URL', () => {
  for (const email of [PAYER.email, PAYER.otherEmail, 'ada@example.com', 'ana@shop.example']) {
    assert.match(`customer_email=${email}`, EMAIL_SHAPE, email);
    assert.match(`?e=${encodeURIComponent(email)}`, EMAIL_SHAPE, `${email}, encoded`);
  }
  for (const phone of [PAYER.phone, PAYER.otherPhone, '+442079460958', '+1.555.010.4477']) {
    assert.match(`"phone":"${phone}"`, PHONE_SHAPE, phone);
    assert.match(`phone=${encodeURIComponent(phone)}`, PHONE_SHAPE, `${phone}, encoded`);
  }
});

test('the payer shapes flag no ordinary log line', () => {
  const ordinary = [
    '[wrangler:info] POST /v1/public/links/shirt-1a2b3c/sessions 201 Created (123ms)',
    '[wrangler:info] GET /__scheduled?cron=*+*+*+*+* 200 OK (41ms)',
    'npm warn exec The following package was not found and will be installed: wrangler@4.86.0',
    'Using @cloudflare/workerd-linux-64 1.20260426.0 (+12ms)',
    'scheduled: tick for * * * * * at 1780000000',
    'scheduled: erased the payer data of 3 sessions',
    '    Transaction: 0x5f8c3b1d9e2a47f6b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3',
    '    Block Number: 1234567',
    '    Gas used: 21000',
    'eth_sendTransaction value 0xde0b6b3a7640000 (+1000000000000000000 wei)',
    '2026-12-01T10:00:00.000Z +0000 amount 29.97 EUR',
    'Listening on 127.0.0.1:8787',
  ];
  for (const line of ordinary) {
    for (const shape of PAYER_SHAPES) assert.doesNotMatch(line, shape, line);
  }
  // A link's own URL may carry the prefill the merchant put there: its query is not scanned.
  const prefilled = `[wrangler:info] GET /l/tasting-1a2b3c?prefilled_email=${encodeURIComponent(PAYER.email)} 200 OK`;
  assert.match(prefilled, EMAIL_SHAPE);
  assert.equal(firstMatch(prefilled, EMAIL_SHAPE), null);
  assert.notEqual(firstMatch(`POST /v1/x ${PAYER.email}`, EMAIL_SHAPE), null, 'anywhere else it is');
});
