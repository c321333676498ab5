-- Alerts and alert rules (owner: alerts). The alerts table of V1 gains its owner organisation (so lists filter in
-- SQL), its kind, the time its condition cleared, and who acknowledged and resolved it.

CREATE TABLE alert_rules (
    rule_id       VARCHAR(64)  NOT NULL PRIMARY KEY COMMENT 'r-<uuid>',
    owner_msp     VARCHAR(64)  NOT NULL COMMENT 'the organisation of the admin who wrote it; applies to its devices',
    name          VARCHAR(128) NULL,
    scope         VARCHAR(16)  NOT NULL COMMENT 'DEVICE, GROUP, FLEET',
    target        VARCHAR(64)  NULL COMMENT 'device ID (DEVICE) or device group (GROUP); NULL for FLEET',
    sensor        VARCHAR(64)  NOT NULL,
    comparison    VARCHAR(2)   NOT NULL COMMENT '>, >=, <, <=, ==, !=',
    threshold     DOUBLE       NOT NULL,
    consecutive   INT          NOT NULL COMMENT 'readings in a row that must match before the alert fires',
    severity      VARCHAR(16)  NOT NULL COMMENT 'INFO, WARNING, CRITICAL',
    enabled       BOOLEAN      NOT NULL DEFAULT TRUE,
    created_by    VARCHAR(255) NOT NULL,
    created_at    DATETIME(3)  NOT NULL,
    updated_at    DATETIME(3)  NOT NULL,
    KEY idx_alert_rules_owner (owner_msp, scope, target)
) ENGINE = InnoDB;

ALTER TABLE alerts
    ADD COLUMN owner_msp       VARCHAR(64)  NOT NULL DEFAULT '' AFTER device_id,
    ADD COLUMN kind            VARCHAR(16)  NOT NULL DEFAULT 'THRESHOLD' COMMENT 'THRESHOLD, ANOMALY' AFTER owner_msp,
    ADD COLUMN cleared_at      DATETIME(3)  NULL COMMENT 'when the condition stopped holding' AFTER updated_at,
    ADD COLUMN acknowledged_by VARCHAR(255) NULL AFTER cleared_at,
    ADD COLUMN acknowledged_at DATETIME(3)  NULL AFTER acknowledged_by,
    ADD COLUMN resolved_by     VARCHAR(255) NULL AFTER acknowledged_at,
    ADD COLUMN resolved_at     DATETIME(3)  NULL AFTER resolved_by,
    ADD KEY idx_alerts_owner (owner_msp, created_at, id),
    ADD KEY idx_alerts_device_id (device_id, created_at, id);
