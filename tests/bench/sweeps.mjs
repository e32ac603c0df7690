// Gas of sweeping payout-mode deposits: one `deployAndFlush` of 10 counterfactual forwarders
// holding ETH, and one holding USDC, on the bench stack's anvil (the stack deploys the factory).
import { randomBytes } from 'node:crypto';
import { DEV_ACCOUNT } from '../harness/chain.mjs';
import { FACTORY, cast, deployAndFlush, pay, predict } from '../harness/forwarder.mjs';
import { mint } from '../harness/token.mjs';

const BATCH = 10;
const fresh = (bytes) => `0x${randomBytes(bytes).toString('hex')}`;

/** Gas per swept address for ETH and for USDC, deployed and flushed in batches of 10. */
export async function benchSweeps(stack) {
  const sweep = async (fund, tokens) => {
    const payout = cast('to-check-sum-address', fresh(20));
    const salts = Array.from({ length: BATCH }, () => fresh(32));
    const addresses = await Promise.all(salts.map((s) => predict(stack.rpcUrl, FACTORY, payout, s)));
    for (const address of addresses) await fund(address);
    const receipt = await deployAndFlush(stack.rpcUrl, payout, salts, tokens);
    return Number(receipt.gasUsed) / BATCH;
  };
  const eth = await sweep((to) => pay(stack.rpcUrl, to, 10n ** 15n), []);
  const usdc = await sweep((to) => mint(stack.rpcUrl, stack.tokens.USDC, to, 12_345_678n, { from: DEV_ACCOUNT }), [stack.tokens.USDC]);
  return { batch: BATCH, eth, usdc };
}
