// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @title Hostile and awkward counterparts for the forwarder tests (local chain only).

interface IFactory {
    function deployAndFlush(address payout, bytes32[] calldata salts, address[] calldata tokens)
        external;
}

/// A payout that, when it receives ETH, re-enters the factory for the same forwarders and
/// calls a forwarder directly. It counts its re-entries so a test can tell they happened.
contract ReentrantPayout {
    IFactory public factory;
    bytes32[] private salts;
    address[] private tokens;
    address public forwarder;
    uint256 public reentries;

    function arm(IFactory factory_, bytes32[] calldata salts_, address[] calldata tokens_, address forwarder_)
        external
    {
        factory = factory_;
        salts = salts_;
        tokens = tokens_;
        forwarder = forwarder_;
    }

    receive() external payable {
        if (reentries >= 2) return;
        reentries += 1;
        factory.deployAndFlush(address(this), salts, tokens);
        (bool ok,) = forwarder.call(abi.encodePacked(tokens));
        require(ok, "direct flush failed");
    }
}

/// A payout that refuses ETH (a contract without receive, say).
contract RefusingPayout {
    receive() external payable {
        revert("no ETH here");
    }
}

/// A payout that needs far more than the 2300-gas stipend to receive, as a Safe does: it
/// writes storage on every payment.
contract HungryPayout {
    uint256 public received;

    receive() external payable {
        received += msg.value;
    }
}

/// A token that says the forwarder holds a balance but reverts every transfer.
contract RevertingToken {
    function balanceOf(address) external pure returns (uint256) {
        return 1e18;
    }

    function transfer(address, uint256) external pure returns (bool) {
        revert("transfers are paused");
    }
}

/// A USDT-style token: `transfer` returns nothing.
contract NoReturnToken {
    mapping(address => uint256) public balanceOf;

    function mint(address to, uint256 value) external {
        balanceOf[to] += value;
    }

    function transfer(address to, uint256 value) external {
        require(balanceOf[msg.sender] >= value, "balance");
        balanceOf[msg.sender] -= value;
        balanceOf[to] += value;
    }
}

/// A token whose `transfer` burns all the gas it is given.
contract GasBurningToken {
    function balanceOf(address) external pure returns (uint256) {
        return 1;
    }

    function transfer(address, uint256) external pure returns (bool) {
        while (true) {}
        return true;
    }
}
