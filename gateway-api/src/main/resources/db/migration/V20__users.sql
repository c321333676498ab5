-- People who use the API. Each is bound to a Fabric identity of their organisation (certificate and encrypted
-- private key here), so every ledger transaction they cause is signed as them.
CREATE TABLE users (
    id                 BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    username           VARCHAR(64)   NOT NULL,
    msp_id             VARCHAR(64)   NOT NULL,
    role               VARCHAR(16)   NOT NULL COMMENT 'admin | operator | auditor (also biotdm.role in the certificate)',
    password_hash      VARCHAR(255)  NOT NULL COMMENT 'Argon2id, PHC string format',
    fabric_id          VARCHAR(1024) NOT NULL COMMENT 'x509::<subject DN>::<issuer DN>, as the chaincode sees it',
    certificate_pem    TEXT          NOT NULL,
    key_ciphertext     VARBINARY(512) NOT NULL COMMENT 'AES-256-GCM(nonce || ciphertext+tag) of the PKCS#8 key',
    enabled            BOOLEAN       NOT NULL DEFAULT TRUE,
    created_at         DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    created_by         BIGINT        NULL,
    password_changed_at DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    UNIQUE KEY uq_users_username (username),
    KEY idx_users_msp_role (msp_id, role)
) ENGINE = InnoDB;

-- Refresh tokens: only their SHA-256 is stored; each use replaces the token (rotation), so a stolen, already-used
-- token is worthless.
CREATE TABLE refresh_tokens (
    token_sha256  CHAR(64)     NOT NULL PRIMARY KEY,
    user_id       BIGINT       NOT NULL,
    expires_at    DATETIME(3)  NOT NULL,
    created_at    DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    KEY idx_refresh_user (user_id),
    CONSTRAINT fk_refresh_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE = InnoDB;

-- One-time tokens that let the first admin of an organisation sign up; only their SHA-256 is stored.
CREATE TABLE bootstrap_tokens (
    msp_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    token_sha256  CHAR(64)     NOT NULL,
    expires_at    DATETIME(3)  NOT NULL,
    created_at    DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE = InnoDB;
