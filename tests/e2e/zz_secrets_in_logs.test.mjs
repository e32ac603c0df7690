// Runs last (files run in name order): no API key or webhook secret in any log of the run.
// Request lines are logged, so a key would show up here the day someone logs a header or body.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS } from '../harness/paths.mjs';

const SECRET_SHAPES = [
  /\b[sr]k_(test|live)_[0-9a-f]{48}\b/, // API keys
  /\bwhsec_[A-Za-z0-9+/]{32,}={0,2}/, // webhook signing secrets (24+ key bytes)
];

function logFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? logFiles(path) : path.endsWith('.log') ? [path] : [];
  });
}

test('no log of the e2e run holds an API key or a webhook secret', () => {
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
  }
});

test('the secret shapes do match real keys and secrets', () => {
  assert.match(`Bearer sk_test_${'ab'.repeat(24)}`, SECRET_SHAPES[0]);
  assert.match('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', SECRET_SHAPES[1]);
});
