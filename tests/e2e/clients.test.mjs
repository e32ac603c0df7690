// Typed clients generated from the served OpenAPI document with the usual generators, used
// against the running worker: a Python client (openapi-python-client) and TypeScript types
// (openapi-typescript, checked by `tsc --strict`). Generated code lands in tests/artifacts/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMerchant } from '../harness/api.mjs';
import {
  ARTIFACTS, OPENAPI_PYTHON_CLIENT, OPENAPI_SPEC_VALIDATOR, OPENAPI_TYPESCRIPT, PYTHON, ROOT, TSC,
} from '../harness/paths.mjs';
import { runToEnd } from '../harness/processes.mjs';
import { startStack } from '../harness/stack.mjs';

const DIR = join(ARTIFACTS, 'clients');
const PROGRAMS = join(ROOT, 'tests', 'clients');
const LOG = join(DIR, 'tools.log');
const TSC_FLAGS = ['--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--lib', 'es2022,dom'];

/** Runs `command`, expecting it to fail; returns its output. */
async function failing(command, args, options) {
  try {
    await runToEnd(command, args, options);
  } catch (error) {
    return error.message;
  }
  throw new Error(`${command} ${args.join(' ')} succeeded but must fail`);
}

describe('clients generated from /v1/openapi.json', () => {
  let stack;
  let shop;
  const spec = join(DIR, 'openapi.json');
  before(async () => {
    rmSync(DIR, { recursive: true, force: true });
    mkdirSync(DIR, { recursive: true });
    stack = await startStack({ name: 'clients' });
    shop = await createMerchant(stack, 'Typed Shop');
    // The document as the worker serves it, not the build's copy.
    const response = await fetch(`${stack.baseUrl}/v1/openapi.json`);
    assert.equal(response.status, 200);
    writeFileSync(spec, await response.text());
  });
  after(async () => {
    await stack?.stop();
  });

  test('the served document is valid OpenAPI 3.1 (openapi-spec-validator)', async () => {
    const output = await runToEnd(OPENAPI_SPEC_VALIDATOR, [spec], { logFile: LOG });
    assert.match(output, /: OK/);
  });

  test('a Python client (openapi-python-client) creates, updates and lists links, and returns a 401 as the error object', async () => {
    const out = join(DIR, 'python');
    const config = join(DIR, 'python-client.json');
    // JSON is YAML; no post hooks (they would run ruff, which is not installed).
    writeFileSync(config, JSON.stringify({ package_name_override: 'paylink_client', post_hooks: [] }));
    const generated = await runToEnd(OPENAPI_PYTHON_CLIENT, [
      'generate', '--path', spec, '--config', config, '--meta', 'none',
      '--output-path', join(out, 'paylink_client'), '--overwrite',
    ], { logFile: LOG });
    // The generator says so when it skips a schema or an operation it cannot read.
    assert.doesNotMatch(generated, /Warning|Unable to/, generated);
    const printed = await runToEnd(PYTHON, [join(PROGRAMS, 'links.py')], {
      logFile: LOG,
      env: { PYTHONPATH: out, PAYLINK_URL: stack.baseUrl, PAYLINK_KEY: shop.testKey },
    });
    const seen = JSON.parse(printed.trim().split('\n').at(-1));
    assert.deepEqual(seen.created.assets, ['ETH', 'USDC']);
    assert.equal(seen.created.type, 'fixed');
    assert.equal(seen.created.chain, 'anvil');
    assert.equal(seen.created.description, 'Hot');
    assert.deepEqual(seen.updated, { title: 'Typed green tea', amount: '5.00', description: null, status: 'active', active: true });
    assert.ok(seen.listed.includes(seen.created.id), JSON.stringify(seen.listed));
    assert.deepEqual(seen.link_events, ['payment_link.created', 'payment_link.updated']);
    assert.deepEqual(seen.unauthorized, { status: 401, type: 'authentication_error', is_authentication_error: true, code: 'api_key_invalid' });
  });

  test('TypeScript types (openapi-typescript) express create, update, list and the 401 shape under tsc --strict', async () => {
    const out = join(DIR, 'ts');
    mkdirSync(out, { recursive: true });
    await runToEnd(OPENAPI_TYPESCRIPT, [spec, '--output', join(out, 'paylink.d.ts')], { logFile: LOG });
    for (const name of ['links.mts', 'refused.mts']) copyFileSync(join(PROGRAMS, name), join(out, name));
    await runToEnd(TSC, [...TSC_FLAGS, '--outDir', join(out, 'build'), join(out, 'links.mts')], { logFile: LOG, cwd: out });
    // The types refuse what the API refuses: each line of refused.mts is an error.
    const refused = await failing(TSC, [...TSC_FLAGS, '--noEmit', join(out, 'refused.mts')], { logFile: LOG, cwd: out });
    for (const line of [7, 8, 9]) assert.match(refused, new RegExp(`refused\\.mts\\(${line},`), refused);

    const printed = await runToEnd(process.execPath, [join(out, 'build', 'links.mjs'), stack.baseUrl, shop.testKey], { logFile: LOG });
    const seen = JSON.parse(printed.trim().split('\n').at(-1));
    assert.equal(seen.created.type, 'fixed');
    assert.deepEqual(seen.updated, { title: 'Typed green tea', amount: '5.00', description: null, status: 'active' });
    assert.ok(seen.listed.includes(seen.created.id));
    assert.deepEqual(seen.unauthorized, { type: 'authentication_error', code: 'api_key_invalid', advice: 'check the key' });
  });
});
