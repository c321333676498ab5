package org.biotdm.protocol.name;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.biotdm.protocol.vectors.VectorFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NamesVectorsTest {
    private static final Map<String, Object> FILE = VectorFiles.read("names-v1.json");

    static Stream<Map<String, Object>> sensorNames() {
        return VectorFiles.maps(FILE.get("sensor_names")).stream();
    }

    static Stream<Map<String, Object>> sensorMappings() {
        return VectorFiles.maps(FILE.get("sensor_mappings")).stream();
    }

    static Stream<Map<String, Object>> deviceIds() {
        return VectorFiles.maps(FILE.get("device_ids")).stream();
    }

    static Stream<Map<String, Object>> deviceMappings() {
        return VectorFiles.maps(FILE.get("device_mappings")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sensorNames")
    void sensor_name_is_valid_as_the_vector_says(Map<String, Object> vector) {
        String name = (String) vector.get("name");

        assertThat(SensorNames.isValid(name)).isEqualTo(vector.get("valid"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sensorNames")
    void names_of_the_earlier_ascii_rule_stay_valid(Map<String, Object> vector) {
        String name = (String) vector.get("name");

        if (name.matches("[A-Za-z0-9._-]{1,64}")) {
            assertThat(SensorNames.isValid(name)).isTrue();
            assertThat(SensorNames.fromLabel(name)).isEqualTo(name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sensorMappings")
    void sensor_label_maps_to_the_vectors_valid_name(Map<String, Object> vector) {
        String name = SensorNames.fromLabel((String) vector.get("label"));

        assertThat(name).isEqualTo(vector.get("name"));
        if (name != null) {
            assertThat(SensorNames.isValid(name)).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deviceIds")
    void device_id_is_valid_as_the_vector_says(Map<String, Object> vector) {
        assertThat(DeviceIds.isValid((String) vector.get("id"))).isEqualTo(vector.get("valid"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deviceMappings")
    void device_label_maps_to_the_vectors_valid_id(Map<String, Object> vector) {
        String id = DeviceIds.fromLabel((String) vector.get("label"));

        assertThat(id).isEqualTo(vector.get("id"));
        if (id != null) {
            assertThat(DeviceIds.isValid(id)).isTrue();
        }
    }
}
