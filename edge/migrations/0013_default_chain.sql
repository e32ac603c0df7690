-- The chain a merchant's links settle on when their create names none, per mode. NULL: the
-- mode's assumed default (test mode: anvil where the deployment serves it, else base-sepolia;
-- live mode: none, so a live link must name its chain). No CHECK on the name: PATCH
-- /v1/account refuses unknown chains and chains of the other mode first, and a list here
-- would have to change with every chain added.
ALTER TABLE checkout_settings ADD COLUMN default_chain TEXT;
