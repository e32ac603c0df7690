// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {Forwarder} from "./Forwarder.sol";

/// @title Deploys and sweeps Paylink's deposit forwarders.
/// @notice A deposit address is `predict(payout, salt)`: the CREATE2 address of a `Forwarder`
/// bound to `payout`, deployed by this factory. Nothing is deployed until the first sweep, so
/// a quote costs no gas. The factory has no owner, no storage and no constructor arguments, so
/// it deploys to the same address on every chain through the deterministic deployment proxy
/// and anyone may call it: the worst a caller can do is pay for someone else's sweep.
contract ForwarderFactory {
    /// @notice The deposit address for `payout` and `salt`, deployed or not.
    function predict(address payout, bytes32 salt) external view returns (address) {
        return addressOf(initCodeHash(payout), salt);
    }

    /// @notice For each salt: deploys the forwarder of `payout` if it has no code yet (the ETH
    /// already sent to it is kept by CREATE2), then flushes its ETH and each of `tokens` to
    /// `payout`. Calling it again for addresses already swept flushes late payments and is
    /// otherwise harmless.
    /// @dev One payout per call, so a payout contract that burns the gas it is given can only
    /// fail its own sweep, never another merchant's. Whether a forwarder exists is checked in
    /// the loop, not before it, because a re-entrant payout may have deployed it meanwhile.
    function deployAndFlush(address payout, bytes32[] calldata salts, address[] calldata tokens)
        external
    {
        bytes32 hash = initCodeHash(payout);
        // A flush is a call without value whose calldata is the token addresses, one word each.
        bytes memory flush = abi.encodePacked(tokens);
        for (uint256 i; i < salts.length; ++i) {
            address forwarder = addressOf(hash, salts[i]);
            if (forwarder.code.length == 0) {
                new Forwarder{salt: salts[i]}(payout);
            }
            // A flush skips what refuses and reverts only when it ran short of gas: pass that
            // on, so a too-small gas limit fails the sweep rather than moving nothing.
            (bool ok,) = forwarder.call(flush);
            require(ok, "flush ran out of gas");
        }
    }

    /// @dev keccak256 of the init code: the forwarder's creation code and the ABI-encoded
    /// payout, exactly what `new Forwarder{salt: …}(payout)` deploys.
    function initCodeHash(address payout) private pure returns (bytes32) {
        return keccak256(abi.encodePacked(type(Forwarder).creationCode, abi.encode(payout)));
    }

    /// @dev The CREATE2 rule: the last 20 bytes of keccak256(0xff ‖ deployer ‖ salt ‖ hash).
    function addressOf(bytes32 hash, bytes32 salt) private view returns (address) {
        return address(
            uint160(uint256(keccak256(abi.encodePacked(bytes1(0xff), address(this), salt, hash))))
        );
    }
}
