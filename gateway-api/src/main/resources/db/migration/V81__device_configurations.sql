-- Configuration pushed to devices (issue 19; owner: configuration). The ledger's configuration contract holds each
-- device's desired version with the SHA-256 of its canonical JSON, and what the device reported with its signed
-- receipt; these tables keep the documents the ledger only holds as hashes, and mirror the versions and reports for
-- the API and the fleet's drift list. Times are epoch milliseconds UTC.

-- Every desired version ever set, with its document (canonical JSON, protocol/json-v1.md), so an auditor can hash a
-- version's document against the ledger's sha256.
CREATE TABLE device_configuration_versions (
    device_id           VARCHAR(64)   NOT NULL,
    version             BIGINT        NOT NULL,
    document_json       TEXT          NOT NULL COMMENT 'canonical JSON of the configuration object, at most 4096 bytes',
    sha256              CHAR(64)      NOT NULL,
    command_id          VARCHAR(64)   NOT NULL COMMENT 'the configuration command that carries it',
    set_by              VARCHAR(64)   NOT NULL COMMENT 'the admin''s username',
    set_at              BIGINT        NOT NULL COMMENT 'the SetDesiredConfiguration transaction time',
    tx_id               CHAR(64)      NULL,
    PRIMARY KEY (device_id, version)
) ENGINE = InnoDB;

-- One row per configured device: the latest desired version, the latest applied version the device reported, and its
-- latest report of any outcome. The device drifts while reported_sha256 is NULL or differs from desired_sha256.
CREATE TABLE device_configurations (
    device_id             VARCHAR(64)   NOT NULL PRIMARY KEY,
    owner_msp             VARCHAR(64)   NOT NULL,
    desired_version       BIGINT        NOT NULL,
    desired_sha256        CHAR(64)      NOT NULL,
    desired_at            BIGINT        NOT NULL,
    reported_version      BIGINT        NULL,
    reported_sha256       CHAR(64)      NULL,
    reported_at           BIGINT        NULL,
    reported_tx_id        CHAR(64)      NULL,
    last_report_version   BIGINT        NULL,
    last_report_status    VARCHAR(16)   NULL COMMENT 'SUCCEEDED, FAILED or REJECTED',
    last_report_code      VARCHAR(64)   NULL COMMENT 'the device''s refusal code, such as CONFIGURATION_INVALID',
    last_report_at        BIGINT        NULL,
    KEY idx_device_configurations_owner (owner_msp, device_id)
) ENGINE = InnoDB;
