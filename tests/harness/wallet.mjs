// An EIP-1193 browser wallet as an extension would inject it, for pages that pay or sweep
// from one: accounts and chain switching answered in the page, every other method
// (eth_chainId, eth_sendTransaction, ...) forwarded to anvil through the test, where anvil
// signs for its dev account. Every request is recorded in `window.__walletCalls`.
import { DEV_ACCOUNT, rpc } from './chain.mjs';

/**
 * Adds the wallet to every document `page` opens from now on. Options, to play a wallet
 * that is not simply willing:
 * - `chainId`: the chain the wallet is on (`0x` hex); by default anvil's own answer.
 * - `refuse`: `{ method: { code, message } }`, methods the wallet answers with that EIP-1193
 *   error instead (4001 the user cancelled, 4902 an unknown chain), before anything reaches
 *   anvil.
 * - `overrides`: fields the wallet puts over what the page asks to send (a wallet that sets
 *   its own gas limit, say).
 */
export async function injectWallet(page, rpcUrl, { account = DEV_ACCOUNT, chainId, refuse = {}, overrides = {} } = {}) {
  await page.exposeFunction('__anvil', (method, params) => rpc(rpcUrl, method, params));
  await page.addInitScript(({ account, chainId, refuse, overrides }) => {
    window.__walletCalls = [];
    window.ethereum = {
      async request({ method, params = [] }) {
        window.__walletCalls.push({ method, params });
        const refused = refuse[method];
        if (refused) throw Object.assign(new Error(refused.message), { code: refused.code });
        if (method === 'eth_requestAccounts' || method === 'eth_accounts') return [account];
        if (method === 'eth_chainId' && chainId) return chainId;
        if (method === 'wallet_switchEthereumChain') return null;
        if (method === 'eth_sendTransaction') return window.__anvil(method, [{ ...params[0], ...overrides }]);
        return window.__anvil(method, params);
      },
    };
  }, { account, chainId: chainId ?? null, refuse, overrides });
}

/** The methods the page asked the wallet for, in order. */
export async function walletMethods(page) {
  return page.evaluate(() => window.__walletCalls.map((c) => c.method));
}

/** The EIP-1193 error of a user who said no in the wallet. */
export const USER_REJECTED = { code: 4001, message: 'User rejected the request.' };
/** The EIP-3326 error of a wallet that does not know the chain it is asked to switch to. */
export const UNKNOWN_CHAIN = { code: 4902, message: 'Unrecognized chain ID.' };
