// Fuzzing the API from its own OpenAPI document with schemathesis: no 5xx, no response that
// breaks the document, auth enforced, undeclared methods refused. Its stateful phase follows
// the document's links from each create to the reads, updates and deletes of what it made, so
// whatever a create or update accepts is read back by every operation that shows it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { call, createMerchant } from '../harness/api.mjs';
import { ANVIL_MNEMONIC, accountXpub } from '../harness/hd.mjs';
import { ARTIFACTS, SCHEMATHESIS } from '../harness/paths.mjs';
import { startStack } from '../harness/stack.mjs';

// Bounded so the suite stays fast; the seed makes a failure reproducible.
const EXAMPLES = '30';
const SEED = '20261124';
const PHASES = 'examples,coverage,fuzzing,stateful';
const CONFIG = join(dirname(fileURLToPath(import.meta.url)), 'fuzz.schemathesis.toml');

/**
 * Runs schemathesis against the stack with `token`, on the operations `pathFilter` selects.
 * Every check runs except positive_data_acceptance: requests that fit the schema but break a
 * rule the schema cannot state (an empty title, a reused Idempotency-Key) are rightly refused.
 */
function fuzz(stack, name, token, pathFilter) {
  const dir = join(ARTIFACTS, 'fuzz');
  mkdirSync(dir, { recursive: true });
  const log = createWriteStream(join(dir, `${name}.log`));
  const args = [
    '--config-file', CONFIG,
    'run', `${stack.baseUrl}/v1/openapi.json`, '--url', stack.baseUrl,
    '-H', `Authorization: Bearer ${token}`, ...pathFilter,
    '-n', EXAMPLES, '--seed', SEED, '--phases', PHASES, '--continue-on-failure',
    '--checks', 'all', '--exclude-checks', 'positive_data_acceptance',
  ];
  return new Promise((resolve, reject) => {
    // Run inside the artifacts folder: schemathesis keeps its example database in the cwd.
    const child = spawn(SCHEMATHESIS, args, { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk) => {
        output += chunk;
        log.write(chunk);
      });
    }
    child.on('error', reject);
    child.on('exit', (code) => log.end(() => resolve({ code, output })));
  });
}

describe('schemathesis against /v1/openapi.json', () => {
  let stack;
  let shop;
  before(async () => {
    // Thousands of cases from one key: the limit is tested in rate_limits.test.mjs, and here
    // it would turn the stateful phase into 429s once the document passed ~35 operations.
    stack = await startStack({ name: 'fuzz', vars: { RATE_LIMIT_PER_MINUTE: '100000' } });
    shop = await createMerchant(stack, 'Fuzzed');
    // A wallet, so the stateful phase's sessions on its links get past merchant_not_ready.
    await call(stack.baseUrl, 'PATCH', '/v1/account', {
      token: shop.testKey,
      body: { checkout: { deposit_xpub: accountXpub(ANVIL_MNEMONIC, 9) } },
    });
    // A few real objects, so operations on ids reach more than 404s.
    await call(stack.baseUrl, 'POST', '/v1/payment_links', {
      token: shop.testKey,
      body: { title: 'Seed', type: 'fixed', amount: '5', currency: 'USD', assets: ['ETH'], chain: 'anvil' },
    });
  });
  after(async () => {
    await stack?.stop();
  });

  test('merchant operations with a test key', async () => {
    const { code, output } = await fuzz(stack, 'merchant', shop.testKey, ['--exclude-path-regex', '^/v1/admin']);
    assert.match(output, /generated, \d+ passed/, output.slice(-3000));
    // The stateful phase ran and followed links from what the creates made.
    assert.match(output, /Stateful \(in/, output.slice(-3000));
    assert.match(output, /API Links: +[1-9]\d* covered/, output.slice(-3000));
    assert.equal(code, 0, output.slice(-6000));
  });

  test('admin operations with the admin token', async () => {
    const { code, output } = await fuzz(stack, 'admin', stack.adminToken, ['--include-path-regex', '^/v1/admin']);
    assert.match(output, /generated, \d+ passed/, output.slice(-3000));
    assert.equal(code, 0, output.slice(-6000));
  });

  test('the worker never answered 500 while being fuzzed', () => {
    assert.doesNotMatch(stack.workerOutput(), /internal error:/);
  });
});
