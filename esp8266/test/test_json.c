/* Canonical JSON on the device (biotdm/json.h) against protocol/vectors/json-v1.json. */
#include <string.h>

#include "biotdm/json.h"
#include "harness.h"

#define TEXT_MAX 1200

static void every_case_is_canonical_or_refused(const char *v) {
    const char *c;
    size_t i;
    int exact = 0, refused = 0;
    for (i = 0; (c = json_at(json_get(v, "cases"), i)) != NULL; i++) {
        static char input[TEXT_MAX], expected[TEXT_MAX], sha[65];
        static uint8_t out[TEXT_MAX];
        char name[80], hex[65];
        biotdm_buffer b = {out, sizeof out - 1, 0, 0};
        biotdm_sink sink = biotdm_buffer_sink(&b);
        int n = json_string(json_get(c, "input"), input, sizeof input), rc;
        json_string(json_get(c, "name"), name, sizeof name);
        CHECK_CASE(n >= 0, name);
        rc = biotdm_canonical_json(input, (size_t)n, &sink);
        if (json_get(c, "error") != NULL) {
            CHECK_CASE(rc == BIOTDM_ERR_ARGUMENT, name);
            refused++;
            continue;
        }
        json_string(json_get(c, "canonical_sha256"), sha, sizeof sha);
        CHECK_CASE(rc == BIOTDM_OK && biotdm_canonical_sha256(input, (size_t)n, hex) == BIOTDM_OK
                   && strcmp(hex, sha) == 0, name);
        if (json_string(json_get(c, "canonical"), expected, sizeof expected) >= 0) {
            CHECK_CASE(!b.overflow && b.len == strlen(expected) && memcmp(out, expected, b.len) == 0, name);
        }
        exact++;
    }
    CHECK(exact > 0 && refused > 0);
}

static void names_twice_and_trailing_values_are_refused(void) {
    static const char *const refused[] = {"{\"a\":1,\"a\":2}", "{\"a\":1} 2", "{\"a\" 1}", "\"\\ud800\"",
                                          "\"a\x01\"", "\"\xc0\xaf\"", "01", "tru"};
    char hex[65];
    size_t i;
    for (i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        CHECK_CASE(biotdm_canonical_sha256(refused[i], strlen(refused[i]), hex) == BIOTDM_ERR_ARGUMENT, refused[i]);
    }
}

static void integers_ending_in_zero_and_minus_zero(void) {
    static const char input[] = "{\"t\":{\"max\":30},\"n\":[10,-0,-10,0,100]}";
    uint8_t out[100];
    biotdm_buffer b = {out, sizeof out - 1, 0, 0};
    biotdm_sink sink = biotdm_buffer_sink(&b);
    CHECK(biotdm_canonical_json(input, sizeof input - 1, &sink) == BIOTDM_OK);
    out[b.len] = '\0';
    CHECK(strcmp((char *)out, "{\"n\":[10,0,-10,0,100],\"t\":{\"max\":30}}") == 0);
}

void test_json(void) {
    integers_ending_in_zero_and_minus_zero();
    every_case_is_canonical_or_refused(VECTORS_JSON);
    names_twice_and_trailing_values_are_refused();
}
