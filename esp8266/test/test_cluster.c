/* The cluster member of protocol/cluster-keys-v1.md against protocol/vectors/cluster-keys-v1.json. */
#include <string.h>

#include "biotdm/cluster.h"
#include "harness.h"

#define HEX_MAX 1200

static int hex_of(const char *c, const char *member, uint8_t *out, size_t cap) {
    static char hex[2 * HEX_MAX + 1];
    return json_string(json_get(c, member), hex, sizeof hex) < 0 ? -1 : hex_decode(hex, out, cap);
}

static void text_of(const char *c, const char *member, char *out, size_t cap) {
    if (json_string(json_get(c, member), out, cap) < 0) {
        out[0] = '\0';
    }
}

static uint64_t number_of(const char *c, const char *member) {
    const char *p = json_get(c, member);
    uint64_t v = 0;
    for (; p != NULL && *p >= '0' && *p <= '9'; p++) {
        v = v * 10 + (uint64_t)(*p - '0');
    }
    return v;
}

/* Runs the member's side of an exchange up to its hello; the ephemeral key is the vector's scalar. */
static int hello_of(const char *x, biotdm_cluster_exchange *e, uint8_t *hello, size_t cap) {
    char member[80], head[80];
    uint8_t nonce[16], scalar[32];
    biotdm_key ephemeral;
    text_of(x, "member", member, sizeof member);
    text_of(x, "head", head, sizeof head);
    hex_of(x, "nonce_hex", nonce, sizeof nonce);
    hex_of(x, "member_ephemeral_scalar_hex", scalar, sizeof scalar);
    biotdm_key_from_secret(&ephemeral, scalar);
    return biotdm_cluster_hello(e, member, head, number_of(x, "time"), nonce, &ephemeral, hello, cap);
}

static void exchanges_give_the_vectors_hello_finish_and_kek(const char *v) {
    const char *x;
    size_t i;
    for (i = 0; (x = json_at(json_get(v, "exchanges"), i)) != NULL; i++) {
        static uint8_t hello[BIOTDM_CLUSTER_HELLO_MAX], expected[HEX_MAX], reply[HEX_MAX], finish[256];
        char member_key[32], head_key[32];
        uint8_t kek[32], head_pub[65];
        biotdm_cluster_exchange e;
        biotdm_key device_key;
        int n = hello_of(x, &e, hello, sizeof hello), m = hex_of(x, "hello_hex", expected, sizeof expected);
        CHECK(n > 0 && n == m && memcmp(hello, expected, (size_t)n) == 0);
        text_of(x, "member_key", member_key, sizeof member_key);
        text_of(x, "head_key", head_key, sizeof head_key);
        CHECK(harness_key(member_key, &device_key) == 0 && harness_public_key(head_key, head_pub) == 0);
        n = hex_of(x, "reply_hex", reply, sizeof reply);
        n = biotdm_cluster_reply(&e, head_pub, &device_key, reply, (size_t)n, finish, sizeof finish);
        m = hex_of(x, "finish_hex", expected, sizeof expected);
        CHECK(n > 0 && n == m && memcmp(finish, expected, (size_t)n) == 0); /* RFC 6979: the same signature */
        CHECK(hex_of(x, "kek_hex", kek, sizeof kek) == 32 && memcmp(e.kek, kek, 32) == 0);
    }
}

static void key_request_is_the_vectors(const char *v) {
    const char *k = json_get(v, "key_request");
    char member[80], peer[80];
    uint8_t kek[32], out[BIOTDM_CLUSTER_REQUEST_MAX], expected[HEX_MAX];
    int n, m;
    text_of(k, "member", member, sizeof member);
    text_of(k, "peer", peer, sizeof peer);
    hex_of(k, "kek_hex", kek, sizeof kek);
    n = biotdm_cluster_key_request(kek, member, peer, number_of(k, "time"), out, sizeof out);
    m = hex_of(k, "sealed_hex", expected, sizeof expected);
    CHECK(n > 0 && n == m && memcmp(out, expected, (size_t)n) == 0);
    CHECK(biotdm_cluster_key_request(kek, member, member, 1, out, sizeof out) == BIOTDM_ERR_ARGUMENT);
}

/* Opens the channel of member from its wrap in the grant. */
static int channel_of(const char *v, const char *member, uint64_t now, biotdm_cluster_channel *c) {
    const char *g = json_get(v, "grant"), *w;
    char name[80], head[80];
    uint8_t kek[32], delivery[HEX_MAX];
    size_t i;
    text_of(g, "head", head, sizeof head);
    for (i = 0; (w = json_at(json_get(g, "wraps"), i)) != NULL; i++) {
        text_of(w, "member", name, sizeof name);
        if (strcmp(name, member) == 0) {
            int n = hex_of(w, "delivery_hex", delivery, sizeof delivery);
            hex_of(w, "kek_hex", kek, sizeof kek);
            return biotdm_cluster_accept(kek, member, head, now, delivery, (size_t)n, c);
        }
    }
    return -1;
}

static void deliveries_give_the_pair_key_and_messages_the_vectors(const char *v) {
    const char *g = json_get(v, "grant"), *m;
    uint64_t now = number_of(g, "issued_at") + 1000;
    biotdm_cluster_channel alpha, bravo;
    uint8_t pair[32], out[BIOTDM_CLUSTER_MESSAGE_MAX], expected[HEX_MAX], plain[BIOTDM_CLUSTER_PLAINTEXT_MAX];
    char first[80], second[80], sender[80], text[200];
    size_t i;
    text_of(g, "first", first, sizeof first);
    text_of(g, "second", second, sizeof second);
    CHECK(channel_of(v, first, now, &alpha) == BIOTDM_OK && channel_of(v, second, now, &bravo) == BIOTDM_OK);
    CHECK(hex_of(g, "pair_key_hex", pair, sizeof pair) == 32 && memcmp(alpha.key, pair, 32) == 0
          && memcmp(bravo.key, pair, 32) == 0 && alpha.direction == 1 && bravo.direction == 2);
    for (i = 0; (m = json_at(json_get(v, "messages"), i)) != NULL; i++) {
        int from_first, n, e, p;
        text_of(m, "sender", sender, sizeof sender);
        text_of(m, "plaintext", text, sizeof text);
        from_first = strcmp(sender, first) == 0;
        n = biotdm_cluster_seal(from_first ? &alpha : &bravo, now, (const uint8_t *)text, strlen(text), out,
                                sizeof out);
        e = hex_of(m, "message_hex", expected, sizeof expected);
        CHECK(n > 0 && n == e && memcmp(out, expected, (size_t)n) == 0);
        p = biotdm_cluster_open(from_first ? &bravo : &alpha, now, out, (size_t)n, plain, sizeof plain);
        CHECK(p == (int)strlen(text) && memcmp(plain, text, (size_t)p) == 0);
    }
}

static int result_is(int status, const char *expected) {
    const char *code = status >= 0 ? "OK" : biotdm_cluster_error_code(status);
    return code != NULL && strcmp(code, expected) == 0;
}

static void member_refusals_are_the_vectors(const char *v) {
    const char *r;
    size_t i;
    for (i = 0; (r = json_at(json_get(v, "refusals"), i)) != NULL; i++) {
        char name[80], step[32], result[48], member[80], head[80], key_name[32];
        uint8_t input[HEX_MAX], kek[32], out[256], pub[65];
        int n = hex_of(r, "input_hex", input, sizeof input), status;
        text_of(r, "name", name, sizeof name);
        text_of(r, "step", step, sizeof step);
        text_of(r, "result", result, sizeof result);
        if (strcmp(step, "reply") == 0) {
            const char *x = json_at(json_get(v, "exchanges"), (size_t)number_of(r, "exchange"));
            biotdm_cluster_exchange e;
            biotdm_key device_key;
            hello_of(x, &e, out, sizeof out);
            text_of(x, "head_key", key_name, sizeof key_name);
            harness_public_key(key_name, pub);
            text_of(x, "member_key", key_name, sizeof key_name);
            harness_key(key_name, &device_key);
            status = biotdm_cluster_reply(&e, pub, &device_key, input, (size_t)n, out, sizeof out);
        } else if (strcmp(step, "unwrap") == 0) {
            biotdm_cluster_channel c;
            text_of(r, "member", member, sizeof member);
            text_of(json_get(v, "grant"), "head", head, sizeof head);
            hex_of(r, "kek_hex", kek, sizeof kek);
            status = biotdm_cluster_accept(kek, member, head, number_of(json_get(v, "grant"), "issued_at"), input,
                                           (size_t)n, &c);
        } else {
            continue; /* hello, finish and key request are read by the head (the Java SDK) */
        }
        CHECK_CASE(result_is(status, result), name);
    }
}

static void message_sequences_are_the_vectors(const char *v) {
    const char *s, *m;
    size_t i, j;
    for (i = 0; (s = json_at(json_get(v, "message_sequences"), i)) != NULL; i++) {
        char name[80], receiver[80], result[48];
        static uint8_t message[HEX_MAX], plain[BIOTDM_CLUSTER_PLAINTEXT_MAX];
        biotdm_cluster_channel c;
        uint64_t now = number_of(s, "now");
        text_of(s, "name", name, sizeof name);
        text_of(s, "receiver", receiver, sizeof receiver);
        CHECK_CASE(channel_of(v, receiver, number_of(json_get(v, "grant"), "issued_at"), &c) == BIOTDM_OK, name);
        for (j = 0; (m = json_at(json_get(s, "messages_hex"), j)) != NULL; j++) {
            static char hex[2 * HEX_MAX + 1];
            int n = json_string(m, hex, sizeof hex) < 0 ? -1 : hex_decode(hex, message, sizeof message);
            json_string(json_at(json_get(s, "results"), j), result, sizeof result);
            CHECK_CASE(result_is(biotdm_cluster_open(&c, now, message, (size_t)n, plain, sizeof plain), result),
                       name);
        }
    }
}

void test_cluster(void) {
    exchanges_give_the_vectors_hello_finish_and_kek(VECTORS_CLUSTER);
    key_request_is_the_vectors(VECTORS_CLUSTER);
    deliveries_give_the_pair_key_and_messages_the_vectors(VECTORS_CLUSTER);
    member_refusals_are_the_vectors(VECTORS_CLUSTER);
    message_sequences_are_the_vectors(VECTORS_CLUSTER);
}
