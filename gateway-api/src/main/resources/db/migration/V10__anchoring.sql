-- Anchoring (owner: anchoring). Version 10 leaves room for the storage and ingress migrations (V2..V9).

-- The window's ID on the ledger ("<mspId>-<gatewayId>-<window number>"), fixed when the window is sealed so a later
-- configuration change cannot re-address windows already anchored.
ALTER TABLE anchor_windows
    ADD COLUMN ledger_window_id VARCHAR(64) NULL AFTER hash_scheme,
    ADD UNIQUE KEY uk_anchor_windows_ledger_id (ledger_window_id);

-- The leaf hashes of every sealed window, in tree order, with the telemetry row each came from. The on-chain root
-- is the authority; these hashes only let verification name the reading that changed, disappeared or appeared. A
-- verifier trusts them only when they rebuild the on-chain root.
CREATE TABLE anchor_leaves (
    window_id     BIGINT       NOT NULL,
    leaf_index    INT          NOT NULL,
    telemetry_id  BIGINT       NOT NULL,
    leaf_hash     BINARY(32)   NOT NULL COMMENT 'SHA-256(0x00 || leaf bytes)',
    PRIMARY KEY (window_id, leaf_index),
    KEY idx_anchor_leaves_telemetry (telemetry_id)
) ENGINE = InnoDB;

-- Outbox statuses are now PENDING, SUBMITTED, CONFIRMED and CONFLICT (a different anchor holds the ledger window ID:
-- an alarm for a person, never retried).
ALTER TABLE anchor_outbox
    MODIFY COLUMN status VARCHAR(16) NOT NULL COMMENT 'PENDING, SUBMITTED, CONFIRMED, CONFLICT';
