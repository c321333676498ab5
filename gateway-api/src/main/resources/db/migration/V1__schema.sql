-- BIoT-DM gateway schema, version 1.
-- Times are UTC. Reading and batch times are device clocks in epoch milliseconds; received_at is the gateway's.

-- Device registry cache: the authoritative record is on the ledger; this copy is refreshed from chaincode events.
CREATE TABLE devices (
    device_id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    owner_msp         VARCHAR(64)  NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    device_type       VARCHAR(64)  NULL,
    model             VARCHAR(128) NULL,
    firmware_version  VARCHAR(32)  NULL,
    device_group      VARCHAR(64)  NULL,
    cert_fingerprint  CHAR(64)     NULL,
    public_key_pem    TEXT         NULL,
    last_seen_at      DATETIME(3)  NULL,
    ledger_tx_id      CHAR(64)     NULL,
    updated_at        DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    KEY idx_devices_fingerprint (cert_fingerprint),
    KEY idx_devices_owner_status (owner_msp, status)
) ENGINE = InnoDB;

-- One row per reading. Partitioned by the gateway's receive time (monotonic, so old partitions go cold); a job keeps
-- future partitions ready. The primary key must contain the partitioning column.
CREATE TABLE telemetry (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    received_at   DATETIME(3)  NOT NULL,
    device_id     VARCHAR(64)  NOT NULL,
    batch_seq     BIGINT       NOT NULL,
    sensor        VARCHAR(64)  NOT NULL,
    ts            BIGINT       NOT NULL COMMENT 'reading time, epoch ms (device clock)',
    value_num     DOUBLE       NULL COMMENT 'numeric value, for charts and alerts',
    value_text    VARCHAR(64)  NOT NULL COMMENT 'the value exactly as signed (canonical text)',
    value_kind    CHAR(1)      NOT NULL COMMENT 'N number, S state string, B boolean',
    unit          VARCHAR(16)  NULL,
    window_id     BIGINT       NOT NULL COMMENT 'anchoring window',
    leaf_index    INT          NULL COMMENT 'position in the window''s Merkle tree, set when the window is sealed',
    PRIMARY KEY (id, received_at),
    KEY idx_telemetry_device_ts (device_id, ts),
    KEY idx_telemetry_window (window_id, device_id, batch_seq, sensor)
) ENGINE = InnoDB
PARTITION BY RANGE COLUMNS (received_at) (
    PARTITION p_past VALUES LESS THAN ('2020-01-01'),
    PARTITION p_future VALUES LESS THAN (MAXVALUE)
);

-- Accepted telemetry batches: the sequence window per device and the original acknowledgement for duplicates.
CREATE TABLE telemetry_batches (
    device_id     VARCHAR(64)  NOT NULL,
    batch_seq     BIGINT       NOT NULL,
    batch_ts      BIGINT       NOT NULL,
    body_sha256   CHAR(64)     NOT NULL,
    reading_count INT          NOT NULL,
    window_id     BIGINT       NOT NULL,
    received_at   DATETIME(3)  NOT NULL,
    PRIMARY KEY (device_id, batch_seq)
) ENGINE = InnoDB;

-- Anchoring windows. A group commit writes only into an OPEN window (holding a shared lock on its row); sealing takes
-- the row exclusively, so no reading can join a window after it is sealed.
CREATE TABLE anchor_windows (
    window_id     BIGINT       NOT NULL PRIMARY KEY,
    start_ms      BIGINT       NOT NULL,
    end_ms        BIGINT       NOT NULL,
    status        VARCHAR(16)  NOT NULL COMMENT 'OPEN, SEALED, ANCHORED',
    leaf_count    INT          NULL,
    merkle_root   CHAR(64)     NULL,
    hash_scheme   VARCHAR(32)  NULL,
    sealed_at     DATETIME(3)  NULL,
    KEY idx_anchor_windows_status (status, window_id)
) ENGINE = InnoDB;

-- Transactional outbox for AnchorTelemetry: written with the sealed window, submitted until the ledger confirms.
CREATE TABLE anchor_outbox (
    window_id     BIGINT       NOT NULL PRIMARY KEY,
    payload_json  TEXT         NOT NULL,
    status        VARCHAR(16)  NOT NULL COMMENT 'PENDING, SUBMITTED, CONFIRMED',
    attempts      INT          NOT NULL DEFAULT 0,
    last_error    VARCHAR(512) NULL,
    next_attempt_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    tx_id         CHAR(64)     NULL,
    block_number  BIGINT       NULL,
    updated_at    DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    KEY idx_anchor_outbox_status (status, next_attempt_at)
) ENGINE = InnoDB;

-- Commands as the gateway tracks them (the ledger is authoritative for authorisation and completion).
CREATE TABLE commands (
    command_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    device_id         VARCHAR(64)  NOT NULL,
    command_type      VARCHAR(64)  NOT NULL,
    parameters_json   TEXT         NULL,
    parameters_sha256 CHAR(64)     NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    issued_by         VARCHAR(255) NULL,
    issued_at         DATETIME(3)  NOT NULL,
    expires_at        DATETIME(3)  NOT NULL,
    delivered_at      DATETIME(3)  NULL,
    completed_at      DATETIME(3)  NULL,
    result_sha256     CHAR(64)     NULL,
    ledger_tx_id      CHAR(64)     NULL,
    KEY idx_commands_device_status (device_id, status)
) ENGINE = InnoDB;

CREATE TABLE alerts (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    device_id     VARCHAR(64)  NOT NULL,
    sensor        VARCHAR(64)  NOT NULL,
    rule_id       VARCHAR(64)  NULL,
    severity      VARCHAR(16)  NOT NULL,
    message       VARCHAR(512) NOT NULL,
    value_num     DOUBLE       NULL,
    reading_ts    BIGINT       NOT NULL,
    status        VARCHAR(16)  NOT NULL COMMENT 'OPEN, ACKNOWLEDGED, RESOLVED',
    created_at    DATETIME(3)  NOT NULL,
    updated_at    DATETIME(3)  NOT NULL,
    KEY idx_alerts_device (device_id, created_at),
    KEY idx_alerts_status (status, created_at)
) ENGINE = InnoDB;

-- Every ledger transaction the gateway submitted, with its outcome.
CREATE TABLE blockchain_tx (
    tx_id         CHAR(64)     NOT NULL PRIMARY KEY,
    function_name VARCHAR(64)  NOT NULL,
    entity_key    VARCHAR(160) NULL,
    submitter     VARCHAR(255) NULL,
    status        VARCHAR(32)  NOT NULL,
    block_number  BIGINT       NULL,
    created_at    DATETIME(3)  NOT NULL,
    KEY idx_blockchain_tx_entity (entity_key)
) ENGINE = InnoDB;

CREATE TABLE audit_logs (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    actor         VARCHAR(255) NOT NULL,
    action        VARCHAR(64)  NOT NULL,
    entity_key    VARCHAR(160) NULL,
    detail        TEXT         NULL,
    tx_id         CHAR(64)     NULL,
    created_at    DATETIME(3)  NOT NULL,
    KEY idx_audit_logs_entity (entity_key, created_at)
) ENGINE = InnoDB;

-- Resume points of chaincode event listeners (block number and transaction ID of the last processed event).
CREATE TABLE event_checkpoints (
    listener      VARCHAR(64)  NOT NULL PRIMARY KEY,
    block_number  BIGINT       NOT NULL,
    tx_id         VARCHAR(64)  NULL,
    updated_at    DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)
) ENGINE = InnoDB;
