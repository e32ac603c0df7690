// `cargo xtask dev` ends here: starts the stack on fixed ports and keeps it up until Ctrl-C.
import { join } from 'node:path';
import { startStack } from './stack.mjs';
import { STATE } from './paths.mjs';

const port = Number(process.env.PAYLINK_PORT ?? 8787);
const anvilPort = Number(process.env.ANVIL_PORT ?? 8545);

const stack = await startStack({
  name: 'dev',
  port,
  anvilPort,
  persistDir: join(STATE, 'dev-state'),
  fresh: false,
});

console.log(`
Paylink is running (Ctrl-C stops everything):

  API health   ${stack.baseUrl}/healthz
  Pay page     ${stack.baseUrl}/l/demo
  Local chain  ${stack.rpcUrl}  (anvil, chain id 31337)
  Cron tick    ${stack.baseUrl}/__scheduled?cron=*+*+*+*+*
  Logs         ${stack.logDir}
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
