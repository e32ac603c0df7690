// `cargo xtask dev` ends here: starts the stack on fixed ports, seeds a demo merchant once, and
// keeps everything up until Ctrl-C.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { call, createMerchant } from './api.mjs';
import { ANVIL_MNEMONIC, accountXpub } from './hd.mjs';
import { STATE } from './paths.mjs';
import { startStack } from './stack.mjs';

const port = Number(process.env.PAYLINK_PORT ?? 8787);
const anvilPort = Number(process.env.ANVIL_PORT ?? 8545);
const persistDir = join(STATE, 'dev-state');
// Keys are shown once, so the seed's answer is kept beside the state it belongs to.
const seedFile = join(persistDir, 'demo-seed.json');

mkdirSync(persistDir, { recursive: true });
let seed = existsSync(seedFile) ? JSON.parse(readFileSync(seedFile, 'utf8')) : null;
const adminToken = seed?.adminToken ?? randomBytes(24).toString('hex');

const stack = await startStack({ name: 'dev', port, anvilPort, persistDir, fresh: false, adminToken });

if (!seed) {
  const demo = await createMerchant(stack, 'Demo Coffee Roasters');
  const link = await call(stack.baseUrl, 'POST', '/v1/payment_links', {
    token: demo.testKey,
    body: {
      slug: 'demo', title: 'House blend, 250 g', description: 'Freshly roasted this week.',
      type: 'fixed', amount: '12.50', currency: 'USD', assets: ['ETH', 'USDC'], chain: 'anvil',
    },
  });
  if (link.status !== 201) throw new Error(`seeding the demo link answered ${link.status}: ${JSON.stringify(link.body)}`);
  seed = { adminToken, merchantId: demo.merchant.id, testKey: demo.testKey, linkId: link.body.id };
  writeFileSync(seedFile, `${JSON.stringify(seed, null, 2)}\n`, { mode: 0o600 });
}

// The demo wallet: account 1' of anvil's mnemonic, whose addresses anvil does not pre-fund, so
// a session is paid only when someone pays it. Set on every start; the xpub is not secret.
const wallet = await call(stack.baseUrl, 'PATCH', '/v1/account', {
  token: seed.testKey,
  body: { checkout: { deposit_xpub: accountXpub(ANVIL_MNEMONIC, 1) } },
});
if (wallet.status !== 200) throw new Error(`setting the demo wallet answered ${wallet.status}: ${JSON.stringify(wallet.body)}`);

console.log(`
Paylink is running (Ctrl-C stops everything):

  API          ${stack.baseUrl}/v1   (try: curl -H "Authorization: Bearer $KEY" ${stack.baseUrl}/v1/account)
  API health   ${stack.baseUrl}/healthz
  Pay page     ${stack.baseUrl}/l/demo   (the demo link)
  Dashboard    ${stack.baseUrl}/dashboard/   (paste the test key below to sign in; it stays in that tab)
  Local chain  ${stack.rpcUrl}  (anvil, chain id 31337; test USDC at ${stack.tokens.USDC})
               pay a session: npx cast send --rpc-url ${stack.rpcUrl} --unlocked --from 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 <deposit address> --value <wei>
  Cron tick    ${stack.baseUrl}/__scheduled?cron=*+*+*+*+*
  Logs         ${stack.logDir}

  Demo merchant  ${seed.merchantId}   (demo link ${seed.linkId}, slug "demo")
  Test key       ${seed.testKey}
  Admin token    kept in ${seedFile}
`);

const shutdown = async () => {
  console.log('stopping…');
  await stack.stop();
  process.exit(0);
};
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
