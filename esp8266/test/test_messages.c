/* The device-port messages every platform shares (platform/common/biotdm_messages.h). */
#include <string.h>

#include <bearssl.h>

#include "biotdm_messages.h"
#include "harness.h"

static void json_object_follows_strings_and_nesting(void) {
    static const char answer[] = "{\"commands\":[{\"commandId\":\"c-1\",\"commandType\":\"firmware-update\","
                                 "\"parameters\":{\"campaignId\":\"k\",\"manifest\":{\"model\":\"a}\\\"{\","
                                 "\"n\":{\"x\":[1,{}]}},\"image\":\"/i\"},\"parametersSha256\":\"ab\"}]}";
    size_t len = 0;
    const char *m = biotdm_json_object(answer, "manifest", &len);
    CHECK(m != NULL && len == strlen("{\"model\":\"a}\\\"{\",\"n\":{\"x\":[1,{}]}}")
          && memcmp(m, "{\"model\":\"a}\\\"{\",\"n\":{\"x\":[1,{}]}}", len) == 0);
    CHECK(biotdm_json_object(answer, "parametersSha256", &len) == NULL); /* a string, not an object */
    CHECK(biotdm_json_object("{\"manifest\":{\"a\":\"}", "manifest", &len) == NULL);
}

static void first_command_reads_the_identifiers(void) {
    biotdm_command_ids c;
    CHECK(biotdm_first_command("{\"commands\":[{\"commandId\":\"c-1\",\"commandType\":\"reboot\",\"parameters\":{},"
                               "\"parametersSha256\":\"44136f\"}]}", &c) == 1
          && strcmp(c.id, "c-1") == 0 && strcmp(c.type, "reboot") == 0 && strcmp(c.params_sha, "44136f") == 0);
    CHECK(biotdm_first_command("{\"commands\":[]}", &c) == 0);
    CHECK(biotdm_first_command("{\"commands\":[{\"commandId\":\"c-1\"}]}", &c) == -1);
}

/* The receipt body's signature verifies over the biotdm-receipt-v1 text of the result it carries. */
static void receipt_bodies_sign_what_they_carry(void) {
    static const char result[] = "{\"reason\":\"FIRMWARE_DOWNGRADE\"}";
    biotdm_command_ids c = {"c-1", "firmware-update",
                            "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"};
    uint8_t out[400], sig[72], hash[32], text[400];
    char b64[100], result_sha[65];
    biotdm_buffer b = {out, sizeof out - 1, 0, 0}, t = {text, sizeof text, 0, 0};
    biotdm_sink sink = biotdm_buffer_sink(&b), tsink = biotdm_buffer_sink(&t);
    biotdm_receipt r = {c.id, "mote-1", c.type, c.params_sha, BIOTDM_FAILED, result_sha};
    br_sha256_context sha;
    biotdm_key key;
    int n;
    CHECK(harness_key("device-1", &key) == 0);
    CHECK(biotdm_command_receipt_body(&key, "mote-1", &c, BIOTDM_FAILED, result, &sink) == BIOTDM_OK);
    out[b.len] = '\0';
    CHECK(strstr((char *)out, "{\"status\":\"FAILED\",\"result\":{\"reason\":\"FIRMWARE_DOWNGRADE\"},\"signature\":\"")
          == (char *)out);
    CHECK(biotdm_json_string((char *)out, "signature", b64, sizeof b64) != NULL);
    n = biotdm_base64_decode(b64, strlen(b64), sig, sizeof sig);
    biotdm_sha256_hex(result, strlen(result), result_sha);
    biotdm_receipt_canonical(&r, &tsink);
    br_sha256_init(&sha);
    br_sha256_update(&sha, text, t.len);
    br_sha256_out(&sha, hash);
    CHECK(n == 64 && biotdm_verify_hash(key.pub, hash, sig, 64) == BIOTDM_OK);
}

static void provision_body_refuses_what_json_would_need_escaped(void) {
    uint8_t out[200];
    biotdm_buffer b = {out, sizeof out - 1, 0, 0};
    biotdm_sink sink = biotdm_buffer_sink(&b);
    CHECK(biotdm_provision_body("mote-1", "token-0123456789", "-----BEGIN\nX\n", &sink) == BIOTDM_OK);
    out[b.len] = '\0';
    CHECK(strcmp((char *)out, "{\"deviceId\":\"mote-1\",\"claimToken\":\"token-0123456789\","
                              "\"csr\":\"-----BEGIN\\nX\\n\"}") == 0);
    CHECK(biotdm_provision_body("mote-1", "tok\"en", "x", &sink) == BIOTDM_ERR_ARGUMENT);
    CHECK(biotdm_provision_body("mote 1", "token", "x", &sink) == BIOTDM_ERR_ARGUMENT);
}

void test_messages(void) {
    json_object_follows_strings_and_nesting();
    first_command_reads_the_identifiers();
    receipt_bodies_sign_what_they_carry();
    provision_body_refuses_what_json_would_need_escaped();
}
