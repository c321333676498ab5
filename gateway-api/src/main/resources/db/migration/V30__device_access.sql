-- Device administration and access (owner: devices). V30-V39 belong to this feature.

-- The ledger's active grants, mirrored from ListGrants at startup and kept current by the DeviceAccessGranted /
-- DeviceAccessRevoked chaincode events (listener "device-access-grants" in event_checkpoints). The ledger stays
-- authoritative; this copy lets operators keep their visibility while the ledger is unreachable at startup.
CREATE TABLE device_grants (
    grant_id       VARCHAR(64)  NOT NULL PRIMARY KEY,
    owner_msp      VARCHAR(64)  NOT NULL,
    grantee_msp    VARCHAR(64)  NOT NULL,
    grantee_id     VARCHAR(1024) NULL COMMENT 'Fabric ID x509::<subject>::<issuer>; NULL = every operator of grantee_msp',
    device_id      VARCHAR(64)  NULL,
    device_group   VARCHAR(64)  NULL,
    command_types  VARCHAR(2200) NOT NULL COMMENT 'comma-separated (ids never contain commas)',
    expires_at     BIGINT       NOT NULL COMMENT 'epoch ms',
    granted_at     BIGINT       NOT NULL COMMENT 'epoch ms',
    updated_at     BIGINT       NOT NULL COMMENT 'epoch ms',
    KEY idx_device_grants_device (device_id),
    KEY idx_device_grants_group (owner_msp, device_group)
) ENGINE = InnoDB;

-- Key rotations an admin authorised: the device may present one CSR over mTLS on the device port until expires_at.
-- The row is consumed (deleted) by the rotation.
CREATE TABLE device_rekey_authorisations (
    device_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    authorised_by  VARCHAR(1024) NOT NULL COMMENT 'Fabric ID of the admin',
    authorised_msp VARCHAR(64)  NOT NULL,
    authorised_at  BIGINT       NOT NULL COMMENT 'epoch ms',
    expires_at     BIGINT       NOT NULL COMMENT 'epoch ms'
) ENGINE = InnoDB;
