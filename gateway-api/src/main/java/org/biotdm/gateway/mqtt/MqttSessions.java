package org.biotdm.gateway.mqtt;

import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.biotdm.gateway.command.CommandPendingEvent;
import org.biotdm.gateway.device.DeviceChangedEvent;
import org.biotdm.gateway.ingress.DeviceAuthenticator;

/**
 * The devices connected over MQTT to this gateway instance, one connection each (a newer one takes over), at most
 * {@code biotdm.mqtt.max-connections}. It closes the connection of a device the ledger suspends, decommissions or
 * re-keys as soon as the registry reports the change ({@link DeviceChangedEvent}), and wakes a device's command push
 * when a command is pending for it ({@link CommandPendingEvent}, whichever instance it was issued through).
 */
@Singleton
final class MqttSessions {
    private final Map<String, MqttConnection> connections = new ConcurrentHashMap<>();
    private final int maxConnections;

    /**
     * Creates the registry.
     *
     * @param configuration the MQTT settings (the connection limit)
     */
    public MqttSessions(MqttConfiguration configuration) {
        this.maxConnections = configuration.maxConnections();
    }

    /**
     * Registers an authenticated connection, closing an older one of the same device.
     *
     * @param deviceId the device
     * @param connection its new connection
     * @return false when the limit of connected devices is reached (the connection is not registered)
     */
    boolean register(String deviceId, MqttConnection connection) {
        if (connections.size() >= maxConnections && !connections.containsKey(deviceId)) {
            return false;
        }
        MqttConnection previous = connections.put(deviceId, connection);
        if (previous != null && previous != connection) {
            previous.takenOver();
        }
        return true;
    }

    /**
     * Removes a closed connection (a newer one of the same device stays).
     *
     * @param deviceId the device
     * @param connection the closed connection
     */
    void unregister(String deviceId, MqttConnection connection) {
        connections.remove(deviceId, connection);
    }

    /**
     * Returns how many devices are connected.
     *
     * @return the count
     */
    public int connected() {
        return connections.size();
    }

    /**
     * Pushes a device's pending commands now, if it is connected here and subscribed.
     *
     * @param deviceId the device
     */
    public void wake(String deviceId) {
        MqttConnection connection = connections.get(deviceId);
        if (connection != null) {
            connection.commandsPending();
        }
    }

    /**
     * Closes the connection of a device whose ledger record no longer admits it.
     *
     * @param event a registry change, from the chaincode event listener
     */
    @EventListener
    void onDeviceChanged(DeviceChangedEvent event) {
        MqttConnection connection = connections.get(event.record().deviceId());
        if (connection != null) {
            DeviceAuthenticator.stillAdmitted(connection.device(), Optional.of(event.record()))
                    .ifPresent(connection::revoked);
        }
    }

    /**
     * Wakes the command push of a device a command is pending for.
     *
     * @param event issued through this instance, or seen in the ledger's events
     */
    @EventListener
    void onCommandPending(CommandPendingEvent event) {
        wake(event.deviceId());
    }
}
