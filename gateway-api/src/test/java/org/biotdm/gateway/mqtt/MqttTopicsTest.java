package org.biotdm.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import org.biotdm.gateway.error.ErrorCode;
import org.junit.jupiter.api.Test;

/** The topics of {@code protocol/mqtt-v1.md} and the reason codes refusals map to. */
class MqttTopicsTest {
    @Test
    void parses_the_devices_own_topics() {
        assertThat(MqttTopics.parse("d-1", "biotdm/v1/devices/d-1/telemetry"))
                .isEqualTo(new MqttTopics.Target(MqttTopics.Kind.TELEMETRY, null));
        assertThat(MqttTopics.parse("d-1", "biotdm/v1/devices/d-1/commands/c-9/receipt"))
                .isEqualTo(new MqttTopics.Target(MqttTopics.Kind.RECEIPT, "c-9"));
    }

    @Test
    void another_devices_topic_is_foreign_even_when_its_id_extends_ours() {
        assertThat(MqttTopics.parse("d-1", "biotdm/v1/devices/d-10/telemetry").kind())
                .isEqualTo(MqttTopics.Kind.FOREIGN);
        assertThat(MqttTopics.parse("d-1", "biotdm/v1/devices/d-2/commands/c-9/receipt")
                        .kind())
                .isEqualTo(MqttTopics.Kind.FOREIGN);
    }

    @Test
    void other_topics_are_unknown() {
        assertThat(MqttTopics.parse("d-1", "biotdm/v1/devices/d-1/commands").kind())
                .isEqualTo(MqttTopics.Kind.UNKNOWN);
        assertThat(MqttTopics.parse("d-1", "biotdm/v1/devices/d-1/commands/a/b/receipt")
                        .kind())
                .isEqualTo(MqttTopics.Kind.UNKNOWN);
        assertThat(MqttTopics.parse("d-1", "biotdm/v1/devices/d-1/commands//receipt")
                        .kind())
                .isEqualTo(MqttTopics.Kind.UNKNOWN);
        assertThat(MqttTopics.parse("d-1", "sensors/d-1").kind()).isEqualTo(MqttTopics.Kind.UNKNOWN);
    }

    @Test
    void refusals_map_to_the_spec_tables_reason_codes() {
        assertThat(MqttRefusal.of(ErrorCode.ACCESS_DENIED, "x").pubAck())
                .isEqualTo(MqttReasonCodes.PubAck.NOT_AUTHORIZED.byteValue());
        assertThat(MqttRefusal.of(ErrorCode.TELEMETRY_MALFORMED, "x").pubAck())
                .isEqualTo(MqttReasonCodes.PubAck.PAYLOAD_FORMAT_INVALID.byteValue());
        assertThat(MqttRefusal.of(ErrorCode.TELEMETRY_BUSY, "x").pubAck())
                .isEqualTo(MqttReasonCodes.PubAck.QUOTA_EXCEEDED.byteValue());
        assertThat(MqttRefusal.of(ErrorCode.TELEMETRY_REPLAYED, "x").pubAck())
                .isEqualTo(MqttReasonCodes.PubAck.IMPLEMENTATION_SPECIFIC_ERROR.byteValue());
        assertThat(MqttRefusal.of(ErrorCode.LEDGER_UNAVAILABLE, "x").pubAck())
                .isEqualTo(MqttReasonCodes.PubAck.UNSPECIFIED_ERROR.byteValue());
        assertThat(MqttRefusal.of(ErrorCode.DEVICE_NOT_ACTIVE, "x").connAck(true))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5);
        assertThat(MqttRefusal.of(ErrorCode.DEVICE_NOT_ACTIVE, "x").connAck(false))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
    }

    @Test
    void server_failures_name_only_the_codes_meaning() {
        assertThat(MqttRefusal.of(ErrorCode.DATABASE_UNAVAILABLE, "jdbc:mariadb://10.0.0.5 refused")
                        .reasonString())
                .isEqualTo("DATABASE_UNAVAILABLE: " + ErrorCode.DATABASE_UNAVAILABLE.meaning());
        assertThat(MqttRefusal.of(ErrorCode.TELEMETRY_REPLAYED, "Sequence number 7")
                        .reasonString())
                .isEqualTo("TELEMETRY_REPLAYED: Sequence number 7");
    }
}
