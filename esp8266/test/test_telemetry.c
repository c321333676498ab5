/* biotdm-telemetry-v1 against protocol/vectors/telemetry-v1.json. */
#include <string.h>

#include <bearssl.h>

#include "harness.h"

typedef struct {
    char name[64];
    char device_id[80];
    char result[40];
    biotdm_batch_header h;
    biotdm_reading r[8];
    size_t n;
    int reading_status; /* the first refusal of biotdm_reading_set, or BIOTDM_OK */
    unsigned char sig[80];
    int sig_len; /* negative when sig is not base64 */
} telemetry_case;

static uint64_t parse_u64(const char *p) {
    uint64_t v = 0;
    for (; *p >= '0' && *p <= '9'; p++) {
        v = v * 10 + (uint64_t)(*p - '0');
    }
    return v;
}

/* A value as the device would hand it to the core: kind and exact text (a number's token, never a double). */
static int value_of(const char *v, biotdm_kind *kind, char *text, size_t cap) {
    size_t len = json_token_length(v);
    if (*v == '"') {
        *kind = BIOTDM_STRING;
        return json_string(v, text, cap) >= 0 ? 0 : -1;
    }
    if (len >= cap || strncmp(v, "null", 4) == 0) {
        return -1;
    }
    *kind = *v == 't' || *v == 'f' ? BIOTDM_BOOLEAN : BIOTDM_NUMBER;
    memcpy(text, v, len);
    text[len] = '\0';
    return 0;
}

static int add_reading(telemetry_case *t, const char *o) {
    char sensor[300], value[80], unit[80];
    biotdm_kind kind = BIOTDM_NUMBER;
    const char *ts = json_get(o, "ts");
    unit[0] = '\0';
    if (json_string(json_get(o, "sensor"), sensor, sizeof sensor) < 0 || json_get(o, "value") == NULL
            || value_of(json_get(o, "value"), &kind, value, sizeof value) != 0
            || (json_get(o, "unit") != NULL && json_string(json_get(o, "unit"), unit, sizeof unit) < 0)) {
        return BIOTDM_ERR_ARGUMENT;
    }
    if (json_get(o, "unit") != NULL && unit[0] == '\0') {
        return BIOTDM_ERR_ARGUMENT; /* an empty unit in the body; the core's empty unit means none */
    }
    return biotdm_reading_set(&t->r[t->n++], sensor, kind, value, unit, ts != NULL, ts == NULL ? 0 : parse_u64(ts));
}

/* Reads a body the way its readings would have been handed to the core. */
static void load_body(const char *body, telemetry_case *t) {
    char sig[200];
    const char *o;
    size_t i;
    t->h.device_id = t->device_id;
    t->h.seq = *json_get(body, "seq") == '-' ? UINT64_MAX : parse_u64(json_get(body, "seq"));
    t->h.ts = parse_u64(json_get(body, "ts"));
    for (i = 0; i < 8 && (o = json_at(json_get(body, "readings"), i)) != NULL; i++) {
        int status = add_reading(t, o);
        t->reading_status = t->reading_status != BIOTDM_OK ? t->reading_status : status;
    }
    t->sig_len = json_string(json_get(body, "sig"), sig, sizeof sig) < 0
                         ? -1
                         : biotdm_base64_decode(sig, strlen(sig), t->sig, sizeof t->sig);
}

static void load_case(const char *c, telemetry_case *t) {
    char body[4096];
    memset(t, 0, sizeof *t);
    json_string(json_get(c, "name"), t->name, sizeof t->name);
    json_string(json_get(c, "device_id"), t->device_id, sizeof t->device_id);
    json_string(json_get(c, "result"), t->result, sizeof t->result);
    json_string(json_get(c, "body"), body, sizeof body);
    load_body(body, t);
}

static void canonical_hash(const telemetry_case *t, uint8_t hash[32]) {
    uint8_t text[2048];
    biotdm_buffer b = {text, sizeof text, 0, 0};
    biotdm_sink sink = biotdm_buffer_sink(&b);
    br_sha256_context sha;
    biotdm_telemetry_canonical(&t->h, t->r, t->n, &sink);
    br_sha256_init(&sha);
    br_sha256_update(&sha, text, b.len);
    br_sha256_out(&sha, hash);
}

static void accepted_case(const char *c, telemetry_case *t) {
    uint8_t text[2048], expected[2048], sig[64], hash[32], pub[65];
    biotdm_buffer b = {text, sizeof text, 0, 0};
    biotdm_sink sink = biotdm_buffer_sink(&b);
    char hex[4200], key_name[32];
    biotdm_key key;
    CHECK_CASE(t->reading_status == BIOTDM_OK, t->name);
    CHECK_CASE(biotdm_telemetry_canonical(&t->h, t->r, t->n, &sink) == BIOTDM_OK, t->name);
    json_string(json_get(c, "canonical_hex"), hex, sizeof hex);
    CHECK_CASE(hex_decode(hex, expected, sizeof expected) == (int)b.len && memcmp(text, expected, b.len) == 0,
               t->name);
    json_string(json_get(c, "public_key"), key_name, sizeof key_name);
    CHECK_CASE(harness_key(key_name, &key) == 0 && harness_public_key(key_name, pub) == 0, t->name);
    canonical_hash(t, hash);
    CHECK_CASE(biotdm_verify_hash(pub, hash, t->sig, (size_t)t->sig_len) == BIOTDM_OK, t->name);
    CHECK_CASE(biotdm_telemetry_sign(&key, &t->h, t->r, t->n, sig) == BIOTDM_OK, t->name);
    CHECK_CASE(biotdm_verify_hash(pub, hash, sig, 64) == BIOTDM_OK, t->name);
    if (t->sig_len == 64) { /* RFC 6979 makes the nonce, so r, the vector's; s may be either of s and n - s */
        uint8_t negated[32];
        harness_negate_s(sig + 32, negated);
        CHECK_CASE(memcmp(sig, t->sig, 32) == 0, t->name);
        CHECK_CASE(memcmp(sig + 32, t->sig + 32, 32) == 0 || memcmp(negated, t->sig + 32, 32) == 0, t->name);
    }
}

/* What the core writes, read back by the vector reader, is the same batch with the same signature. */
static void body_reads_back_to_the_same_batch(const telemetry_case *t, const biotdm_key *key) {
    static char body[4096];
    static telemetry_case back;
    uint8_t sig[64], before[32], after[32];
    biotdm_buffer b = {(uint8_t *)body, sizeof body - 1, 0, 0};
    biotdm_sink sink = biotdm_buffer_sink(&b);
    biotdm_telemetry_sign(key, &t->h, t->r, t->n, sig);
    CHECK_CASE(biotdm_telemetry_body(&t->h, t->r, t->n, sig, &sink) == BIOTDM_OK && !b.overflow, t->name);
    body[b.len] = '\0';
    memset(&back, 0, sizeof back);
    strcpy(back.device_id, t->device_id);
    load_body(body, &back);
    canonical_hash(t, before);
    canonical_hash(&back, after);
    CHECK_CASE(back.n == t->n && back.reading_status == BIOTDM_OK && memcmp(before, after, 32) == 0, t->name);
    CHECK_CASE(back.sig_len == 64 && memcmp(back.sig, sig, 64) == 0, t->name);
}

/* A refused signature: the vector's does not verify over the canonical text of the case's device and body. */
static void bad_signature_case(const char *c, const telemetry_case *t) {
    uint8_t hash[32], pub[65];
    char key_name[32];
    json_string(json_get(c, "public_key"), key_name, sizeof key_name);
    CHECK_CASE(harness_public_key(key_name, pub) == 0, t->name);
    canonical_hash(t, hash);
    CHECK_CASE(t->sig_len < 0 || biotdm_verify_hash(pub, hash, t->sig, (size_t)t->sig_len) != BIOTDM_OK, t->name);
}

/* A refused batch: the core will not encode it (a value it refuses, or a header out of range). */
static void invalid_case(const telemetry_case *t) {
    uint8_t text[2048];
    biotdm_buffer b = {text, sizeof text, 0, 0};
    biotdm_sink sink = biotdm_buffer_sink(&b);
    CHECK_CASE(t->reading_status != BIOTDM_OK || biotdm_telemetry_canonical(&t->h, t->r, t->n, &sink) != BIOTDM_OK,
               t->name);
}

static void every_vector_case_gets_its_verdict(void) {
    static telemetry_case t;
    const char *c;
    size_t i, accepted = 0;
    biotdm_key key;
    harness_key("device-1", &key);
    for (i = 0; (c = json_at(json_get(VECTORS_TELEMETRY, "cases"), i)) != NULL; i++) {
        char description[400] = "";
        load_case(c, &t);
        json_string(json_get(c, "description"), description, sizeof description);
        if (strcmp(t.result, "ACCEPTED") == 0) {
            accepted_case(c, &t);
            body_reads_back_to_the_same_batch(&t, &key);
            accepted++;
        } else if (strcmp(t.result, "TELEMETRY_BAD_SIGNATURE") == 0) {
            bad_signature_case(c, &t);
        } else if (strcmp(t.result, "TELEMETRY_INVALID") == 0 && strstr(description, "NFC") == NULL) {
            invalid_case(&t); /* NFC is the caller's (names.md); MALFORMED is about parsing, which a device never does */
        }
    }
    CHECK(i > 20 && accepted > 5);
}

static void batch_of_more_than_the_bound_is_refused(void) {
    static biotdm_reading r[BIOTDM_BATCH_MAX + 1];
    biotdm_batch_header h = {"mote-1", 1, 1700000005000ULL};
    uint8_t sig[64];
    biotdm_key key;
    size_t i;
    harness_key("device-1", &key);
    for (i = 0; i <= BIOTDM_BATCH_MAX; i++) {
        CHECK(biotdm_reading_set(&r[i], "temperature", BIOTDM_NUMBER, "27.97", "C", 0, 0) == BIOTDM_OK);
    }
    CHECK(biotdm_telemetry_sign(&key, &h, r, BIOTDM_BATCH_MAX, sig) == BIOTDM_OK);
    CHECK(biotdm_telemetry_sign(&key, &h, r, BIOTDM_BATCH_MAX + 1, sig) == BIOTDM_ERR_ARGUMENT);
    h.device_id = "Conference Room";
    CHECK(biotdm_telemetry_sign(&key, &h, r, 1, sig) == BIOTDM_ERR_ARGUMENT);
}

static void number_tokens_follow_rfc_8259(void) {
    biotdm_reading r;
    CHECK(biotdm_reading_set(&r, "t", BIOTDM_NUMBER, "-0.5e+3", NULL, 0, 0) == BIOTDM_OK);
    CHECK(biotdm_reading_set(&r, "t", BIOTDM_NUMBER, "+1", NULL, 0, 0) == BIOTDM_ERR_ARGUMENT);
    CHECK(biotdm_reading_set(&r, "t", BIOTDM_NUMBER, "01", NULL, 0, 0) == BIOTDM_ERR_ARGUMENT);
    CHECK(biotdm_reading_set(&r, "t", BIOTDM_NUMBER, "1.", NULL, 0, 0) == BIOTDM_ERR_ARGUMENT);
    CHECK(biotdm_reading_set(&r, "t", BIOTDM_NUMBER, "NaN", NULL, 0, 0) == BIOTDM_ERR_ARGUMENT);
    CHECK(biotdm_reading_set(&r, "t", BIOTDM_BOOLEAN, "TRUE", NULL, 0, 0) == BIOTDM_ERR_ARGUMENT);
}

void test_telemetry(void) {
    every_vector_case_gets_its_verdict();
    batch_of_more_than_the_bound_is_refused();
    number_tokens_follow_rfc_8259();
}
