-- Issue 19: GET /device/v1/cluster/grants/{grantSha256}/proof finds a grant by its hash and its head; without this
-- index every proof request would scan all grants ever recorded.
CREATE INDEX idx_cluster_grants_hash ON cluster_key_grants (grant_sha256, head_id);
