/**
 * Live events over WebSocket ({@code /ws/events}), each delivered only to people allowed to see its device: command
 * state changes, device registry changes, alerts and per-device telemetry summaries (at most one per second per
 * device). Publishers never wait: events go through bounded queues and asynchronous sends.
 */
package org.biotdm.gateway.live;
