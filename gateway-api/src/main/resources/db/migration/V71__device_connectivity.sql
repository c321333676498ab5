-- Device connectivity (issue 13): last_seen_at (already there, first written now) is the latest activity the gateway
-- noted; last_connect_at the start of the device's current or latest online period. The gateway writes both in
-- batches (org.biotdm.gateway.connectivity.Connectivity), never per reading. The index serves the fleet's online
-- count and the list sorted by last activity.
ALTER TABLE devices
    ADD COLUMN last_connect_at DATETIME(3) NULL AFTER last_seen_at,
    ADD KEY idx_devices_owner_seen (owner_msp, last_seen_at);
