/* Keys and signatures against protocol/vectors/keys.json. */
#include <string.h>

#include <bearssl.h>

#include "harness.h"

static void public_key_of_every_vector_key_is_derived_from_its_scalar(void) {
    const char *k;
    size_t i;
    for (i = 0; (k = json_at(json_get(VECTORS_KEYS, "keys"), i)) != NULL; i++) {
        char name[32];
        biotdm_key key;
        unsigned char pub[65];
        json_string(json_get(k, "name"), name, sizeof name);
        CHECK_CASE(harness_key(name, &key) == 0, name);
        CHECK_CASE(harness_public_key(name, pub) == 0, name);
        CHECK_CASE(memcmp(key.pub, pub, 65) == 0, name);
    }
    CHECK(i >= 2);
}

static void generated_keys_differ_and_sign_what_they_verify(void) {
    uint8_t seed = 1;
    biotdm_key a;
    biotdm_key b;
    uint8_t hash[32] = {1, 2, 3};
    uint8_t sig[64];
    CHECK(biotdm_key_generate(&a, harness_rng, &seed) == BIOTDM_OK);
    CHECK(biotdm_key_generate(&b, harness_rng, &seed) == BIOTDM_OK);
    CHECK(memcmp(a.secret, b.secret, 32) != 0);
    CHECK(a.pub[0] == 4);
    CHECK(biotdm_sign_hash(&a, hash, sig) == BIOTDM_OK);
    CHECK(biotdm_verify_hash(a.pub, hash, sig, 64) == BIOTDM_OK);
    CHECK(biotdm_verify_hash(b.pub, hash, sig, 64) == BIOTDM_ERR_SIGNATURE);
}

static void failing_rng_gives_no_key(void) {
    uint8_t broken = 0xFF;
    biotdm_key key;
    CHECK(biotdm_key_generate(&key, harness_rng, &broken) == BIOTDM_ERR_RNG);
}

static void zero_scalar_is_refused(void) {
    static const uint8_t zero[32];
    biotdm_key key;
    CHECK(biotdm_key_from_secret(&key, zero) == BIOTDM_ERR_CRYPTO);
}

static void base64_pads_as_rfc_4648_says(void) {
    char out[16];
    CHECK(biotdm_base64((const uint8_t *)"f", 1, out, sizeof out) == 4 && strcmp(out, "Zg==") == 0);
    CHECK(biotdm_base64((const uint8_t *)"fo", 2, out, sizeof out) == 4 && strcmp(out, "Zm8=") == 0);
    CHECK(biotdm_base64((const uint8_t *)"foobar", 6, out, sizeof out) == 8 && strcmp(out, "Zm9vYmFy") == 0);
    CHECK(biotdm_base64((const uint8_t *)"foobar", 6, out, 8) == BIOTDM_ERR_BUFFER);
}

void test_keys(void) {
    public_key_of_every_vector_key_is_derived_from_its_scalar();
    generated_keys_differ_and_sign_what_they_verify();
    failing_rng_gives_no_key();
    zero_scalar_is_refused();
    base64_pads_as_rfc_4648_says();
}
