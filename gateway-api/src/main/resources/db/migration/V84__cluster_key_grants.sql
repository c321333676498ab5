-- Cluster-head key grants (issue 19, protocol/cluster-keys-v1.md). One row per pairwise key a cluster head issued:
-- the grant's fields and SHA-256, never a key. The gateway gathers the rows not yet anchored into a batch every few
-- seconds and anchors the batch's RFC 6962 Merkle root on the ledger with one AnchorTelemetry transaction
-- (org.biotdm.gateway.cluster.KeyGrantAnchoring), so the ledger sees one transaction per batch, not one per key.
CREATE TABLE cluster_key_grants (
    key_id        CHAR(32)     NOT NULL PRIMARY KEY,
    grant_sha256  CHAR(64)     NOT NULL,
    head_id       VARCHAR(64)  NOT NULL,
    first_member  VARCHAR(64)  NOT NULL,
    second_member VARCHAR(64)  NOT NULL,
    issued_at     BIGINT       NOT NULL,
    expires_at    BIGINT       NOT NULL,
    recorded_at   BIGINT       NOT NULL,
    batch_id      VARCHAR(64)  NULL,
    leaf_index    INT          NULL,
    KEY idx_cluster_grants_unbatched (batch_id, recorded_at)
);

CREATE TABLE cluster_grant_batches (
    batch_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    start_time    BIGINT       NOT NULL,
    end_time      BIGINT       NOT NULL,
    merkle_root   CHAR(64)     NOT NULL,
    leaf_count    INT          NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    tx_id         VARCHAR(128) NULL,
    block_number  BIGINT       NULL,
    KEY idx_cluster_batches_status (status)
);
