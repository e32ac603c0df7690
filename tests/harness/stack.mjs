// The local stack (anvil + wrangler dev with local D1 and KV) on free loopback ports.
// Used by the e2e tests and by `cargo xtask dev`, so both run the same thing.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { rpc, startAnvil, waitForReceipt } from './chain.mjs';
import { USDC, deployToken } from './token.mjs';
import { ARTIFACTS, ROOT, WRANGLER, WRANGLER_ENV } from './paths.mjs';
import { freePort, runToEnd, start, waitFor } from './processes.mjs';

/**
 * What a local stack runs with unless a test says otherwise: fixed prices (no exchange is
 * reachable here) and short timings. Tests compute expected amounts from these rates.
 */
export const LOCAL_VARS = {
  // Tests and benchmarks open many sessions from one address; the limit has its own test.
  PUBLIC_SESSIONS_PER_MINUTE: '1000000',
  PRICE_SOURCES: 'fixed',
  // Every answer says what it cost in D1, KV and fetches (edge/src/platform/meter.rs).
  USAGE_HEADER: 'on',
  PRICES_FIXED: 'ETH/USD=3000.00, ETH/EUR=2750.00, USDC/USD=1, USDC/EUR=0.92, EURC/EUR=1, EURC/USD=1.08',
};

/** Where the deterministic deployment proxy puts contracts/build/ForwarderFactory.bin. */
export const FACTORY = '0x3D008ec20519c06B1A04527a09362d18E938CFbD';
const PROXY = '0x4e59b44847b379578588920cA78FbF26c0B4956C';
/** anvil's last dev account: deploying from it leaves account 0's nonces (and so the test
 * token's address) as they were. */
const DEPLOYER = '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720';

/**
 * Puts payout mode's factory on the local chain as `cargo xtask deploy-factory` does: the
 * committed bytecode through the proxy with salt 0, so it lands at the canonical address.
 */
export async function deployFactory(rpcUrl) {
  const code = await rpc(rpcUrl, 'eth_getCode', [FACTORY, 'latest']);
  if (code !== '0x') return FACTORY;
  const bytecode = readFileSync(join(ROOT, 'contracts', 'build', 'ForwarderFactory.bin'), 'utf8').trim();
  const data = `0x${'00'.repeat(32)}${bytecode}`;
  const hash = await rpc(rpcUrl, 'eth_sendTransaction', [{ from: DEPLOYER, to: PROXY, data, gas: '0x2dc6c0' }]);
  await waitForReceipt(rpcUrl, hash);
  if ((await rpc(rpcUrl, 'eth_getCode', [FACTORY, 'latest'])) === '0x') throw new Error('the factory did not deploy');
  return FACTORY;
}

/** Applies the D1 migrations to the local database kept in `persistDir`. */
export async function migrate(persistDir, logDir) {
  await runToEnd(WRANGLER, ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistDir], {
    cwd: ROOT,
    env: { ...WRANGLER_ENV, CI: 'true' },
    logFile: join(logDir, 'migrations.log'),
  });
}

/** Runs `sql` on the local D1 database in `persistDir`; returns the result rows. */
export async function d1(persistDir, sql) {
  const output = await runToEnd(
    WRANGLER,
    ['d1', 'execute', 'DB', '--local', '--persist-to', persistDir, '--json', '--command', sql],
    { cwd: ROOT, env: { ...WRANGLER_ENV, CI: 'true' }, logFile: join(ARTIFACTS, 'logs', 'd1-execute.log') },
  );
  const parsed = JSON.parse(output.slice(output.indexOf('[')));
  return parsed.flatMap((statement) => statement.results ?? []);
}

/**
 * Starts anvil and `wrangler dev` with fresh state (unless `persistDir` is given and kept).
 * The worker gets a random ADMIN_TOKEN unless one is passed.
 * Returns { baseUrl, rpcUrl, adminToken, logDir, persistDir, workerOutput(), stop() }.
 */
export async function startStack({
  name = 'stack',
  port,
  anvilPort,
  persistDir,
  fresh = true,
  vars = {},
  adminToken = randomBytes(24).toString('hex'),
} = {}) {
  const logDir = join(ARTIFACTS, 'logs', `${name}-${process.pid}`);
  mkdirSync(logDir, { recursive: true });
  const state = persistDir ?? join(ROOT, '.paylink', 'test-state', `${name}-${process.pid}`);
  if (fresh) rmSync(state, { recursive: true, force: true });
  mkdirSync(state, { recursive: true });

  const anvil = await startAnvil({ logDir, port: anvilPort });
  try {
    // The test USDC, deployed before the worker starts so its address is configuration.
    const usdc = await deployToken(anvil.url, USDC);
    await deployFactory(anvil.url);
    await migrate(state, logDir);
    const workerPort = port ?? (await freePort());
    const args = [
      'dev',
      '--ip', '127.0.0.1',
      '--port', String(workerPort),
      '--inspector-port', String(await freePort()),
      '--persist-to', state,
      '--test-scheduled',
      '--show-interactive-dev-session=false',
      // 'log' (not 'info'): the worker's console.log lines, a cron tick's counts among them.
      '--log-level', 'log',
      '--var', `ADMIN_TOKEN:${adminToken}`,
    ];
    const defaults = { ...LOCAL_VARS, RPC_URL_ANVIL: anvil.url, TOKEN_USDC_ANVIL: usdc.address };
    for (const [key, value] of Object.entries({ ...defaults, ...vars })) args.push('--var', `${key}:${value}`);
    const baseUrl = `http://127.0.0.1:${workerPort}`;
    let restarts = 0;
    const launch = async () => {
      const suffix = restarts === 0 ? '' : `-${restarts}`;
      const proc = start(WRANGLER, args, {
        cwd: ROOT,
        env: WRANGLER_ENV,
        logFile: join(logDir, `wrangler${suffix}.log`),
      });
      try {
        await waitFor('wrangler dev', async () => (await fetch(`${baseUrl}/healthz`)).status === 200, {
          timeoutMs: 120000,
          alive: () => proc.child.exitCode === null,
        });
      } catch (error) {
        await proc.stop();
        throw new Error(`${error.message}\n--- wrangler output ---\n${proc.output()}`);
      }
      return proc;
    };
    let worker = await launch();
    return {
      baseUrl,
      rpcUrl: anvil.url,
      tokens: { USDC: usdc.address },
      factory: FACTORY,
      adminToken,
      logDir,
      persistDir: state,
      workerOutput: () => worker.output(),
      /** Stops wrangler dev (not anvil) and starts it again on the same port and state. */
      async restartWorker({ between } = {}) {
        await worker.stop();
        if (between) await between();
        restarts += 1;
        worker = await launch();
      },
      async stop() {
        await worker.stop();
        await anvil.stop();
        // A throwaway test database goes with its stack; logs stay in tests/artifacts.
        if (!persistDir) rmSync(state, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}
