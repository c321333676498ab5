-- Firmware rollouts (owner: firmware), second step. Each campaign gets its own device timeout: a device notified (or
-- downloading) that reports nothing for that long is FAILED with reason FIRMWARE_UPDATE_TIMEOUT and counts toward the
-- abort threshold. Campaigns created before this column get the documented default, 10 minutes.
ALTER TABLE firmware_campaigns
    ADD COLUMN device_timeout_ms BIGINT NOT NULL DEFAULT 600000
        COMMENT 'a NOTIFIED or DOWNLOADING device silent this long fails with FIRMWARE_UPDATE_TIMEOUT';

-- Which gateway instance's scheduler drives the campaigns: one row per lease, held until expires_at (epoch ms, the
-- database's clock) and renewed on every tick; another instance takes it over once it expired (its holder died).
CREATE TABLE firmware_scheduler_lease (
    name        VARCHAR(32)   NOT NULL PRIMARY KEY,
    holder      VARCHAR(128)  NOT NULL COMMENT 'the instance: host name and a random ID chosen at startup',
    expires_at  BIGINT        NOT NULL
) ENGINE = InnoDB;
