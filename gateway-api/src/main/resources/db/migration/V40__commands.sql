-- Commands (owner: commands). The ledger holds the authoritative command record (IssueCommand, MarkCommandDelivered,
-- CompleteCommand); this table mirrors it, keeps what the ledger only holds as hashes (parameters, result), and the
-- off-chain states ISSUING (IssueCommand submitted, outcome not yet known) and EXPIRED (past expires_at, never
-- completed). Times are epoch milliseconds UTC.
-- V1 created a placeholder `commands` table that no code ever wrote (part 1 had no commands); it is replaced here.
DROP TABLE IF EXISTS commands;

CREATE TABLE commands (
    command_id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    device_id           VARCHAR(64)   NOT NULL,
    owner_msp           VARCHAR(64)   NOT NULL,
    command_type        VARCHAR(64)   NOT NULL,
    parameters_json     MEDIUMTEXT    NOT NULL COMMENT 'canonical JSON text of the parameters object',
    parameters_sha256   CHAR(64)      NOT NULL,
    request_sha256      CHAR(64)      NOT NULL COMMENT 'what an idempotent retry must repeat',
    state               VARCHAR(16)   NOT NULL COMMENT 'ISSUING, ISSUED, DELIVERED, SUCCEEDED, FAILED, REJECTED, EXPIRED',
    issued_by_user_id   BIGINT        NOT NULL,
    issued_by           VARCHAR(64)   NOT NULL,
    issuer_fabric_id    VARCHAR(1024) NOT NULL,
    grant_id            VARCHAR(64)   NULL,
    created_at          BIGINT        NOT NULL,
    issued_at           BIGINT        NULL COMMENT 'the IssueCommand transaction time',
    expires_at          BIGINT        NOT NULL,
    issue_tx_id         CHAR(64)      NULL,
    delivered_at        BIGINT        NULL,
    deliver_tx_id       CHAR(64)      NULL,
    delivery_count      INT           NOT NULL DEFAULT 0,
    completed_at        BIGINT        NULL,
    complete_tx_id      CHAR(64)      NULL,
    result_sha256       CHAR(64)      NULL,
    result_json         MEDIUMTEXT    NULL,
    receipt_signature   VARCHAR(256)  NULL,
    updated_at          DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    KEY idx_commands_device_state (device_id, state, created_at),
    KEY idx_commands_state_expiry (state, expires_at),
    KEY idx_commands_created (created_at, command_id)
) ENGINE = InnoDB;
