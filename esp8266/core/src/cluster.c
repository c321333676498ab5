/*
 * The cluster member of protocol/cluster-keys-v1.md (cluster.h). Messages are fixed binary layouts written and read
 * through bounded cursors; the transcript T is streamed through SHA-256, never buffered, to keep the reply's stack
 * inside the 4 KB budget around the signature check.
 */
#include <string.h>

#include <bearssl.h>

#include "biotdm/cluster.h"
#include "cluster_gcm.h"

static const char HELLO[] = "biotdm-cluster-hello-v1"; /* every label is written with its terminating 00 */
static const char REPLY[] = "biotdm-cluster-reply-v1";
static const char FINISH[] = "biotdm-cluster-finish-v1";
static const char AUTH[] = "biotdm-cluster-auth-v1";
static const char KEYREQ[] = "biotdm-cluster-keyreq-v1";
static const char GRANT[] = "biotdm-cluster-grant-v1";
static const char MSG[] = "biotdm-cluster-msg-v1";
static const char KEK_INFO[] = "biotdm-cluster-kek-v1";
#define COUNTER_MAX 0xFFFFFFFFu
/* Bytes of the longest grant G: label, keyId, three IDs, two times. */
#define GRANT_MAX (24 + 16 + 3 * (BIOTDM_DEVICE_ID_MAX + 1) + 16)

/** A bounded cursor over a message being written (overflow once a write does not fit) or read (bad once short). */
typedef struct {
    uint8_t *w;
    const uint8_t *r;
    size_t cap, len;
    int bad;
} cursor;

static void put(cursor *c, const void *data, size_t n) {
    if (n > c->cap - c->len) {
        c->bad = 1;
        return;
    }
    memcpy(c->w + c->len, data, n);
    c->len += n;
}

static void enc64be(uint8_t b[8], uint64_t v) {
    int i;
    for (i = 7; i >= 0; i--, v >>= 8) {
        b[i] = (uint8_t)v;
    }
}

static void put_u64(cursor *c, uint64_t v) {
    uint8_t b[8];
    enc64be(b, v);
    put(c, b, 8);
}

/* id(d) = u8 len || ASCII(d); the ID was checked before. */
static void put_id(cursor *c, const char *id) {
    uint8_t n = (uint8_t)strlen(id);
    put(c, &n, 1);
    put(c, id, n);
}

static const uint8_t *take(cursor *c, size_t n) {
    const uint8_t *p = c->r + c->len;
    if (n > c->cap - c->len) {
        c->bad = 1;
        return NULL;
    }
    c->len += n;
    return p;
}

/* Reads id(d) into out (a NUL-terminated device ID); marks the cursor bad when it breaks names.md. */
static void take_id(cursor *c, char out[BIOTDM_DEVICE_ID_MAX + 1]) {
    const uint8_t *n = take(c, 1), *p = n == NULL || *n == 0 || *n > BIOTDM_DEVICE_ID_MAX ? NULL : take(c, *n);
    out[0] = '\0';
    if (p == NULL) {
        c->bad = 1;
        return;
    }
    memcpy(out, p, *n);
    out[*n] = '\0';
    c->bad |= biotdm_check_device_id(out) != BIOTDM_OK;
}

static uint64_t take_u64(cursor *c) {
    const uint8_t *p = take(c, 8);
    uint64_t v = 0;
    int i;
    for (i = 0; p != NULL && i < 8; i++) {
        v = v << 8 | p[i];
    }
    return v;
}

/* Whether the cursor starts with label and its 00. */
static int take_label(cursor *c, const char *label) {
    const uint8_t *p = take(c, strlen(label) + 1);
    return p != NULL && memcmp(p, label, strlen(label) + 1) == 0;
}

static void sha256(const void *data, size_t len, uint8_t out[32]) {
    br_sha256_context sha;
    br_sha256_init(&sha);
    br_sha256_update(&sha, data, len);
    br_sha256_out(&sha, out);
}

int biotdm_cluster_hello(biotdm_cluster_exchange *e, const char *member, const char *head, uint64_t time,
                         const uint8_t nonce[16], const biotdm_key *ephemeral, uint8_t *out, size_t cap) {
    cursor c = {out, NULL, cap, 0, 0};
    if (biotdm_check_device_id(member) != BIOTDM_OK || biotdm_check_device_id(head) != BIOTDM_OK) {
        return BIOTDM_ERR_ARGUMENT;
    }
    memset(e, 0, sizeof *e);
    strcpy(e->member, member);
    strcpy(e->head, head);
    e->time = time;
    memcpy(e->nonce, nonce, 16);
    e->ephemeral = *ephemeral;
    put(&c, HELLO, sizeof HELLO);
    put_id(&c, member);
    put_id(&c, head);
    put_u64(&c, time);
    put(&c, nonce, 16);
    put(&c, ephemeral->pub, 65);
    return c.bad ? BIOTDM_ERR_BUFFER : (int)c.len;
}

/* SHA-256 of T (the KEK's salt), of T || 02 (what the head signed) and of T || 03 (what the member signs). */
static __attribute__((noinline)) void transcript_hashes(const biotdm_cluster_exchange *e, const uint8_t gy[65],
                                                        uint8_t salt[32], uint8_t head[32], uint8_t member[32]) {
    br_sha256_context t, role;
    uint8_t ids[2 * (BIOTDM_DEVICE_ID_MAX + 1) + 8], byte;
    cursor c = {ids, NULL, sizeof ids, 0, 0};
    put_id(&c, e->member);
    put_id(&c, e->head);
    put_u64(&c, e->time);
    br_sha256_init(&t);
    br_sha256_update(&t, AUTH, sizeof AUTH);
    br_sha256_update(&t, ids, c.len);
    br_sha256_update(&t, e->nonce, 16);
    br_sha256_update(&t, e->ephemeral.pub, 65);
    br_sha256_update(&t, gy, 65);
    role = t, byte = 2;
    br_sha256_update(&role, &byte, 1);
    br_sha256_out(&role, head);
    role = t, byte = 3;
    br_sha256_update(&role, &byte, 1);
    br_sha256_out(&role, member);
    br_sha256_out(&t, salt);
}

/* KEK = HKDF(ECDH(x, G_Y), SHA-256(T), "biotdm-cluster-kek-v1"); 0 when G_Y is not a point of P-256. */
static __attribute__((noinline)) int derive_kek(biotdm_cluster_exchange *e, const uint8_t gy[65],
                                                const uint8_t salt[32]) {
    br_hkdf_context h;
    uint8_t point[65];
    memcpy(point, gy, 65);
    if (br_ec_p256_m15.mul(point, 65, e->ephemeral.secret, 32, BR_EC_secp256r1) != 1) {
        return 0;
    }
    br_hkdf_init(&h, &br_sha256_vtable, salt, 32);
    br_hkdf_inject(&h, point + 1, 32); /* the x-coordinate */
    br_hkdf_flip(&h);
    br_hkdf_produce(&h, KEK_INFO, sizeof KEK_INFO - 1, e->kek, 32);
    memset(point, 0, sizeof point);
    memset(&h, 0, sizeof h);
    return 1;
}

/* The finish, signed with the device key over T || 03 (its own frame: none of the reply's is on the stack). */
static __attribute__((noinline)) int write_finish(const biotdm_cluster_exchange *e, const biotdm_key *device_key,
                                                  const uint8_t member_hash[32], uint8_t *out, size_t cap) {
    cursor w = {out, NULL, cap, 0, 0};
    uint8_t sig[64];
    if (biotdm_sign_hash(device_key, member_hash, sig) != BIOTDM_OK) {
        return BIOTDM_ERR_CRYPTO;
    }
    put(&w, FINISH, sizeof FINISH);
    put_id(&w, e->member);
    put(&w, e->nonce, 16);
    put(&w, sig, 64);
    return w.bad ? BIOTDM_ERR_BUFFER : (int)w.len;
}

int biotdm_cluster_reply(biotdm_cluster_exchange *e, const uint8_t head_pub[65], const biotdm_key *device_key,
                         const uint8_t *reply, size_t len, uint8_t *out, size_t cap) {
    cursor r = {NULL, reply, len, 0, 0};
    uint8_t salt[32], head_hash[32], member_hash[32];
    const uint8_t *nonce, *gy, *sig2;
    int labelled = take_label(&r, REPLY);
    nonce = take(&r, 16), gy = take(&r, 65), sig2 = take(&r, 64);
    if (!labelled || r.bad || r.len != len || memcmp(nonce, e->nonce, 16) != 0 || gy[0] != 0x04) {
        return BIOTDM_ERR_CLUSTER_EXCHANGE_INVALID;
    }
    transcript_hashes(e, gy, salt, head_hash, member_hash);
    if (biotdm_verify_hash(head_pub, head_hash, sig2, 64) != BIOTDM_OK) {
        return BIOTDM_ERR_CLUSTER_SIGNATURE_INVALID;
    }
    if (!derive_kek(e, gy, salt)) {
        return BIOTDM_ERR_CLUSTER_EXCHANGE_INVALID;
    }
    memset(e->ephemeral.secret, 0, 32);
    return write_finish(e, device_key, member_hash, out, cap);
}

int biotdm_cluster_key_request(const uint8_t kek[32], const char *member, const char *peer, uint64_t time,
                               uint8_t *out, size_t cap) {
    cursor c = {out, NULL, cap, 0, 0};
    uint8_t hash[32];
    if (biotdm_check_device_id(member) != BIOTDM_OK || biotdm_check_device_id(peer) != BIOTDM_OK
            || strcmp(member, peer) == 0) {
        return BIOTDM_ERR_ARGUMENT;
    }
    put(&c, KEYREQ, sizeof KEYREQ);
    put_id(&c, member);
    put_id(&c, peer);
    put_u64(&c, time);
    if (c.bad || cap - c.len < 16) {
        return BIOTDM_ERR_BUFFER;
    }
    sha256(out, c.len, hash);
    biotdm_cluster_gcm_seal(kek, hash, out, c.len, NULL, 0, out + c.len);
    return (int)c.len + 16;
}

/** The fields of a grant G, read from a delivery. */
typedef struct {
    const uint8_t *key_id;
    char head[BIOTDM_DEVICE_ID_MAX + 1], first[BIOTDM_DEVICE_ID_MAX + 1], second[BIOTDM_DEVICE_ID_MAX + 1];
    uint64_t issued_at, expires_at;
    size_t len; /* of G */
} grant;

static int parse_grant(const uint8_t *delivery, size_t len, grant *g) {
    cursor r = {NULL, delivery, len, 0, 0};
    int labelled = take_label(&r, GRANT);
    g->key_id = take(&r, 16);
    take_id(&r, g->head);
    take_id(&r, g->first);
    take_id(&r, g->second);
    g->issued_at = take_u64(&r);
    g->expires_at = take_u64(&r);
    g->len = r.len;
    return labelled && !r.bad && len == r.len + 48 && strcmp(g->first, g->second) < 0;
}

int biotdm_cluster_accept(const uint8_t kek[32], const char *member, const char *head, uint64_t now,
                          const uint8_t *delivery, size_t len, biotdm_cluster_channel *c) {
    uint8_t a[GRANT_MAX + BIOTDM_DEVICE_ID_MAX + 1], hash[32], key[32];
    cursor w = {a, NULL, sizeof a, 0, 0};
    grant g;
    if (!parse_grant(delivery, len, &g) || strcmp(g.head, head) != 0
            || (strcmp(member, g.first) != 0 && strcmp(member, g.second) != 0)) {
        return BIOTDM_ERR_CLUSTER_EXCHANGE_INVALID;
    }
    put(&w, delivery, g.len); /* A_m = G || id(m) */
    put_id(&w, member);
    sha256(a, w.len, hash);
    memcpy(key, delivery + g.len, 32);
    if (w.bad || !biotdm_cluster_gcm_open(kek, hash, a, w.len, key, 32, delivery + g.len + 32)) {
        memset(key, 0, sizeof key);
        return BIOTDM_ERR_CLUSTER_MESSAGE_INVALID;
    }
    if (now >= g.expires_at) {
        memset(key, 0, sizeof key);
        return BIOTDM_ERR_CLUSTER_KEY_EXPIRED;
    }
    memset(c, 0, sizeof *c);
    memcpy(c->key_id, g.key_id, 16);
    memcpy(c->key, key, 32);
    memset(key, 0, sizeof key);
    c->expires_at = g.expires_at;
    c->direction = strcmp(member, g.first) == 0 ? 1 : 2;
    return BIOTDM_OK;
}

/* H = label || keyId || direction || u64 counter into h; nonce = direction || 00 00 00 || u64 counter. */
static void header(const uint8_t key_id[16], uint8_t direction, uint32_t counter, uint8_t h[BIOTDM_CLUSTER_HEADER_LEN],
                   uint8_t nonce[12]) {
    cursor c = {h, NULL, BIOTDM_CLUSTER_HEADER_LEN, 0, 0};
    put(&c, MSG, sizeof MSG);
    put(&c, key_id, 16);
    put(&c, &direction, 1);
    put_u64(&c, counter);
    memset(nonce, 0, 12);
    nonce[0] = direction;
    enc64be(nonce + 4, counter);
}

int biotdm_cluster_seal(biotdm_cluster_channel *c, uint64_t now, const uint8_t *plaintext, size_t len, uint8_t *out,
                        size_t cap) {
    uint8_t nonce[12];
    if (now >= c->expires_at || c->sent == COUNTER_MAX) {
        return BIOTDM_ERR_CLUSTER_KEY_EXPIRED;
    }
    if (len > BIOTDM_CLUSTER_PLAINTEXT_MAX) {
        return BIOTDM_ERR_CLUSTER_MESSAGE_INVALID;
    }
    if (cap < BIOTDM_CLUSTER_HEADER_LEN + len + 16) {
        return BIOTDM_ERR_BUFFER;
    }
    header(c->key_id, c->direction, ++c->sent, out, nonce);
    memmove(out + BIOTDM_CLUSTER_HEADER_LEN, plaintext, len);
    biotdm_cluster_gcm_seal(c->key, nonce, out, BIOTDM_CLUSTER_HEADER_LEN, out + BIOTDM_CLUSTER_HEADER_LEN, len,
             out + BIOTDM_CLUSTER_HEADER_LEN + len);
    return (int)(BIOTDM_CLUSTER_HEADER_LEN + len + 16);
}

/* Step 5: a counter above the highest, or at most 64 below it and not yet received. */
static int fresh(const biotdm_cluster_channel *c, uint32_t counter) {
    uint32_t below = c->highest - counter;
    return counter > c->highest || (below < 64 && ((c->window >> below) & 1) == 0);
}

static void remember(biotdm_cluster_channel *c, uint32_t counter) {
    if (counter > c->highest) {
        uint32_t shift = counter - c->highest;
        c->window = shift >= 64 ? 0 : c->window << shift;
        c->highest = counter;
    }
    c->window |= (uint64_t)1 << (c->highest - counter);
}

int biotdm_cluster_open(biotdm_cluster_channel *c, uint64_t now, const uint8_t *message, size_t len, uint8_t *out,
                        size_t cap) {
    cursor r = {NULL, message, len, 0, 0};
    uint8_t h[BIOTDM_CLUSTER_HEADER_LEN], nonce[12];
    const uint8_t *key_id, *direction;
    uint64_t counter;
    size_t n;
    int labelled = take_label(&r, MSG);
    key_id = take(&r, 16), direction = take(&r, 1), counter = take_u64(&r);
    if (!labelled || r.bad || len < BIOTDM_CLUSTER_HEADER_LEN + 16
            || (n = len - BIOTDM_CLUSTER_HEADER_LEN - 16) > BIOTDM_CLUSTER_PLAINTEXT_MAX) {
        return BIOTDM_ERR_CLUSTER_MESSAGE_INVALID;
    }
    if (memcmp(key_id, c->key_id, 16) != 0) {
        return BIOTDM_ERR_CLUSTER_KEY_UNKNOWN;
    }
    if (now >= c->expires_at) {
        return BIOTDM_ERR_CLUSTER_KEY_EXPIRED;
    }
    if (*direction != 3 - c->direction || counter == 0 || counter > COUNTER_MAX) {
        return BIOTDM_ERR_CLUSTER_MESSAGE_INVALID;
    }
    if (!fresh(c, (uint32_t)counter)) {
        return BIOTDM_ERR_CLUSTER_NONCE_REUSED;
    }
    if (n > cap) {
        return BIOTDM_ERR_BUFFER;
    }
    header(c->key_id, *direction, (uint32_t)counter, h, nonce);
    memcpy(out, message + BIOTDM_CLUSTER_HEADER_LEN, n);
    if (!biotdm_cluster_gcm_open(c->key, nonce, h, sizeof h, out, n, message + BIOTDM_CLUSTER_HEADER_LEN + n)) {
        memset(out, 0, n);
        return BIOTDM_ERR_CLUSTER_MESSAGE_INVALID;
    }
    remember(c, (uint32_t)counter);
    return (int)n;
}

const char *biotdm_cluster_error_code(int status) {
    static const char *const CODES[] = {"CLUSTER_EXCHANGE_INVALID", "CLUSTER_SIGNATURE_INVALID",
                                        "CLUSTER_MESSAGE_INVALID",  "CLUSTER_KEY_UNKNOWN",
                                        "CLUSTER_KEY_EXPIRED",      "CLUSTER_NONCE_REUSED"};
    int index = BIOTDM_ERR_CLUSTER_EXCHANGE_INVALID - status;
    return index >= 0 && index < (int)(sizeof CODES / sizeof CODES[0]) ? CODES[index] : NULL;
}
