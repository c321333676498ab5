/** Live events over WebSocket ({@code /ws/events}), each delivered only to people allowed to see its device. */
package org.biotdm.gateway.live;
