/* Sensor names and device IDs against protocol/vectors/names-v1.json. */
#include <string.h>

#include "harness.h"

/* The core leaves NFC to the caller (names.md: ASCII names always are); vectors about NFC alone are not its. */
static int only_nfc_is_wrong(const char *c) {
    char why[80];
    return json_string(json_get(c, "why"), why, sizeof why) >= 0 && strstr(why, "NFC") != NULL;
}

static void sensor_names_are_taken_or_refused_as_the_vectors_say(void) {
    const char *c;
    size_t i;
    for (i = 0; (c = json_at(json_get(VECTORS_NAMES, "sensor_names"), i)) != NULL; i++) {
        char name[300];
        biotdm_reading r;
        int status;
        CHECK(json_string(json_get(c, "name"), name, sizeof name) >= 0);
        status = biotdm_reading_set(&r, name, BIOTDM_NUMBER, "1", "", 0, 0);
        if (strlen(name) > BIOTDM_SENSOR_MAX) {
            CHECK_CASE(status == BIOTDM_ERR_TOO_LONG, name);
        } else if (*json_get(c, "valid") == 't') {
            CHECK_CASE(status == BIOTDM_OK, name);
        } else if (!only_nfc_is_wrong(c)) {
            CHECK_CASE(status == BIOTDM_ERR_ARGUMENT, name);
        }
    }
    CHECK(i > 10);
}

static void device_ids_are_taken_or_refused_as_the_vectors_say(void) {
    const char *c;
    size_t i;
    for (i = 0; (c = json_at(json_get(VECTORS_NAMES, "device_ids"), i)) != NULL; i++) {
        char id[100];
        int valid = *json_get(c, "valid") == 't';
        CHECK(json_string(json_get(c, "id"), id, sizeof id) >= 0);
        CHECK_CASE((biotdm_check_device_id(id) == BIOTDM_OK) == valid, id);
    }
    CHECK(i > 5);
}

void test_names(void) {
    sensor_names_are_taken_or_refused_as_the_vectors_say();
    device_ids_are_taken_or_refused_as_the_vectors_say();
}
