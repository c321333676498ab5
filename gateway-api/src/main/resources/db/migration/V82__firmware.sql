-- Firmware updates (owner: firmware). The ledger holds the authoritative firmware records (PublishFirmware,
-- RevokeFirmware) and each device's installed version (RecordFirmwareUpdate); these tables keep what the gateway
-- serves and schedules: the images it stores (content-addressed under <data-dir>/firmware), the rollout campaigns, and
-- each target device's update state, so a campaign goes on where it was after a restart. Times are epoch milliseconds.
CREATE TABLE firmware_images (
    model              VARCHAR(128)  NOT NULL,
    version            VARCHAR(64)   NOT NULL,
    sequence           BIGINT        NOT NULL,
    size               BIGINT        NOT NULL,
    sha256             CHAR(64)      NOT NULL,
    manifest_json      TEXT          NOT NULL COMMENT 'the signed manifest as published, canonical JSON',
    published_by       VARCHAR(64)   NOT NULL,
    published_at       BIGINT        NOT NULL,
    publish_tx_id      CHAR(64)      NULL,
    revoked_at         BIGINT        NULL,
    revocation_reason  VARCHAR(256)  NULL,
    PRIMARY KEY (model, version),
    KEY idx_firmware_images_sha256 (sha256)
) ENGINE = InnoDB;

CREATE TABLE firmware_campaigns (
    campaign_id              VARCHAR(64)   NOT NULL PRIMARY KEY,
    model                    VARCHAR(128)  NOT NULL,
    version                  VARCHAR(64)   NOT NULL,
    state                    VARCHAR(16)   NOT NULL COMMENT 'RUNNING, PAUSED, COMPLETED, ABORTED, CANCELLED',
    stage                    TINYINT       NOT NULL COMMENT '1: the first stage; 2: the rest',
    rate_per_minute          INT           NOT NULL,
    first_stage_percent      INT           NOT NULL,
    abort_threshold_percent  INT           NOT NULL,
    abort_min_devices        INT           NOT NULL,
    device_count             INT           NOT NULL,
    created_by_user_id       BIGINT        NOT NULL,
    created_by               VARCHAR(64)   NOT NULL,
    creator_msp              VARCHAR(64)   NOT NULL,
    creator_fabric_id        VARCHAR(1024) NOT NULL,
    created_at               BIGINT        NOT NULL,
    next_notify_at           BIGINT        NOT NULL COMMENT 'the rate limit: when the next device may be notified',
    ended_at                 BIGINT        NULL,
    end_reason               VARCHAR(256)  NULL,
    KEY idx_firmware_campaigns_state (state)
) ENGINE = InnoDB;

CREATE TABLE firmware_campaign_devices (
    campaign_id   VARCHAR(64)   NOT NULL,
    device_id     VARCHAR(64)   NOT NULL,
    owner_msp     VARCHAR(64)   NOT NULL,
    position      INT           NOT NULL COMMENT 'the order devices are notified in',
    stage         TINYINT       NOT NULL,
    state         VARCHAR(16)   NOT NULL COMMENT 'QUEUED, NOTIFIED, DOWNLOADING, DOWNLOADED, VERIFIED, UPDATING, UPDATED, FAILED',
    reason        VARCHAR(64)   NULL COMMENT 'the catalogue code of a FAILED update',
    command_id    VARCHAR(64)   NULL,
    update_tx_id  CHAR(64)      NULL COMMENT 'the RecordFirmwareUpdate transaction of an UPDATED device',
    updated_at    BIGINT        NOT NULL,
    PRIMARY KEY (campaign_id, device_id),
    KEY idx_campaign_devices_position (campaign_id, state, position),
    KEY idx_campaign_devices_device (device_id, state)
) ENGINE = InnoDB;
