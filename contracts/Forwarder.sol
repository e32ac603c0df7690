// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title A deposit address that can only ever pay its payout address.
/// @notice Deployed by `ForwarderFactory` with CREATE2; the payout address is a constructor
/// argument, so it is part of the init code and the deposit address commits to it. The payout
/// lives in the runtime code (an immutable): there is no storage, no owner, no upgrade path,
/// no delegatecall and no selfdestruct, so nothing can ever point the funds elsewhere.
///
/// The runtime is one fallback, with no ABI dispatcher, because every byte of it costs 200 gas
/// at each sweep (the code deposit is most of a deployment's cost):
/// - a call **with value** is a payment: accepted, nothing else runs, so after the address has
///   been swept once a plain payment costs 21 051 gas (measured), well within the 2300-gas
///   stipend of Solidity's `transfer` (only a sender that fixes the limit at exactly 21 000
///   would fail, and then its transaction reverts: nothing is lost but the fee);
/// - a call **without value** is a flush, open to anyone: the whole ETH balance, then the whole
///   balance of each token whose address is a 32-byte word of the calldata (left-padded, as
///   `abi.encodePacked(address[])` lays them out), go to the payout address.
///
/// A flush does not revert on a payout or token that refuses: what could not move stays here
/// for a later flush, and the rest still moves. Low-level calls skip a token that returns no
/// bool (USDT), returns false, has no code or reverts, and no return data is ever copied, so
/// neither a token nor the payout can make the caller pay for a huge answer. The one failure
/// that is not skipped is running out of gas: a call that failed with less than 1/64 of the gas
/// it was given left over (EIP-150 keeps that much back) reverts the flush, so a sweep sent
/// with too small a gas limit fails instead of "succeeding" with nothing moved, and
/// `eth_estimateGas` finds the limit at which every transfer goes through. So a token or payout
/// that burns all the gas it gets fails its own sweep (one payout per batch, see the factory). Balances are read at each
/// transfer, never cached, so a re-entrant call from the payout (the only account besides the
/// tokens that gets control here) finds nothing left to double-send, and it too can only send
/// to the payout.
contract Forwarder {
    address private immutable payout;

    /// @param payout_ where every flush sends the funds; the zero address would burn them.
    constructor(address payout_) {
        require(payout_ != address(0), "payout is zero");
        payout = payout_;
    }

    fallback() external payable {
        address to = payout;
        assembly {
            // A failed call with under 1/64 of its gas left ran out of gas: revert (see above).
            function outOfGas(ok, before) {
                if iszero(ok) { if lt(gas(), shr(6, before)) { revert(0, 0) } }
            }
            if callvalue() { stop() }
            let amount := selfbalance()
            // All remaining gas, not the 2300 stipend: a Safe or other contract wallet needs
            // more to receive.
            if amount {
                let before := gas()
                outOfGas(call(before, to, amount, 0, 0, 0, 0), before)
            }
            // Scratch space from 0: this function never returns to Solidity code.
            for { let at := 0 } lt(at, calldatasize()) { at := add(at, 32) } {
                let token := calldataload(at)
                mstore(0, shl(224, 0x70a08231)) // balanceOf(address)
                mstore(4, address())
                let before := gas()
                let ok := staticcall(before, token, 0, 36, 0, 32)
                outOfGas(ok, before)
                // An account without code answers nothing: fewer than 32 bytes means skip.
                if and(ok, gt(returndatasize(), 31)) {
                    amount := mload(0)
                    if amount {
                        mstore(0, shl(224, 0xa9059cbb)) // transfer(address,uint256)
                        mstore(4, to)
                        mstore(36, amount)
                        before := gas()
                        outOfGas(call(before, token, 0, 0, 68, 0, 0), before)
                    }
                }
            }
        }
    }
}
