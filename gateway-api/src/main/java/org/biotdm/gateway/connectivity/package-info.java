/**
 * Device connectivity, after ThingsBoard's model: the gateway notes each authenticated device request as activity,
 * calls a device online from its first activity after a silence and offline once it has been silent for the
 * inactivity timeout, writes {@code devices.last_seen_at} and {@code last_connect_at} in batches (never per reading),
 * and publishes each online/offline change as a {@code connectivity} event on {@code /ws/events}
 * ({@code protocol/websocket.md}).
 */
package org.biotdm.gateway.connectivity;
