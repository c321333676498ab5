-- Access tokens carry their person's token version (JWT claim "ver"). Disabling a person and changing their password
-- bump it (and role changes must), so every gateway instance refuses the older tokens within
-- biotdm.users.token-state-ttl; tokens_revoked_at lets every instance find the people whose live sessions to close.
ALTER TABLE users
    ADD COLUMN token_version     BIGINT      NOT NULL DEFAULT 0,
    ADD COLUMN tokens_revoked_at DATETIME(3) NULL,
    ADD KEY idx_users_tokens_revoked (tokens_revoked_at);
